// The Temporal dev server (SQLite persistence) stops with check-ins pending and starts again
// on the same file after they fell due: each still fires, once. The worker and the web app
// stay up through the outage and reconnect by themselves. Its own stack, for its own server.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delay } from '../../scripts/stack/child-process.ts';
import { eventually } from '../../testing/eventually.ts';
import { startOwnStack, type OwnStack } from '../../testing/own-stack.ts';
import { expectCheckinsDeliveredOnce, pendingNotes } from './deliveries.ts';

const AGENT = 't/a';
const notes = ['dur-tmp-1', 'dur-tmp-2', 'dur-tmp-3', 'dur-tmp-4'];

let own: OwnStack;
let project: string;

beforeAll(async () => {
  own = await startOwnStack('dur-temporal');
  project = await mkdtemp(join(tmpdir(), 'orc-dur-temporal-project-'));
  await own.orc(['agent', 'start', AGENT, '--project', project, '--cmd', 'bash --norc --noprofile']);
});

afterAll(async () => {
  await own?.stop();
  if (project) await rm(project, { recursive: true, force: true });
});

describe('restarting the Temporal server', () => {
  it('keeps pending check-ins, which fire once it is back', async () => {
    const temporal = own.stack.temporal;
    if (!temporal?.start) throw new Error('this stack did not start its own Temporal dev server, so the test cannot stop it');
    await Promise.all(notes.map((note, i) => own.orc(['checkin', '--agent', AGENT, `${6 + i}s`, note])));
    await eventually(async () => expect(await pendingNotes(own, AGENT)).toEqual(notes));
    const dueTimes = (JSON.parse(await own.orc(['checkins', '--agent', AGENT, '--json'])) as Array<{ dueAt: string }>).map((c) => Date.parse(c.dueAt));
    const workerPid = own.stack.worker.pid;

    await temporal.stop();
    const health = (await (await fetch(`${own.stack.url}/healthz`)).json()) as { temporal: { ok: boolean } };
    expect(health.temporal.ok).toBe(false);
    // Down until after the last check-in was due.
    await delay(Math.max(...dueTimes) - Date.now() + 2_000);
    await temporal.start();

    await eventually(async () => expect(await pendingNotes(own, AGENT)).toEqual([]), { timeoutMs: 45_000 });
    await eventually(() => expectCheckinsDeliveredOnce(own, AGENT, notes), { timeoutMs: 20_000 });

    // Nothing was restarted but Temporal: the same worker and web app carry on.
    expect(own.stack.worker.pid).toBe(workerPid);
    expect(own.stack.worker.child.exitCode).toBeNull();
    expect((await fetch(`${own.stack.url}/healthz`)).ok).toBe(true);
    expect(await own.orc(['send', AGENT, 'echo dur-after-restart'])).toContain('confirmed');
    await eventually(async () => expect(await own.orc(['capture', AGENT])).toMatch(/^dur-after-restart$/m));
  });
});
