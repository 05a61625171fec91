// Chaos under `npm start`'s supervision: a team of three shell agents with check-ins pending
// and messages coming, while the worker, the web app and the Temporal dev server are each
// killed with SIGKILL (and brought back by the supervisor, not by the test), and then the
// database connections of the web app and the worker are terminated (they must reconnect by
// themselves). Messages sent while a piece is down are accepted (queued, or retried until the
// API answers again). Afterwards no accepted message and no check-in is lost or doubled, every
// agent is back in its state, and the time each piece took to recover is printed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../testing/eventually.ts';
import { startOwnStack, type OwnStack } from '../../testing/own-stack.ts';
import { expectCheckinsDeliveredOnce, pendingNotes } from './deliveries.ts';
import { MessageLedger } from './message-ledger.ts';

const TEAM = 'chaos';
const AGENTS = ['chaos/a', 'chaos/b', 'chaos/c'];
/** The agent whose sends measure the time to recover. */
const PROBE_AGENT = 'chaos/a';
/** Loaded 2-core machines take many seconds to bring a piece back; the bound is for hangs, not speed. */
const RECOVER_MS = 150_000;
/** Each kill, with the sends and the waits around it. */
const PHASE_TIMEOUT_MS = 400_000;

const CHECKINS = [
  { which: 'soon', due: '5s' },
  { which: 'later', due: '30s' },
];

let own: OwnStack;
let project: string;
let ledger: MessageLedger;
const notes = new Map<string, string[]>(AGENTS.map((agent) => [agent, []]));
const recoveries: Array<{ what: string; ms: number }> = [];
let statesBefore: Record<string, string>;

async function agentStates(): Promise<Record<string, string>> {
  const status = JSON.parse(await own.orc(['status', '--json'])) as Array<{ id: string; state: string }>;
  return Object.fromEntries(status.filter((a) => AGENTS.includes(a.id)).map((a) => [a.id, a.state]));
}

/** Two check-ins per agent, scheduled once `orc checkin` answers: one due about while the piece is down, one well after it is back. */
async function scheduleCheckins(phase: string): Promise<void> {
  await Promise.all(
    AGENTS.flatMap((agent) =>
      CHECKINS.map(async ({ which, due }) => {
        const note = `chaos-${phase}-${which}`;
        await own.orc(['checkin', '--agent', agent, due, note]);
        notes.get(agent)!.push(note);
      }),
    ),
  );
}

/**
 * Kills a piece, sends one message to each agent while it is down (accepted: queued, or
 * retried until the API answers), then times from the kill until a send to the probe agent
 * is confirmed again, and waits until every agent is back in its state.
 */
async function chaos(phase: string, kill: () => Promise<void>): Promise<number> {
  await scheduleCheckins(phase);
  const killedAt = Date.now();
  await kill();
  await Promise.all(AGENTS.map((agent) => ledger.sendUntilAccepted(agent, `chaos-${phase}-down`, { timeoutMs: RECOVER_MS })));
  await eventually(async () => expect((await ledger.sendOnce(PROBE_AGENT, `chaos-${phase}-probe`)).accepted).toBe('confirmed'), { timeoutMs: RECOVER_MS, intervalMs: 500 });
  const ms = Date.now() - killedAt;
  recoveries.push({ what: phase, ms });
  process.stderr.write(`[chaos] ${phase}: a send confirmed again ${(ms / 1000).toFixed(1)} s after the kill\n`);
  await eventually(async () => expect(await agentStates()).toEqual(statesBefore), { timeoutMs: 60_000, intervalMs: 1_000 });
  // And one more message each, now that everything is up.
  await Promise.all(AGENTS.map((agent) => ledger.sendUntilAccepted(agent, `chaos-${phase}-after`)));
  return ms;
}

function restartsOf(name: string): number {
  return own.supervisorEvents.filter((e) => e.kind === 'restarted' && e.name === name).length;
}

