// `npm start` keeps its processes up: killed with SIGKILL, the worker and the web app each come
// back by themselves, the launcher says why they died, and the agent carries on. (The time they
// take is measured in `npm run bench`; here only that they come back, with a generous bound.)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../testing/eventually.ts';
import { startOwnStack, type OwnStack } from '../../testing/own-stack.ts';

const AGENT = 's/a';
let own: OwnStack;
let project: string;

beforeAll(async () => {
  own = await startOwnStack('supervised', { supervise: true });
  project = await mkdtemp(join(tmpdir(), 'orc-supervised-project-'));
  await own.orc(['agent', 'start', AGENT, '--project', project, '--cmd', 'bash --norc --noprofile']);
});

afterAll(async () => {
  await own?.stop();
  if (project) await rm(project, { recursive: true, force: true });
});

describe('a supervised stack', () => {
  it('starts a killed worker again by itself, and messages reach the agent after', async () => {
    const killedPid = own.stack.worker.pid;
    const killedAt = Date.now();
    await own.stack.worker.kill('SIGKILL');
    await eventually(async () => expect(own.supervisorEvents.some((e) => e.kind === 'restarted' && e.name === 'worker')).toBe(true), { timeoutMs: 30_000 });
    process.stderr.write(`[supervised] worker back ${((Date.now() - killedAt) / 1000).toFixed(1)} s after SIGKILL\n`);
    expect(own.stack.worker.pid).not.toBe(killedPid);
    expect(own.supervisorEvents.find((e) => e.kind === 'crashed' && e.name === 'worker')).toMatchObject({ why: 'killed by SIGKILL', lastLines: expect.stringContaining("taskQueue: 'host/supervised-host'") });
    await eventually(async () => expect(await own.orc(['send', AGENT, 'echo after-worker-kill'])).toContain('delivered to s/a and confirmed'), { timeoutMs: 30_000 });
  });

  it('starts a killed web app again by itself, and the API answers after', async () => {
    const killedPid = own.stack.web.pid;
    await own.stack.web.kill('SIGKILL');
    await eventually(async () => expect(own.supervisorEvents.some((e) => e.kind === 'restarted' && e.name === 'web')).toBe(true), { timeoutMs: 30_000 });
    expect(own.stack.web.pid).not.toBe(killedPid);
    await eventually(async () => expect((await fetch(`${own.stack.url}/healthz`)).ok).toBe(true), { timeoutMs: 30_000 });
    const status = JSON.parse(await own.orc(['status', '--json'])) as Array<{ id: string; state: string }>;
    expect(status.find((a) => a.id === AGENT)?.state).toMatch(/idle|working/);
    expect(own.supervisorEvents.filter((e) => e.kind === 'gave-up')).toEqual([]);
  });
});
