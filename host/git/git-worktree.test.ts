import { ApplicationFailure } from '@temporalio/activity';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidNameError } from '../../domain/names.ts';
import { createGit } from './git.ts';
import { agentBranch, parseWorktreeList, prepareWorktree, type PrepareWorktreeInput } from './git-worktree.ts';
import { isolateGitConfig, makeRepo, plantPrograms, sh, write, type Sandbox } from './git-testing.ts';

const git = createGit();

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await isolateGitConfig();
});
afterAll(() => sandbox.cleanup());

let n = 0;
const newWorktreeDir = () => join(sandbox.root, 'data', 'worktrees', 'demo', `dev-${++n}`);

async function failure(input: PrepareWorktreeInput): Promise<ApplicationFailure> {
  const err = await prepareWorktree(git, input).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApplicationFailure);
  expect((err as ApplicationFailure).nonRetryable).toBe(true);
  return err as ApplicationFailure;
}

describe('agentBranch', () => {
  it('names the branch orc/<team>/<agent>', () => {
    expect(agentBranch('demo', 'dev')).toBe('orc/demo/dev');
    expect(agentBranch('team-2', 'qa-1')).toBe('orc/team-2/qa-1');
  });

  it('refuses names that are not team or agent names', () => {
    expect(() => agentBranch('demo', '../x')).toThrow(InvalidNameError);
    expect(() => agentBranch('demo/x', 'dev')).toThrow(InvalidNameError);
    expect(() => agentBranch('Demo', 'dev')).toThrow(/team name "Demo" is invalid/);
    expect(() => agentBranch('demo', '')).toThrow(InvalidNameError);
  });
});

describe('parseWorktreeList', () => {
  it('reads paths and branches, detached and bare entries included', () => {
    const text = 'worktree /p\nHEAD abc\nbranch refs/heads/main\n\nworktree /w\nHEAD def\ndetached\n\nworktree /b\nbare\n\n';
    expect(parseWorktreeList(text)).toEqual([
      { path: '/p', branch: 'refs/heads/main' },
      { path: '/w', branch: null },
      { path: '/b', branch: null },
    ]);
  });
});

