// A team's `setup:` command (e.g. `npm ci`), run once in each new worktree before its agent starts:
// as an argument array (never a shell), in the worktree, with its output kept in a log file. A
// marker beside the log says it ran, so a restart of the agent does not run it again.
import { execFile } from 'node:child_process';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseAgentCommand } from '../../domain/agent-command.ts';

export interface WorktreeSetupInput {
  worktreeDir: string;
  command: string;
  /** Where its output goes (stdout and stderr, as they came). */
  logFile: string;
  /** Written once the command succeeded: it then is not run again in this worktree. */
  doneFile: string;
  timeoutMs?: number;
}

export type WorktreeSetupResult =
  | { outcome: 'ran'; exitCode: 0; tail: string; logFile: string }
  | { outcome: 'already-done' }
  | { outcome: 'failed'; exitCode: number | null; tail: string; logFile: string };

const tailOf = (text: string) => text.split('\n').slice(-20).join('\n');

export async function runWorktreeSetup(input: WorktreeSetupInput): Promise<WorktreeSetupResult> {
  if (await stat(input.doneFile).then(() => true, () => false)) return { outcome: 'already-done' };
  const [program = '', ...args] = parseAgentCommand(input.command);
  await mkdir(dirname(input.logFile), { recursive: true });
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = execFile(program, args, { cwd: input.worktreeDir, timeout: input.timeoutMs ?? 15 * 60_000, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      const out = `${stdout}${stderr}`;
      if (!error) return resolve({ code: 0, output: out });
      resolve({ code: typeof error.code === 'number' ? error.code : null, output: `${out}${typeof error.code === 'number' ? '' : `\n${error.message}\n`}` });
    });
    child.stdin?.end();
  });
  await writeFile(input.logFile, `$ ${input.command}\n${output}\n[exit ${code ?? 'killed'}]\n`);
  if (code !== 0) return { outcome: 'failed', exitCode: code, tail: tailOf(output), logFile: input.logFile };
  await writeFile(input.doneFile, `${new Date().toISOString()}\n`);
  return { outcome: 'ran', exitCode: 0, tail: tailOf(output), logFile: input.logFile };
}
