// The review and merge of worktree agents' branches, against real repositories: what the diff
// shows (committed, uncommitted and untracked work, checkpoints folded), and what each merge
// mode makes of the history, with the person's checkout untouched or fast-forwarded.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGit } from './git.ts';
import { gitCheckpoint } from './git-checkpoint.ts';
import { mergeAgentBranch, restartAgentBranch } from './git-merge.ts';
import { foldCheckpoints, parseChangedFiles, reviewDiff } from './git-review.ts';
import { prepareWorktree } from './git-worktree.ts';
import { isolateGitConfig, makeRepo, plantPrograms, sh, write, type Sandbox } from './git-testing.ts';

const git = createGit();
const by = { name: 'Pat Person', email: 'pat@example.com' };

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await isolateGitConfig();
});
afterAll(() => sandbox.cleanup());

/** A project on main with two files, and a worktree per agent named. */
async function project(...agents: string[]) {
  const dir = await makeRepo(sandbox.root);
  await write(dir, 'a.txt', 'a1\na2\na3\n');
  await write(dir, 'b.txt', 'b1\n');
  sh(dir, 'add', '.');
  sh(dir, 'commit', '-q', '-m', 'files');
  const worktrees: Record<string, string> = {};
  for (const agent of agents) {
    const worktreeDir = join(sandbox.root, 'wt', dir.split('/').at(-1) ?? '', agent);
    await prepareWorktree(git, { projectDir: dir, worktreeDir, branch: `orc/t/${agent}` });
    worktrees[agent] = worktreeDir;
  }
  return { dir, worktrees };
}

const commitAll = (dir: string, message: string) => {
  sh(dir, 'add', '--all');
  sh(dir, 'commit', '-q', '-m', message);
};
const log = (dir: string, ref: string) => sh(dir, 'log', '--format=%P|%s', ref).trim().split('\n');