describe('prepareWorktree', () => {
  it('creates the branch from the project HEAD and a worktree on it, then finds it again', async () => {
    const projectDir = await makeRepo(sandbox.root);
    const projectHead = sh(projectDir, 'rev-parse', 'HEAD').trim();
    const worktreeDir = newWorktreeDir();
    const input = { projectDir, worktreeDir, branch: 'orc/demo/dev' };

    expect(await prepareWorktree(git, input)).toEqual({ worktreeDir, branch: 'orc/demo/dev', created: true });
    expect(sh(worktreeDir, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('orc/demo/dev');
    expect(sh(worktreeDir, 'rev-parse', 'HEAD').trim()).toBe(projectHead);
    expect((await stat(join(worktreeDir, '.git'))).isFile()).toBe(true);
    expect(sh(projectDir, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('main'); // the project stays put
    // No upstream is set up for the agent's branch.
    expect(() => sh(worktreeDir, 'rev-parse', '--abbrev-ref', '@{upstream}')).toThrow();

    // A retry (or the agent's restart) finds the same worktree, work in it untouched.
    await write(worktreeDir, 'wip.txt', 'in progress\n');
    expect(await prepareWorktree(git, input)).toEqual({ worktreeDir, branch: 'orc/demo/dev', created: false });
    expect(sh(worktreeDir, 'status', '--porcelain')).toBe('?? wip.txt\n');
  });

  it("checks the worktree out without running the project's hooks, fsmonitor or smudge filters", async () => {
    const projectDir = await makeRepo(sandbox.root);
    await write(projectDir, 'a.txt', 'plain text\n');
    await write(projectDir, '.gitattributes', '*.txt filter=evil\n');
    sh(projectDir, 'add', '.');
    sh(projectDir, 'commit', '--quiet', '-m', 'attributes');
    const planted = await plantPrograms(projectDir, sandbox.root);
    const worktreeDir = newWorktreeDir();
    expect(await prepareWorktree(git, { projectDir, worktreeDir, branch: 'orc/demo/planted' })).toMatchObject({ created: true });
    expect(await planted.ran()).toEqual([]);
    // Checked out as stored: the smudge filter would have upper-cased it.
    expect(await readFile(join(worktreeDir, 'a.txt'), 'utf8')).toBe('plain text\n');
  });

  it('branches from the current HEAD, whatever branch the project is on', async () => {
    const projectDir = await makeRepo(sandbox.root);
    sh(projectDir, 'checkout', '--quiet', '-b', 'feature');
    await write(projectDir, 'f.txt', 'f\n');
    sh(projectDir, 'add', 'f.txt');
    sh(projectDir, 'commit', '--quiet', '-m', 'feature');
    const worktreeDir = newWorktreeDir();
    await prepareWorktree(git, { projectDir, worktreeDir, branch: 'orc/demo/feat' });
    expect(sh(worktreeDir, 'rev-parse', 'HEAD').trim()).toBe(sh(projectDir, 'rev-parse', 'feature').trim());
  });

  it('reuses an existing branch, keeping its commits', async () => {
    const projectDir = await makeRepo(sandbox.root);
    sh(projectDir, 'branch', 'orc/demo/old');
    const worktreeDir = newWorktreeDir();
    await prepareWorktree(git, { projectDir, worktreeDir, branch: 'orc/demo/old' });
    await write(worktreeDir, 'x.txt', 'x\n');
    sh(worktreeDir, 'add', 'x.txt');
    sh(worktreeDir, 'commit', '--quiet', '-m', 'agent work');
    const branchHead = sh(projectDir, 'rev-parse', 'orc/demo/old').trim();

    // The worktree directory is lost (the data dir was wiped): it is made again, on the branch.
    await rm(worktreeDir, { recursive: true, force: true });
    expect(await prepareWorktree(git, { projectDir, worktreeDir, branch: 'orc/demo/old' })).toMatchObject({ created: true });
    expect(sh(worktreeDir, 'rev-parse', 'HEAD').trim()).toBe(branchHead);
  });

  it('fails clearly when the project is not a git repository, or has no commits', async () => {
    const plain = join(sandbox.root, 'plain-project');
    await mkdir(plain, { recursive: true });
    const notRepo = await failure({ projectDir: plain, worktreeDir: newWorktreeDir(), branch: 'orc/demo/dev' });
    expect(notRepo.type).toBe('NotAGitRepo');
    expect(notRepo.message).toMatch(/is not a git repository/);

    const empty = await makeRepo(sandbox.root, { commit: false });
    const noCommits = await failure({ projectDir: empty, worktreeDir: newWorktreeDir(), branch: 'orc/demo/dev' });
    expect(noCommits.type).toBe('NoCommits');
    expect(noCommits.message).toMatch(/commit something first/);

    const missing = await failure({ projectDir: join(sandbox.root, 'nope'), worktreeDir: newWorktreeDir(), branch: 'orc/demo/dev' });
    expect(missing.type).toBe('ProjectDirMissing');
  });

  it('refuses a directory that is something else', async () => {
    const projectDir = await makeRepo(sandbox.root);
    const worktreeDir = newWorktreeDir();
    await write(worktreeDir, 'precious.txt', 'mine\n');
    const err = await failure({ projectDir, worktreeDir, branch: 'orc/demo/dev' });
    expect(err.type).toBe('WorktreeDirOccupied');
    expect(err.message).toContain(worktreeDir);

    // An empty directory is fine: git fills it.
    const emptyDir = newWorktreeDir();
    await mkdir(emptyDir, { recursive: true });
    expect(await prepareWorktree(git, { projectDir, worktreeDir: emptyDir, branch: 'orc/demo/dev' })).toMatchObject({ created: true });
  });

  it('refuses a worktree of this project on another branch, and a worktree of another project', async () => {
    const projectDir = await makeRepo(sandbox.root);
    const worktreeDir = newWorktreeDir();
    await prepareWorktree(git, { projectDir, worktreeDir, branch: 'orc/demo/dev' });
    const other = await failure({ projectDir, worktreeDir, branch: 'orc/demo/qa' });
    expect(other.type).toBe('WorktreeConflict');
    expect(other.message).toMatch(/on branch orc\/demo\/dev, not on orc\/demo\/qa/);

    const otherProject = await makeRepo(sandbox.root);
    const foreign = await failure({ projectDir: otherProject, worktreeDir, branch: 'orc/demo/dev' });
    expect(foreign.type).toBe('WorktreeDirOccupied');
  });

  it('refuses a branch that is checked out somewhere else', async () => {
    const projectDir = await makeRepo(sandbox.root);
    await prepareWorktree(git, { projectDir, worktreeDir: newWorktreeDir(), branch: 'orc/demo/dev' });
    const err = await failure({ projectDir, worktreeDir: newWorktreeDir(), branch: 'orc/demo/dev' });
    expect(err.type).toBe('BranchInUse');
    const main = await failure({ projectDir, worktreeDir: newWorktreeDir(), branch: 'main' });
    expect(main.message).toContain(`checked out in`);
  });

  it('rejects relative paths and invalid branch names', async () => {
    const projectDir = await makeRepo(sandbox.root);
    expect((await failure({ projectDir: 'relative', worktreeDir: newWorktreeDir(), branch: 'orc/demo/dev' })).type).toBe('InvalidInput');
    expect((await failure({ projectDir, worktreeDir: 'wt', branch: 'orc/demo/dev' })).type).toBe('InvalidInput');
    for (const branch of ['-x', 'a..b', 'has space', 'orc/demo/dev.lock', '']) {
      const err = await failure({ projectDir, worktreeDir: newWorktreeDir(), branch });
      expect(err.type).toBe('InvalidInput');
      expect(err.message).toMatch(/not a valid branch name/);
    }
  });
});
