// Git checkpoints on a timer: a dirty workspace is committed with a message naming the agent
// and the time; a clean one is left alone; nothing is pushed.
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';

const team = uniqueName('ckpt');
let project: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: project, encoding: 'utf8' }).trim();
const commitCount = () => Number(git('rev-list', '--count', 'HEAD'));

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'orc-ckpt-'));
  git('init', '-q', '-b', 'main');
  await writeFile(join(project, 'README.md'), '# project\n');
  git('add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'initial');
  git('remote', 'add', 'origin', 'http://127.0.0.1:9/never-contacted.git');
  await orc(['team', 'create', team, '--project', project, '--agents', 'dev:engineer', '--profile', 'shell', '--git-checkpoint', '2s']);
});

afterAll(async () => {
  await runOrc(['team', 'stop', team]);
});

describe('git checkpoints', () => {
  it('commits a dirty workspace, naming the agent and the time', async () => {
    const before = commitCount();
    expect(await orc(['send', `${team}/dev`, 'echo work-in-progress > notes.txt'])).toContain('confirmed');
    await eventually(async () => expect(commitCount()).toBe(before + 1), { timeoutMs: 15_000 });
    const subject = git('log', '-1', '--format=%s');
    expect(subject).toMatch(new RegExp(`^checkpoint: ${team}/dev at \\d{4}-\\d{2}-\\d{2}T`));
    expect(git('log', '-1', '--format=%an <%ae>')).toBe('orc checkpoint <orc@localhost>');
    expect(git('show', '--name-only', '--format=', 'HEAD')).toBe('notes.txt');
    expect(git('status', '--porcelain')).toBe('');
  });

  it('skips a clean workspace', async () => {
    const count = commitCount();
    // Three more checkpoint intervals pass with nothing to commit.
    await new Promise((r) => setTimeout(r, 6_500));
    expect(commitCount()).toBe(count);
    const shown = JSON.parse(await orc(['status', '--json'])) as Array<{ id: string }>;
    expect(shown.map((a) => a.id)).toContain(`${team}/dev`);
  });
});
