// Starting the stack's child processes: each logs to a file in the data dir, and is ready
// when a line it prints (or a probe) says so. Children die with the launcher.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { describeExit, supervise, type SupervisorEvent, type SupervisorPolicy } from './supervisor.ts';

export interface Supervision {
  onEvent(event: SupervisorEvent): void;
  policy?: SupervisorPolicy;
}

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
  /** Ready when this resolves true (polled; for a server that prints no line saying so). */
  readyProbe?: () => Promise<boolean>;
  /** In a session of its own: a Ctrl-C at the terminal then reaches only the launcher, which stops it. */
  detached?: boolean;
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
    detached: options.detached ?? false,
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
        // Closing a readline interface pauses its input: without this the log would get no
        // more output, and a service that keeps logging would block once the pipe is full.
        child.stdout?.resume();
        child.stderr?.resume();
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
  if (options.readyProbe) {
    const timeoutMs = options.timeoutMs ?? 60_000;
    let exit: string | null = null;
    child.once('exit', (code, signal) => (exit = describeExit(code, signal)));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (exit !== null) throw new ServiceStartError(`${options.name} ${exit} while starting; see ${options.logFile}`);
      if (await options.readyProbe().catch(() => false)) break;
      if (Date.now() > deadline) {
        await stop();
        throw new ServiceStartError(`${options.name} did not get ready within ${timeoutMs / 1000}s; see ${options.logFile}`);
      }
      await delay(200);
    }
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

/** A service that can be killed and started again with the same options (durability tests). */
export interface RestartableService {
  readonly name: string;
  /** The running process's id (the latest one after a restart). */
  readonly pid: number | undefined;
  readonly child: ChildProcess;
  readonly logFile: string;
  /** Sends `signal` and resolves once the process has exited: SIGKILL stands in for a crash. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the process if it still runs, then starts it again and waits until it is ready. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * With `supervision`, a process that dies on its own is started again by the supervisor
 * (supervisor.ts); `kill` then stands in for a crash the supervisor recovers from.
 */
export async function spawnRestartableService(options: SpawnServiceOptions, supervision?: Supervision): Promise<RestartableService> {
  const start = () => spawnService(options);
  const watched = (service: ServiceProcess): ServiceProcess => {
    if (!supervision) return service;
    const supervised = supervise(service, start, supervision.onEvent, supervision.policy);
    return { name: service.name, logFile: service.logFile, get child() { return supervised.child; }, stop: () => supervised.stop() };
  };
  let current = watched(await start());
  const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;
  return {
    name: options.name,
    logFile: options.logFile,
    get pid() {
      return current.child.pid;
    },
    get child() {
      return current.child;
    },
    kill(signal = 'SIGTERM') {
      const { child } = current;
      return new Promise<void>((resolve) => {
        if (exited(child)) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      });
    },
    async restart() {
      await current.stop();
      current = watched(await start());
    },
    // Always the latest process, so the stack's teardown stops a restarted one too.
    stop: () => current.stop(),
  };
}
