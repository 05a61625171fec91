// Starting the stack's child processes: each logs to a file in the data dir, and is ready
// when a line it prints (or a probe) says so. Children die with the launcher.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

export interface SpawnServiceOptions {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  logFile: string;
  cwd?: string;
  /** Ready when a line of output matches. */
  readyLine?: RegExp;
  timeoutMs?: number;
}

export class ServiceStartError extends Error {
  override name = 'ServiceStartError';
}

export async function spawnService(options: SpawnServiceOptions): Promise<ServiceProcess> {
  await mkdir(dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(options.command, options.args, {
    env: options.env,
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });

  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(killer);
        resolve();
      });
      child.kill('SIGTERM');
    });

  if (options.readyLine) {
    const readyLine = options.readyLine;
    const timeoutMs = options.timeoutMs ?? 60_000;
    await new Promise<void>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      const errLines = createInterface({ input: child.stderr! });
      const timer = setTimeout(() => fail(`did not get ready within ${timeoutMs / 1000}s`), timeoutMs);
      function fail(why: string) {
        clearTimeout(timer);
        lines.close();
        errLines.close();
        child.kill('SIGKILL');
        reject(new ServiceStartError(`${options.name} ${why}; see ${options.logFile}`));
      }
      const onLine = (line: string) => {
        if (!readyLine.test(line)) return;
        clearTimeout(timer);
        lines.close();
        errLines.close();
        child.off('exit', onExit);
        resolve();
      };
      const onExit = (code: number | null) => fail(`exited with code ${code} while starting`);
      lines.on('line', onLine);
      errLines.on('line', onLine);
      child.once('exit', onExit);
      child.once('error', (err) => fail(`could not be started (${err.message})`));
    });
  }
  return { name: options.name, child, logFile: options.logFile, stop };
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` resolves truthy. */
export async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new ServiceStartError(`${what} did not become ready within ${timeoutMs / 1000}s`);
    await delay(100);
  }
}
