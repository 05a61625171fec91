// An agent whose process exits is noticed by the host worker's pane watcher and relaunched by
// its workflow; it keeps taking messages. Its dead pane's screen is saved first.
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';
import { dataLayout } from '../../domain/data-layout.ts';

const team = uniqueName('rec');
const id = `${team}/dev`;

afterAll(async () => {
  await runOrc(['agent', 'stop', id]);
});

type Status = { id: string; state: string; problem: string | null };

describe('recovery', () => {
  it('relaunches an agent whose process exited, and it takes messages again', async () => {
    const project = await mkdtemp(join(tmpdir(), 'orc-recovery-'));
    await orc(['agent', 'start', id, '--project', project, '--cmd', 'bash --norc --noprofile']);
    expect(await orc(['send', id, 'echo before-the-crash; exit 3'])).toContain('confirmed');
    await eventually(async () => {
      const status = (JSON.parse(await orc(['status', '--json'])) as Status[]).find((a) => a.id === id);
      // Usually "exited with status 3"; on a loaded machine tmux may not have the status yet.
      expect(status?.problem ?? '').toMatch(/(exited with status 3|its pane was closed); relaunch 1 of 3/);
      expect(status?.state).toBe('idle');
    }, { timeoutMs: 20_000 });
    expect(await orc(['send', id, 'echo after-the-relaunch'])).toContain('confirmed');
    await eventually(async () => expect(await orc(['capture', id])).toMatch(/^after-the-relaunch$/m));
    // The dead pane's screen was saved before it was replaced.
    const histories = await readdir(dataLayout(inject('dataDir')).host('test-host').agent({ team, agent: 'dev' }).dir);
    expect(histories.some((f) => f.startsWith('history-'))).toBe(true);
  });
});
