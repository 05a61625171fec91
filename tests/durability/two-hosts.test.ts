// Two hosts in one test: a second host worker with its own host name, data dir and tmux server
// (as a second machine would run it: same Temporal, the server's secret key, no database),
// an agent on each. The second host's worker is killed: the first host's agent carries on, the
// second's shows `host unreachable`, and what is sent to it meanwhile (a message, a check-in) is
// accepted at once and arrives once, after the host's worker is back.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataLayout } from '../../domain/data-layout.ts';
import { REPO_ROOT } from '../../scripts/stack/stack.ts';
import { spawnRestartableService, type RestartableService } from '../../scripts/stack/child-process.ts';
import { eventually } from '../../testing/eventually.ts';
import { startOwnStack, type OwnStack } from '../../testing/own-stack.ts';
import { checkinText, countLines, messageLog } from './deliveries.ts';

const run = promisify(execFile);
const HOST_B = 'second-host';
const ON_A = 'two/on-a';
const ON_B = 'two/on-b';

let own: OwnStack;
let hostB: RestartableService;
let hostBData: string;
let project: string;
const tmuxB = `orc-two-hosts-b-${process.pid}`;

interface HostList {
  hosts: Array<{ host: string; presence: { state: string }; pollers: unknown[]; agents: number }>;
  workflowPollers: unknown[];
}

interface StatusEntry {
  id: string;
  host: string;
  state: string;
  problem: string | null;
}

const statusOf = async (id: string): Promise<StatusEntry | undefined> =>
  (JSON.parse(await own.orc(['status', '--json'])) as StatusEntry[]).find((a) => a.id === id);

beforeAll(async () => {
  own = await startOwnStack('two-hosts');
  hostBData = await mkdtemp(join(tmpdir(), 'orc-two-hosts-b-'));
  project = await mkdtemp(join(tmpdir(), 'orc-two-hosts-project-'));
  const secretKey = (await readFile(dataLayout(own.dataDir).secretKey, 'utf8')).trim();
  hostB = await spawnRestartableService({
    name: 'worker-b',
    command: process.execPath,
    args: [join(REPO_ROOT, 'workers', 'host-worker.ts')],
    env: {
      ...process.env,
      ORC_HOST_NAME: HOST_B,
      ORC_DATA_DIR: hostBData,
      ORC_TMUX_SOCKET: tmuxB,
      TEMPORAL_ADDRESS: own.stack.temporalAddress,
      ORC_SECRET_KEY: secretKey,
      DATABASE_URL: '',
      ORC_WORKFLOW_BUNDLE: dataLayout(own.dataDir).workflowBundle,
    },
    logFile: join(hostBData, 'worker-b.log'),
    readyLine: /^worker ready/,
    timeoutMs: 120_000,
  });
  await own.orc(['agent', 'start', ON_A, '--project', project, '--cmd', 'bash --norc --noprofile']);
  await own.orc(['agent', 'start', ON_B, '--project', project, '--cmd', 'bash --norc --noprofile', '--host', HOST_B]);
});

