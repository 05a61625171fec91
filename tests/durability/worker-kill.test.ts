// The host worker dies (SIGKILL) while 20 check-ins are pending and 5 messages wait for it;
// once it is started again, every check-in fires exactly once and every message arrives
// exactly once. Its own stack: killing the shared worker would break other test files.
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
    const sends = messages.map((m) => own.runOrc(['send', AGENT, `echo ${m}`]));
    let settled = 0;
    for (const send of sends) void send.then(() => settled++);
    await delay(8_000);
    // With no worker, nobody can confirm a message: every sender is still waiting.
    expect(settled).toBe(0);

    await own.stack.worker.restart();
    const restartedAt = Date.now();
    expect(own.stack.worker.pid).not.toBe(killedPid);
    // The premise: some check-ins fell due while no worker ran, the others after its return.
    expect(dueTimes.some((t) => t > killedAt && t < restartedAt)).toBe(true);
    expect(dueTimes.some((t) => t > restartedAt)).toBe(true);
    for (const result of await Promise.all(sends)) {
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain('delivered to t/a and confirmed');
    }

    await eventually(async () => expect(await pendingNotes(own, AGENT)).toEqual([]), { timeoutMs: 45_000 });
    await eventually(() => expectCheckinsDeliveredOnce(own, AGENT, notes), { timeoutMs: 20_000 });

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