describe('reviewDiff', () => {
  it('shows committed, uncommitted and untracked work against where the branch started, not what main did since', async () => {
    const { dir, worktrees } = await project('dev');
    const wt = worktrees.dev ?? '';
    const started = sh(dir, 'rev-parse', 'main').trim();
    await write(wt, 'a.txt', 'a1\nA2\na3\n');
    commitAll(wt, 'change a');
    await write(wt, 'b.txt', 'b1\nb2\n');
    await gitCheckpoint(git, { workspaceDir: wt, agentId: 't/dev', now: new Date('2026-01-01T00:00:00Z') });
    await write(wt, 'b.txt', 'b1\nb2\nb3\n');
    await gitCheckpoint(git, { workspaceDir: wt, agentId: 't/dev', now: new Date('2026-01-01T00:01:00Z') });
    await write(wt, 'a.txt', 'a1\nA2\na3\na4\n'); // uncommitted
    await write(wt, 'new file.txt', 'n\n'); // untracked
    // main moves on meanwhile.
    await write(dir, 'c.txt', 'c\n');
    commitAll(dir, 'main moves');
    const statusBefore = sh(wt, 'status', '--porcelain');

    const diff = await reviewDiff(git, { projectDir: dir, worktreeDir: wt, branch: 'orc/t/dev' });
    expect(diff).toMatchObject({ target: 'main', base: started, uncommitted: true, patchTruncated: false });
    expect(diff.files).toEqual([
      { path: 'a.txt', oldPath: null, status: 'modified', added: 2, deleted: 1 },
      { path: 'b.txt', oldPath: null, status: 'modified', added: 2, deleted: 0 },
      { path: 'new file.txt', oldPath: null, status: 'added', added: 1, deleted: 0 },
    ]);
    expect(diff.commits.map((c) => [c.subject, c.checkpoints])).toEqual([['2 checkpoints', 2], ['change a', 0]]);
    expect(diff.patch).toContain('+a4');
    expect(diff.patch).not.toContain('c.txt');
    // What changed since a comment on a.txt at the branch's tip: the uncommitted a4, and nothing in b.txt.
    const later = await reviewDiff(git, { projectDir: dir, worktreeDir: wt, branch: 'orc/t/dev', since: [{ commit: diff.head, file: 'a.txt' }, { commit: diff.head, file: 'b.txt' }, { commit: '--output=x', file: 'a.txt' }] });
    expect(later.laterChanges.map((c) => [c.file, c.patch.includes('+a4')])).toEqual([['a.txt', true], ['b.txt', false]]);
    expect(later.laterChanges[1]?.patch).toBe('');
    // Read only: the agent's index and files are as they were.
    expect(sh(wt, 'status', '--porcelain')).toBe(statusBefore);
  });

  it('cuts a huge patch and says so', async () => {
    const { dir, worktrees } = await project('big');
    await write(worktrees.big ?? '', 'big.txt', 'x'.repeat(100) + '\n'.repeat(1) + 'y\n'.repeat(5000));
    const diff = await reviewDiff(git, { projectDir: dir, worktreeDir: worktrees.big ?? '', branch: 'orc/t/big', maxPatchBytes: 1000 });
    expect(diff.patchTruncated).toBe(true);
    expect(diff.patch.length).toBeLessThanOrEqual(1000);
  });

  it('parses renames in name-status and numstat', () => {
    const files = parseChangedFiles('R100\0old.txt\0new.txt\0M\0x.bin\0', '0\t0\t\0old.txt\0new.txt\0-\t-\tx.bin\0');
    expect(files).toEqual([
      { path: 'new.txt', oldPath: 'old.txt', status: 'renamed', added: 0, deleted: 0 },
      { path: 'x.bin', oldPath: null, status: 'modified', added: null, deleted: null },
    ]);
  });

  it('folds only consecutive checkpoints', () => {
    const c = (subject: string, cp: boolean) => ({ commit: subject, subject: cp ? `checkpoint: ${subject}` : subject, author: 'x', authorName: cp ? 'orc checkpoint' : 'x', date: '' });
    expect(foldCheckpoints([c('1', true), c('2', true), c('3', false), c('4', true)]).map((e) => e.checkpoints)).toEqual([2, 0, 1]);
  });
});