beforeAll(async () => {
  own = await startOwnStack('chaos', { supervise: true });
  ledger = new MessageLedger(own);
  project = await mkdtemp(join(tmpdir(), 'orc-chaos-project-'));
  for (const agent of AGENTS) await own.orc(['agent', 'start', agent, '--project', project, '--cmd', 'bash --norc --noprofile']);
  await Promise.all(AGENTS.map((agent) => ledger.sendUntilAccepted(agent, 'chaos-start')));
  statesBefore = await agentStates();
  expect(Object.keys(statesBefore).sort()).toEqual(AGENTS);
});

afterAll(async () => {
  if (recoveries.length > 0) {
    process.stderr.write(`[chaos] time to recover (kill → a send confirmed again): ${recoveries.map((r) => `${r.what} ${(r.ms / 1000).toFixed(1)} s`).join(', ')}\n`);
  }
  await own?.stop();
  if (project) await rm(project, { recursive: true, force: true });
});

describe('chaos on a supervised stack', () => {
  it('a SIGKILLed worker comes back by itself; sends meanwhile are queued', async () => {
    const killedPid = own.stack.worker.pid;
    await chaos('worker', () => own.stack.worker.kill('SIGKILL'));
    expect(restartsOf('worker')).toBe(1);
    expect(own.stack.worker.pid).not.toBe(killedPid);
  }, PHASE_TIMEOUT_MS);

  it('a SIGKILLed web app comes back by itself; sends meanwhile are retried until accepted', async () => {
    const killedPid = own.stack.web.pid;
    await chaos('web', () => own.stack.web.kill('SIGKILL'));
    expect(restartsOf('web')).toBe(1);
    expect(own.stack.web.pid).not.toBe(killedPid);
  }, PHASE_TIMEOUT_MS);

  it('a SIGKILLed Temporal dev server comes back by itself on the same file, and the worker and web app reconnect', async () => {
    const temporal = own.stack.temporal;
    if (!temporal?.kill) throw new Error('this stack did not start its own Temporal dev server with the Temporal CLI, so the test cannot kill it');
    const killedPid = temporal.pid;
    const [workerPid, webPid] = [own.stack.worker.pid, own.stack.web.pid];
    await chaos('temporal', () => temporal.kill!('SIGKILL'));
    expect(restartsOf('temporal')).toBe(1);
    expect(temporal.pid).not.toBe(killedPid);
    // Only Temporal was restarted: the worker and the web app reconnected to it.
    expect([own.stack.worker.pid, own.stack.web.pid]).toEqual([workerPid, webPid]);
  }, PHASE_TIMEOUT_MS);

  it('terminated database connections are made again by the web app and the worker', async () => {
    const [workerPid, webPid] = [own.stack.worker.pid, own.stack.web.pid];
    const admin = postgres(own.stack.databaseUrl, { max: 1, onnotice: () => undefined });
    try {
      await chaos('database', async () => {
        const terminated = await admin<Array<{ pid: number }>>`
          select pid, pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`;
        expect(terminated.length).toBeGreaterThan(0);
      });
    } finally {
      await admin.end({ timeout: 5 });
    }
    expect([own.stack.worker.pid, own.stack.web.pid]).toEqual([workerPid, webPid]);
    // The API reads the database again: the communication log answers.
    await eventually(async () => expect((await own.runOrc(['log', '--team', TEAM, '--limit', '1'])).code).toBe(0));
  }, PHASE_TIMEOUT_MS);

  it('lost and doubled nothing: every accepted message and every check-in arrived once', async () => {
    for (const agent of AGENTS) {
      await eventually(async () => expect(await pendingNotes(own, agent)).toEqual([]), { timeoutMs: 90_000, intervalMs: 1_000 });
    }
    for (const agent of AGENTS) {
      await eventually(() => expectCheckinsDeliveredOnce(own, agent, notes.get(agent)!), { timeoutMs: 30_000, intervalMs: 1_000 });
    }
    await eventually(() => ledger.expectEachAcceptedOnce(TEAM), { timeoutMs: 30_000, intervalMs: 1_000 });
    process.stderr.write(`[chaos] ${ledger.acceptedCount} accepted messages and ${[...notes.values()].flat().length} check-ins, each delivered once\n`);
    expect(await agentStates()).toEqual(statesBefore);
    expect(own.supervisorEvents.filter((e) => e.kind === 'gave-up')).toEqual([]);
  }, PHASE_TIMEOUT_MS);
});
