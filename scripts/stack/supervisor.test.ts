import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../testing/eventually.ts';
import { spawnService } from './child-process.ts';
import { describeExit, nextBackoff, supervise, type SupervisorEvent, type SupervisorPolicy } from './supervisor.ts';

const policy: SupervisorPolicy = { initialBackoffMs: 50, maxBackoffMs: 400, maxCrashes: 3, windowMs: 10_000 };

describe('nextBackoff', () => {
  it('doubles with each recent crash up to the cap, and gives up after too many within the window', () => {
    expect(nextBackoff([1000], 1000, policy)).toBe(50);
    expect(nextBackoff([900, 1000], 1000, policy)).toBe(100);
    expect(nextBackoff([800, 900, 1000], 1000, policy)).toBeNull();
    expect(nextBackoff([1000], 1000, { ...policy, maxCrashes: 10, initialBackoffMs: 300 })).toBe(300);
    expect(nextBackoff([1, 2, 3, 4, 1000], 1000, { ...policy, maxCrashes: 10 })).toBe(400);
  });

  it('forgets crashes older than the window', () => {
    expect(nextBackoff([0, 1, 20_000], 20_000, policy)).toBe(50);
  });
});

describe('describeExit', () => {
  it('names the signal or the exit code', () => {
    expect(describeExit(null, 'SIGKILL')).toBe('killed by SIGKILL');
    expect(describeExit(3, null)).toBe('exited with code 3');
  });
});

describe('supervise', () => {
  const startSleeper = async (logFile: string) =>
    spawnService({
      name: 'sleeper',
      command: process.execPath,
      args: ['-e', "console.log('sleeper up ' + process.pid); setInterval(() => {}, 1000)"],
      env: process.env,
      logFile,
      readyLine: /^sleeper up/,
    });

  it('starts a killed process again, says why it died with its last log lines, and a stop is not a crash', async () => {
    const logFile = join(await mkdtemp(join(tmpdir(), 'orc-supervise-')), 'sleeper.log');
    const events: SupervisorEvent[] = [];
    const supervised = supervise(await startSleeper(logFile), () => startSleeper(logFile), (event) => events.push(event), policy);
    const firstPid = supervised.pid;
    supervised.child.kill('SIGKILL');
    await eventually(async () => expect(supervised.restarts).toBe(1), { timeoutMs: 10_000 });
    expect(supervised.pid).not.toBe(firstPid);
    expect(events[0]).toMatchObject({ kind: 'crashed', name: 'sleeper', why: 'killed by SIGKILL', restartInMs: 50 });
    expect(events[0]?.kind === 'crashed' && events[0].lastLines).toContain(`sleeper up ${firstPid}`);
    expect(events[1]).toMatchObject({ kind: 'restarted', pid: supervised.pid });

    await supervised.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events).toHaveLength(2);
    expect(supervised.child.signalCode ?? supervised.child.exitCode).not.toBeNull();
    expect(await readFile(logFile, 'utf8')).toContain(`sleeper up ${supervised.pid}`);
  });

  it('gives up loudly on a process that keeps dying', async () => {
    const logFile = join(await mkdtemp(join(tmpdir(), 'orc-supervise-')), 'crasher.log');
    const startCrasher = () =>
      spawnService({ name: 'crasher', command: process.execPath, args: ['-e', "console.error('boom: no database'); setTimeout(() => process.exit(3), 100)"], env: process.env, logFile });
    const events: SupervisorEvent[] = [];
    const supervised = supervise(await startCrasher(), startCrasher, (event) => events.push(event), policy);
    await eventually(async () => expect(events.some((e) => e.kind === 'gave-up')).toBe(true), { timeoutMs: 10_000 });
    expect(events.filter((e) => e.kind === 'restarted')).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ kind: 'gave-up', name: 'crasher', why: 'exited with code 3', crashes: 3 });
    expect(events.find((e) => e.kind === 'crashed')).toMatchObject({ lastLines: expect.stringContaining('boom: no database') });
    await supervised.stop();
  });
});