describe('mergeAgentBranch', () => {
  it('squashes two agents that changed different files; a third that changed what the first did is refused, naming the file', async () => {
    const { dir, worktrees } = await project('one', 'two', 'three');
    await write(worktrees.one ?? '', 'a.txt', 'a1\nONE\na3\n');
    commitAll(worktrees.one ?? '', 'one edits a');
    await write(worktrees.two ?? '', 'b.txt', 'TWO\n');
    commitAll(worktrees.two ?? '', 'two edits b');
    await write(worktrees.three ?? '', 'a.txt', 'a1\nTHREE\na3\n');
    commitAll(worktrees.three ?? '', 'three edits a');
    const start = sh(dir, 'rev-parse', 'main').trim();

    const one = await mergeAgentBranch(git, { projectDir: dir, branch: 'orc/t/one', into: 'main', mode: 'squash', by, trailers: ['Approved-by: qa'] });
    expect(one).toMatchObject({ outcome: 'merged', mode: 'squash', previous: start, updatedCheckout: true });
    const two = await mergeAgentBranch(git, { projectDir: dir, branch: 'orc/t/two', into: 'main', mode: 'squash', by });
    expect(two).toMatchObject({ outcome: 'merged', updatedCheckout: true });
    // The checkout of main (clean) followed: both changes are on disk, nothing left over.
    expect(await readFile(join(dir, 'a.txt'), 'utf8')).toBe('a1\nONE\na3\n');
    expect(await readFile(join(dir, 'b.txt'), 'utf8')).toBe('TWO\n');
    expect(sh(dir, 'status', '--porcelain')).toBe('');
    // One commit each, one parent each, by the person, with the approval recorded.
    const history = log(dir, 'main');
    expect(history).toHaveLength(4);
    expect(history[0]).toMatch(/^[0-9a-f]{40}\|orc\/t\/two: two edits b \(squashed\)$/);
    expect(history[1]).toMatch(/^[0-9a-f]{40}\|orc\/t\/one: one edits a \(squashed\)$/);
    expect(sh(dir, 'log', '-1', '--format=%an|%cn|%b', 'main~1').trim()).toContain('Pat Person|Pat Person|');
    expect(sh(dir, 'log', '-1', '--format=%b', 'main~1')).toContain('Approved-by: qa');

    const before = sh(dir, 'rev-parse', 'main').trim();
    const three = await mergeAgentBranch(git, { projectDir: dir, branch: 'orc/t/three', into: 'main', mode: 'squash', by });
    expect(three).toEqual({ outcome: 'conflict', into: 'main', files: ['a.txt'], targetMoved: true });
    expect(sh(dir, 'rev-parse', 'main').trim()).toBe(before);
    expect(sh(dir, 'status', '--porcelain')).toBe('');
    // Merging again what is in already changes nothing.
    expect(await mergeAgentBranch(git, { projectDir: dir, branch: 'orc/t/one', into: 'main', mode: 'squash', by })).toMatchObject({ outcome: 'up-to-date' });
  });

  it('makes a merge commit with both histories in merge mode', async () => {
    const { dir, worktrees } = await project('m');
    await write(worktrees.m ?? '', 'b.txt', 'M\n');
    commitAll(worktrees.m ?? '', 'm edits b');
    const agentTip = sh(dir, 'rev-parse', 'orc/t/m').trim();
    const start = sh(dir, 'rev-parse', 'main').trim();
    const result = await mergeAgentBranch(git, { projectDir: dir, branch: 'orc/t/m', into: 'main', mode: 'merge', by });
    expect(result).toMatchObject({ outcome: 'merged', mode: 'merge' });
    expect(log(dir, 'main')[0]).toBe(`${start} ${agentTip}|Merge branch 'orc/t/m' into main`);
    // (Not log()[1]: commits made within one second may list either parent first.)
    expect(sh(dir, 'log', '-1', '--format=%P|%s', agentTip).trim()).toBe(`${start}|m edits b`);
  });

  it('replays the commits on the new tip in rebase mode, keeping their authors', async () => {
    const { dir, worktrees } = await project('r');
    await write(worktrees.r ?? '', 'b.txt', 'R1\n');
    commitAll(worktrees.r ?? '', 'r first');
    await write(worktrees.r ?? '', 'b.txt', 'R2\n');
    commitAll(worktrees.r ?? '', 'r second');
    await write(dir, 'c.txt', 'c\n');
    commitAll(dir, 'main moves');
    const moved = sh(dir, 'rev-parse', 'main').trim();
    const result = await mergeAgentBranch(git, { projectDir: dir, branch: 'orc/t/r', into: 'main', mode: 'rebase', by });
    expect(result).toMatchObject({ outcome: 'merged', mode: 'rebase', previous: moved });
    const history = log(dir, 'main').map((line) => line.split('|')[1]);
    expect(history.slice(0, 3)).toEqual(['r second', 'r first', 'main moves']);
    expect(sh(dir, 'log', '-1', '--format=%an|%cn', 'main').trim()).toBe('Test|Pat Person');
    expect(sh(dir, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(2);
    expect(await readFile(join(dir, 'b.txt'), 'utf8')).toBe('R2\n');
  });

  it('moves a branch that is not checked out without touching the checkout, and refuses a dirty checkout of the target', async () => {
    const { dir, worktrees } = await project('x');
    sh(dir, 'branch', 'release');
    await write(worktrees.x ?? '', 'b.txt', 'X\n');
    commitAll(worktrees.x ?? '', 'x edits b');
    await write(dir, 'a.txt', 'dirty\n');
    const result = await mergeAgentBranch(git, { projectDir: dir, branch: 'orc/t/x', into: 'release', mode: 'squash', by });
    expect(result).toMatchObject({ outcome: 'merged', updatedCheckout: false });
    expect(sh(dir, 'show', 'release:b.txt')).toBe('X\n');
    expect(await readFile(join(dir, 'b.txt'), 'utf8')).toBe('b1\n');
    const refused = await mergeAgentBranch(git, { projectDir: dir, branch: 'orc/t/x', into: 'main', mode: 'squash', by });
    expect(refused).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('uncommitted changes') });
    expect(await mergeAgentBranch(git, { projectDir: dir, branch: 'orc/t/x', into: 'orc/t/x', mode: 'squash', by })).toMatchObject({ outcome: 'refused' });
    expect(await mergeAgentBranch(git, { projectDir: dir, branch: 'orc/t/x', into: 'nope', mode: 'squash', by })).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('does not exist') });
  });
});

