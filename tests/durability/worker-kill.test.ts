// The host worker dies (SIGKILL) while 20 check-ins are pending; 5 messages sent while it is
// down are accepted at once (queued), and status and capture say what is missing instead of
// hanging. Once it is started again, every check-in fires exactly once and every message
// arrives, confirmed, exactly once. Its own stack: killing the shared worker would break other test files.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delay } from '../../scripts/stack/child-process.ts';
import { eventually } from '../../testing/eventually.ts';
import { startOwnStack, type OwnStack } from '../../testing/own-stack.ts';
import { countLines, expectCheckinsDeliveredOnce, messageLog, pendingNotes } from './deliveries.ts';

const AGENT = 't/a';
const notes = Array.from({ length: 20 }, (_, i) => `dur-note-${String(i + 1).padStart(2, '0')}`);
const messages = Array.from({ length: 5 }, (_, i) => `dur-msg-${i + 1}`);

let own: OwnStack;
let project: string;

beforeAll(async () => {
  own = await startOwnStack('dur-kill');
  project = await mkdtemp(join(tmpdir(), 'orc-dur-kill-project-'));
  await own.orc(['agent', 'start', AGENT, '--project', project, '--cmd', 'bash --norc --noprofile']);
});

afterAll(async () => {
  await own?.stop();
  if (project) await rm(project, { recursive: true, force: true });
});

describe('killing the worker', () => {
  it('loses no check-in and no message, and repeats none', async () => {
    // Half due 8 to 12 s from now, while no worker runs; half 30 to 34 s from now, after it is
    // back (a worker restart on a loaded machine has taken over 10 s).
    const dueIn = (i: number) => (i < 10 ? 8 + Math.floor(i / 2) : 30 + Math.floor((i - 10) / 2));
    await Promise.all(notes.map((note, i) => own.orc(['checkin', '--agent', AGENT, `${dueIn(i)}s`, note])));
    await eventually(async () => expect(await pendingNotes(own, AGENT)).toEqual(notes));
    const dueTimes = (JSON.parse(await own.orc(['checkins', '--agent', AGENT, '--json'])) as Array<{ dueAt: string }>).map((c) => Date.parse(c.dueAt));

    const killedPid = own.stack.worker.pid;
    const killedAt = Date.now();
    await own.stack.worker.kill('SIGKILL');
    // With no worker, each send is accepted at once: queued, to be delivered when a worker is back.
    const sendStarted = Date.now();
    const sends = await Promise.all(messages.map((m) => own.runOrc(['send', AGENT, `echo ${m}`])));
    const sendSeconds = (Date.now() - sendStarted) / 1000;
    for (const result of sends) {
      expect(result.code, result.stderr).toBe(0);
      // Right after the kill the host's heartbeat is still fresh, so the status query times out
      // first; a few seconds later the host's presence says it is gone.
      expect(result.stdout).toMatch(/^queued for t\/a: (no worker answered for t\/a within 2.5 s|host \S+ unreachable)/);
    }
    // Within the heartbeat timeout, the host's presence says its worker is gone.
    await eventually(async () => expect(await own.orc(['status'])).toMatch(/t\/a\s+host unreachable/), { timeoutMs: 15_000 });
    const unreachableAfter = (Date.now() - killedAt) / 1000;
    // The probe endpoint says the worker is missing, yet the web app still serves (200).
    const health = await fetch(`${own.stack.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, worker: { ok: false, error: "no worker polls this server's host queue" } });
    // And what needs a worker says so, instead of hanging.
    const statusStarted = Date.now();
    const status = await own.runOrc(['status']);
    const statusSeconds = (Date.now() - statusStarted) / 1000;
    expect(status.stdout).toMatch(/t\/a\s+host unreachable/);
    expect(status.stdout).toMatch(/host \S+ unreachable: no worker has polled host\/\S+ since/);
    // A check-in asked for now is accepted, listed at once, and fires once the worker is back.
    const queuedCheckin = await own.runOrc(['checkin', '--agent', AGENT, '3s', 'dur-queued-checkin']);
    expect(queuedCheckin.code, queuedCheckin.stderr).toBe(0);
    expect(queuedCheckin.stdout).toMatch(/^check-in \S+ for t\/a due \S+ \(queued: host \S+ unreachable/);
    expect(await pendingNotes(own, AGENT)).toContain('dur-queued-checkin');
    // A queued message has its id, to follow it in the log.
    const followed = JSON.parse(await own.orc(['send', AGENT, 'echo dur-msg-followed', '--json'])) as { id: string; state: string };
    expect(followed.state).toBe('queued');
    expect(followed.id).toMatch(/^[0-9a-f-]{36}$/);
    const captureStarted = Date.now();
    const capture = await own.runOrc(['capture', AGENT]);
    const captureSeconds = (Date.now() - captureStarted) / 1000;
    expect(capture.code).not.toBe(0);
    expect(capture.stderr).toContain('npm start restarts its worker by itself');
    expect(capture.stderr).toMatch(/host \S+ unreachable/);
    process.stderr.write(`[worker-kill] with no worker: 5 sends ${sendSeconds.toFixed(1)} s, host unreachable after ${unreachableAfter.toFixed(1)} s, status ${statusSeconds.toFixed(1)} s, capture ${captureSeconds.toFixed(1)} s\n`);
    // Generous bounds (the bench measures): what matters is no 30-60 s hang.
    expect(Math.max(statusSeconds, captureSeconds)).toBeLessThan(10);
    await delay(Math.max(0, 8_000 - (Date.now() - killedAt)));

    await own.stack.worker.restart();
    const restartedAt = Date.now();
    expect(own.stack.worker.pid).not.toBe(killedPid);
    // The premise: some check-ins fell due while no worker ran, the others after its return.
    expect(dueTimes.some((t) => t > killedAt && t < restartedAt)).toBe(true);
    expect(dueTimes.some((t) => t > restartedAt)).toBe(true);

    // 21 check-ins and 6 messages, typed one at a time: on a loaded machine that takes a while.
    await eventually(async () => expect(await pendingNotes(own, AGENT)).toEqual([]), { timeoutMs: 90_000 });
    expect(await (await fetch(`${own.stack.url}/healthz`)).json()).toMatchObject({ worker: { ok: true } });
    await eventually(() => expectCheckinsDeliveredOnce(own, AGENT, [...notes, 'dur-queued-checkin']), { timeoutMs: 20_000 });
    // The followed message: in the log under the id the send gave, confirmed once.
    const followedEntries = (await messageLog(own, 't')).filter((e) => e.text === 'echo dur-msg-followed');
    expect(followedEntries.map((e) => [e.id, e.state])).toEqual([[followed.id, 'confirmed']]);

    const log = await messageLog(own, 't');
    const pane = await own.orc(['capture', AGENT, '--lines', '2000']);
    for (const m of messages) {
      expect(log.filter((e) => e.text === `echo ${m}`).map((e) => e.state), `log entries for ${m}`).toEqual(['confirmed']);
      // Typed once (the command line) and run once (its output).
      expect(countLines(pane, new RegExp(`[$#] echo ${m}$`)), `typed lines for ${m}\n${pane}`).toBe(1);
      expect(countLines(pane, new RegExp(`^${m}$`)), `output lines for ${m}\n${pane}`).toBe(1);
    }
  });
});
