// Runs a person's configured command (a team's `setup:` or `check:`) as an argument array,
// never through a shell, and keeps what it printed in a log file. The result carries the last
// lines, which is what people and agents are shown; the log keeps the whole.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface LoggedCommandInput {
  /** Program first; possibly already wrapped (bwrap … -- program args). */
  argv: string[];
  cwd: string;
  /** The command as the spec wrote it: the log's first line. */
  shownAs: string;
  logFile: string;
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
}

export interface LoggedCommandResult {
  /** Null when it was stopped (its time ran out) or could not start. */
  exitCode: number | null;
  output: string;
  durationMs: number;
}

const LOG_BUFFER_BYTES = 32 * 1024 * 1024;

/** The last lines of a command's output, as shown to people. */
export const outputTail = (text: string, lines = 20): string => text.split('\n').slice(-lines).join('\n');

export async function runLoggedCommand(input: LoggedCommandInput): Promise<LoggedCommandResult> {
  const [program = '', ...args] = input.argv;
  await mkdir(dirname(input.logFile), { recursive: true });
  const started = performance.now();
  const { exitCode, output } = await new Promise<{ exitCode: number | null; output: string }>((resolve) => {
    const child = execFile(program, args, { cwd: input.cwd, timeout: input.timeoutMs, maxBuffer: LOG_BUFFER_BYTES, ...(input.env ? { env: input.env } : {}) }, (error, stdout, stderr) => {
      const out = `${stdout}${stderr}`;
      if (!error) return resolve({ exitCode: 0, output: out });
      // A number is the command's own exit status; anything else (a signal, ENOENT) is orc's to say.
      resolve({ exitCode: typeof error.code === 'number' ? error.code : null, output: `${out}${typeof error.code === 'number' ? '' : `\n${error.message}\n`}` });
    });
    child.stdin?.end();
  });
  await writeFile(input.logFile, `$ ${input.shownAs}\n${output}\n[exit ${exitCode ?? 'killed'}]\n`);
  return { exitCode, output, durationMs: Math.round(performance.now() - started) };
}