afterAll(async () => {
  await own?.orc(['agent', 'stop', ON_B]).catch(() => undefined);
  await hostB?.stop();
  await run('tmux', ['-L', tmuxB, 'kill-server']).catch(() => undefined);
  await own?.stop();
  for (const dir of [hostBData, project]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('two hosts, one of them gone', () => {
  it('keeps the other host going, says which host is unreachable, and delivers what waited once it is back', async () => {
    // Each agent runs on its own host's tmux server.
    expect(await statusOf(ON_B)).toMatchObject({ host: HOST_B, state: 'idle' });
    expect((await run('tmux', ['-L', tmuxB, 'list-windows', '-a', '-F', '#{window_name}'])).stdout).toContain('on-b');
    expect(await own.orc(['send', ON_B, 'echo two-before'])).toContain('confirmed');
    const hostsBefore = JSON.parse(await own.orc(['hosts', '--json'])) as HostList;
    expect(hostsBefore.hosts.map((h) => [h.host, h.presence.state, h.agents])).toEqual([['second-host', 'up', 1], ['two-hosts-host', 'up', 1]]);
    expect(hostsBefore.hosts.every((h) => h.pollers.length >= 1)).toBe(true);
    expect(hostsBefore.workflowPollers.length).toBeGreaterThanOrEqual(2);

    const killedAt = Date.now();
    await hostB.kill('SIGKILL');
    await eventually(async () => expect(await statusOf(ON_B)).toMatchObject({ state: 'unreachable', problem: expect.stringContaining(`host ${HOST_B} unreachable`) }), { timeoutMs: 20_000 });
    process.stderr.write(`[two-hosts] ${HOST_B} shown unreachable ${((Date.now() - killedAt) / 1000).toFixed(1)} s after its worker was killed\n`);

    // The first host carries on: its agent is idle, takes a message and confirms it.
    expect((await statusOf(ON_A))?.state).toBe('idle');
    expect(await own.orc(['send', ON_A, 'echo two-on-a-meanwhile'])).toContain('confirmed');
    expect(await own.orc(['status'])).toMatch(/two\/on-b\s+host unreachable/);
    const hostsAfter = await own.orc(['hosts']);
    expect(hostsAfter).toMatch(/^second-host\s+unreachable\s/m);
    expect(hostsAfter).toMatch(/^two-hosts-host\s+up\s/m);
    const doctor = JSON.parse((await own.runOrc(['doctor', '--json'])).stdout) as { checks: Array<{ check: string; status: string; detail: string; fix: string }> };
    expect(doctor.checks.find((c) => c.check === 'workers')).toMatchObject({ status: 'fail', detail: 'second-host (1 agents): no worker polls its queue', fix: expect.stringContaining(`ORC_HOST_NAME=${HOST_B}`) });

    // The gone host's agent: each answer comes at once and says what is missing.
    const started = Date.now();
    const capture = await own.runOrc(['capture', ON_B]);
    expect(capture.code).not.toBe(0);
    expect(capture.stderr).toContain(`host ${HOST_B} unreachable`);
    expect(capture.stderr).toContain(`ORC_HOST_NAME=${HOST_B} node workers/host-worker.ts`);
    const queued = JSON.parse(await own.orc(['send', ON_B, 'echo two-while-away', '--json'])) as { id: string; state: string };
    expect(queued.state).toBe('queued');
    const checkin = await own.orc(['checkin', '--agent', ON_B, '2s', 'two-checkin-while-away']);
    expect(checkin).toContain(`queued: host ${HOST_B} unreachable`);
    expect(Date.now() - started).toBeLessThan(10_000);
    // Queued check-ins count against the agent's cap although its workflow cannot be asked: with
    // 99 more listed (as an agent calling in a loop would leave them), the next is refused.
    const sql = postgres(own.databaseUrl, { max: 1 });
    try {
      const filler = Array.from({ length: 99 }, (_, i) => ({ id: `fill${String(i).padStart(4, '0')}`, team: 'two', agent: 'on-b', due_at: new Date(Date.now() + 3600_000), note: 'filler', created_by: 'test', state: 'pending', created_at: new Date() }));
      await sql`insert into checkins ${sql(filler)}`;
      const overCap = await own.runOrc(['checkin', '--agent', ON_B, '1h', 'one-too-many']);
      expect(overCap.code).not.toBe(0);
      expect(overCap.stderr).toContain(`agent ${ON_B} already has 100 pending check-ins; cancel some first`);
      await sql`delete from checkins where id like 'fill%'`;
    } finally {
      await sql.end();
    }
    // Restarting needs the host; it is refused with the reason rather than left half done.
    const restart = await own.runOrc(['agent', 'restart', ON_B]);
    expect(restart.code).not.toBe(0);
    expect(restart.stderr).toContain(`host ${HOST_B} unreachable`);

    await hostB.restart();
    await eventually(async () => expect((await statusOf(ON_B))?.state).toBe('idle'), { timeoutMs: 30_000 });
    await eventually(async () => {
      const pane = await own.orc(['capture', ON_B, '--lines', '500']);
      expect(countLines(pane, /^two-while-away$/)).toBe(1);
      expect(countLines(pane, checkinText('two-checkin-while-away'))).toBe(1);
    }, { timeoutMs: 60_000 });
    const log = (await messageLog(own, 'two')).filter((e) => e.to === ON_B);
    expect(log.filter((e) => e.text === 'echo two-while-away').map((e) => [e.id, e.state])).toEqual([[queued.id, 'confirmed']]);
    expect(log.filter((e) => checkinText('two-checkin-while-away').test(e.text)).map((e) => e.state)).toEqual(['confirmed']);
    // The first host's agent saw none of it.
    const paneA = await own.orc(['capture', ON_A, '--lines', '500']);
    expect(paneA).not.toContain('two-while-away');
    expect(countLines(paneA, /^two-on-a-meanwhile$/)).toBe(1);
  });
});
