import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../testing/eventually.ts';
import { freePort } from '../../testing/free-port.ts';
import { devServerArgs, findTemporalCli, startTemporalDevServer, temporalAnswers } from './temporal-server.ts';
import type { SupervisorEvent, SupervisorPolicy } from './supervisor.ts';

describe('devServerArgs', () => {
  it('keeps the state in the SQLite file and serves the Web UI on its own port', () => {
    expect(devServerArgs({ ip: '127.0.0.1', port: 7233, uiPort: 8233, dbFile: '/data/temporal.sqlite' })).toEqual([
      'server', 'start-dev', '--ip', '127.0.0.1', '--port', '7233', '--log-level', 'warn',
      '--db-filename', '/data/temporal.sqlite', '--ui-port', '8233', '--ui-ip', '127.0.0.1',
    ]);
  });

  it('runs headless and in memory without a UI port and a file', () => {
    expect(devServerArgs({ ip: '127.0.0.1', port: 7300, uiPort: null, dbFile: null })).toEqual([
      'server', 'start-dev', '--ip', '127.0.0.1', '--port', '7300', '--log-level', 'warn', '--headless',
    ]);
  });
});

const policy: SupervisorPolicy = { initialBackoffMs: 100, maxBackoffMs: 1_000, maxCrashes: 3, windowMs: 60_000 };

describe.skipIf(findTemporalCli() === null)('a supervised dev server', () => {
  it('comes back on the same address and file after a SIGKILL, and a stop is not a crash', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orc-temporal-supervised-'));
    const events: SupervisorEvent[] = [];
    const server = await startTemporalDevServer({
      ip: '127.0.0.1',
      port: await freePort(),
      uiPort: null,
      dbFile: join(dir, 'temporal.sqlite'),
      logFile: join(dir, 'temporal.log'),
      supervision: { onEvent: (event) => events.push(event), policy },
    });
    try {
      const killedPid = server.pid;
      expect(killedPid).toBeGreaterThan(0);
      await server.kill?.('SIGKILL');
      await eventually(async () => expect(events.map((e) => e.kind)).toEqual(['crashed', 'restarted']), { timeoutMs: 60_000 });
      expect(events[0]).toMatchObject({ kind: 'crashed', name: 'temporal', why: 'killed by SIGKILL', restartInMs: 100 });
      expect(server.pid).not.toBe(killedPid);
      expect(await temporalAnswers(server.address)).toBe(true);

      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(events).toHaveLength(2);
      await expect(temporalAnswers(server.address)).rejects.toThrow();
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
