// Keeping the stack's processes up: when the worker, the web app or the Temporal dev server dies on
// its own (a crash, an OOM kill, a `kill -9`), the launcher starts it again after a short backoff,
// says why it died (exit code or signal, the last lines of its log), and gives up loudly when it keeps dying.
// A stop the launcher asked for is not a crash.
import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { ServiceProcess } from './child-process.ts';

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface SupervisorPolicy {
  /** The first wait before a restart; it doubles with each crash in a row, up to maxBackoffMs. */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** Given up after this many crashes within windowMs. */
  maxCrashes: number;
  windowMs: number;
}

export const DEFAULT_POLICY: SupervisorPolicy = { initialBackoffMs: 500, maxBackoffMs: 30_000, maxCrashes: 5, windowMs: 120_000 };

export type SupervisorEvent =
  | { kind: 'crashed'; name: string; why: string; lastLines: string; restartInMs: number }
  | { kind: 'restarted'; name: string; pid: number | undefined; afterMs: number }
  | { kind: 'gave-up'; name: string; why: string; crashes: number; windowMs: number }
  | { kind: 'restart-failed'; name: string; error: string };

/** How long to wait before the restart that follows `crashTimes` (the latest last), or null to give up. */
export function nextBackoff(crashTimes: readonly number[], now: number, policy: SupervisorPolicy): number | null {
  const recent = crashTimes.filter((t) => now - t <= policy.windowMs);
  if (recent.length >= policy.maxCrashes) return null;
  return Math.min(policy.initialBackoffMs * 2 ** Math.max(0, recent.length - 1), policy.maxBackoffMs);
}

/** Exit code or signal, as a person would say it. */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `killed by ${signal}`;
  return `exited with code ${code ?? '?'}`;
}

async function lastLines(file: string, count: number): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

export interface Supervised {
  readonly name: string;
  readonly pid: number | undefined;
  readonly child: ChildProcess;
  /** Crashes restarted so far. */
  readonly restarts: number;
  /** Stops the process and its supervision: what follows is not a crash. */
  stop(): Promise<void>;
}

/**
 * Watches `first` and, each time its process exits without being asked to, waits and calls
 * `start` for a new one (which resolves once the new one is ready).
 */
export function supervise(
  first: ServiceProcess,
  start: () => Promise<ServiceProcess>,
  onEvent: (event: SupervisorEvent) => void,
  policy: SupervisorPolicy = DEFAULT_POLICY,
): Supervised {
  let current = first;
  let stopping = false;
  let restarts = 0;
  const crashTimes: number[] = [];

  const watch = (service: ServiceProcess) => {
    service.child.once('exit', (code, signal) => {
      if (stopping || service !== current) return;
      void recover(service, describeExit(code, signal));
    });
  };

  async function recover(dead: ServiceProcess, why: string): Promise<void> {
    const now = Date.now();
    crashTimes.push(now);
    const lines = await lastLines(dead.logFile, 10);
    const backoff = nextBackoff(crashTimes, now, policy);
    if (backoff === null) {
      onEvent({ kind: 'gave-up', name: dead.name, why, crashes: crashTimes.filter((t) => now - t <= policy.windowMs).length, windowMs: policy.windowMs });
      return;
    }
    onEvent({ kind: 'crashed', name: dead.name, why, lastLines: lines, restartInMs: backoff });
    await delay(backoff);
    if (stopping) return;
    try {
      const next = await start();
      if (stopping) {
        await next.stop();
        return;
      }
      current = next;
      restarts += 1;
      watch(next);
      onEvent({ kind: 'restarted', name: next.name, pid: next.child.pid, afterMs: Date.now() - now });
    } catch (err) {
      onEvent({ kind: 'restart-failed', name: dead.name, error: err instanceof Error ? err.message : String(err) });
      // Starting failed is a crash too: try again, or give up, by the same policy.
      if (!stopping) await recover(dead, `could not be started again (${err instanceof Error ? err.message : String(err)})`);
    }
  }

  watch(first);
  return {
    name: first.name,
    get pid() {
      return current.child.pid;
    },
    get child() {
      return current.child;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      stopping = true;
      await current.stop();
    },
  };
}

/** One line (or a few) for the launcher's output. */
export function formatSupervisorEvent(event: SupervisorEvent): string {
  switch (event.kind) {
    case 'crashed':
      return `${event.name} ${event.why}; starting it again in ${(event.restartInMs / 1000).toFixed(1)}s${event.lastLines ? `. Last lines of its log:\n${event.lastLines.replace(/^/gm, '    ')}` : ''}`;
    case 'restarted':
      return `${event.name} is back (pid ${event.pid ?? '?'}), ${(event.afterMs / 1000).toFixed(1)}s after it died`;
    case 'restart-failed':
      return `${event.name} could not be started again: ${event.error}`;
    case 'gave-up':
      return `GIVING UP on ${event.name}: it died ${event.crashes} times within ${event.windowMs / 1000}s (last: ${event.why}). Look at its log, fix the cause, and run npm start again.`;
  }
}
