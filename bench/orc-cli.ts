// The orc CLI as a person runs it: a separate process, so its timings include Node's start.
import { execFile } from 'node:child_process';
import { ORC } from './paths.ts';

const CLI_TIMEOUT_MS = 120_000;

export function orc(args: string[], env: NodeJS.ProcessEnv, timeoutMs = CLI_TIMEOUT_MS): Promise<{ stdout: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [ORC, ...args], { env, timeout: timeoutMs, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      if (error?.killed) reject(new Error(`orc ${args.join(' ')}: no answer within ${timeoutMs / 1000}s`));
      else if (error) reject(new Error(`orc ${args.join(' ')}: ${stderr || error.message}`));
      else resolve({ stdout, ms: performance.now() - started });
    });
  });
}