describe('in a repository whose config and attributes name programs', () => {
  it('runs none of them to review, merge in every mode, or restart the branch', async () => {
    const { dir, worktrees } = await project('p', 'q', 'r');
    for (const agent of ['p', 'q', 'r']) {
      await write(worktrees[agent] ?? '', `${agent}.txt`, `${agent}\n`);
      commitAll(worktrees[agent] ?? '', `${agent} adds a file`);
      await write(worktrees[agent] ?? '', `${agent}.dat`, 'uncommitted\n');
    }
    const planted = await plantPrograms(dir, sandbox.root);
    commitAll(dir, 'attributes');
    // The commit ran the planted (upper-casing) filter; orc's git, filters off, would see those
    // files as changed whenever their timestamps are as new as the index (racy git) and so read
    // their contents. A second later and refreshed (filters on, as the commit was), they are not.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    sh(dir, 'update-index', '-q', '--refresh');
    await planted.clear();
    await reviewDiff(git, { projectDir: dir, worktreeDir: worktrees.p ?? '', branch: 'orc/t/p' });
    const squashd = await mergeAgentBranch(git, { projectDir: dir, branch: 'orc/t/p', into: 'main', mode: 'squash', by });
    expect(squashd, JSON.stringify(squashd)).toMatchObject({ outcome: 'merged' });
    const merged = await mergeAgentBranch(git, { projectDir: dir, branch: 'orc/t/q', into: 'main', mode: 'merge', by });
    expect(merged, JSON.stringify(merged)).toMatchObject({ outcome: 'merged' });
    const rebased = await mergeAgentBranch(git, { projectDir: dir, branch: 'orc/t/r', into: 'main', mode: 'rebase', by });
    expect(rebased, JSON.stringify(rebased)).toMatchObject({ outcome: 'merged' });
    expect(await planted.ran()).toEqual([]);
  }, 30_000);
});

describe('restartAgentBranch', () => {
  it('starts the branch afresh from the target once its work is in, and refuses while it is not', async () => {
    const { dir, worktrees } = await project('s');
    const wt = worktrees.s ?? '';
    await write(wt, 'b.txt', 'S\n');
    commitAll(wt, 's edits b');
    expect(await restartAgentBranch(git, { projectDir: dir, worktreeDir: wt, branch: 'orc/t/s', onto: 'main' })).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('not in main') });
    await mergeAgentBranch(git, { projectDir: dir, branch: 'orc/t/s', into: 'main', mode: 'squash', by });
    await write(wt, 'wip.txt', 'wip\n');
    expect(await restartAgentBranch(git, { projectDir: dir, worktreeDir: wt, branch: 'orc/t/s', onto: 'main' })).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('uncommitted') });
    sh(wt, 'clean', '-fq');
    const result = await restartAgentBranch(git, { projectDir: dir, worktreeDir: wt, branch: 'orc/t/s', onto: 'main' });
    expect(result).toEqual({ outcome: 'restarted', commit: sh(dir, 'rev-parse', 'main').trim() });
    expect(sh(wt, 'rev-parse', 'HEAD').trim()).toBe(sh(dir, 'rev-parse', 'main').trim());
    expect(sh(wt, 'branch', '--show-current').trim()).toBe('orc/t/s');
  });
});
