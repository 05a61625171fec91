// Worktree workspace mode: each agent works in a git worktree of the project on a branch of
// its own, so agents never edit the same checkout and their checkpoints never mix.
// Preparing one is idempotent, because the activity that does it may be retried.
import { ApplicationFailure } from '@temporalio/activity';
import { mkdir, readdir, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { agentBranch } from '../../domain/names.ts';
import { GitError, type Git } from './git.ts';

export interface PrepareWorktreeInput {
  /** The project's own checkout (absolute). */
  projectDir: string;
  /** Where the agent's worktree lives (absolute). */
  worktreeDir: string;
  /** Branch name without `refs/heads/`. */
  branch: string;
}

export interface PrepareWorktreeResult {
  worktreeDir: string;
  branch: string;
  /** False when the worktree was already there on that branch. */
  created: boolean;
}

export { agentBranch };

interface WorktreeEntry {
  path: string;
  /** `refs/heads/...`, or null when detached or bare. */
  branch: string | null;
}

/** Parses `git worktree list --porcelain`: blank-line separated records of `key value` lines. */
export function parseWorktreeList(text: string): WorktreeEntry[] {
  const entries: WorktreeEntry[] = [];
  let current: WorktreeEntry | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('worktree ')) {
      current = { path: line.slice('worktree '.length), branch: null };
      entries.push(current);
    } else if (line.startsWith('branch ') && current) {
      current.branch = line.slice('branch '.length);
    }
  }
  return entries;
}

const fail = (message: string, type: string) => ApplicationFailure.nonRetryable(message, type);

/** The path with symlinks resolved where it exists (temp dirs are often behind one). */
async function canonical(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    if (parent === path) return path;
    return resolve(await canonical(parent), path.slice(parent.length + 1));
  }
}

export async function prepareWorktree(git: Git, input: PrepareWorktreeInput): Promise<PrepareWorktreeResult> {
  const { projectDir, worktreeDir, branch } = input;
  for (const [what, path] of [['project directory', projectDir], ['worktree directory', worktreeDir]] as const) {
    if (!isAbsolute(path)) throw fail(`${what} must be an absolute path, got ${JSON.stringify(path)}`, 'InvalidInput');
  }
  const project = await stat(projectDir).catch(() => null);
  if (!project?.isDirectory()) throw fail(`project directory ${projectDir} does not exist`, 'ProjectDirMissing');
  try {
    await git.run(projectDir, ['check-ref-format', '--branch', branch]);
  } catch (err) {
    if (err instanceof GitError && err.exitCode !== null) throw fail(`${JSON.stringify(branch)} is not a valid branch name`, 'InvalidInput');
    throw err;
  }
  let insideWorkTree = '';
  try {
    insideWorkTree = (await git.run(projectDir, ['rev-parse', '--is-inside-work-tree'])).trim();
  } catch (err) {
    if (!(err instanceof GitError && /not a git repository/i.test(err.stderr))) throw err;
  }
  if (insideWorkTree !== 'true') {
    throw fail(
      `project directory ${projectDir} is not a git repository; worktree mode needs one (run git init and commit something first, or use the shared workspace mode)`,
      'NotAGitRepo',
    );
  }
  try {
    await git.run(projectDir, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  } catch (err) {
    if (!(err instanceof GitError && err.exitCode === 1)) throw err;
    throw fail(`project ${projectDir} has no commits yet, so there is nothing to branch from: commit something first`, 'NoCommits');
  }

  const target = await canonical(worktreeDir);
  const ref = `refs/heads/${branch}`;
  const worktrees = await Promise.all(
    parseWorktreeList(await git.run(projectDir, ['worktree', 'list', '--porcelain'])).map(async (w) => ({ ...w, path: await canonical(w.path) })),
  );
  const here = worktrees.find((w) => w.path === target);
  const onDisk = await stat(worktreeDir).catch(() => null);

  if (here && onDisk) {
    if (here.branch === ref) return { worktreeDir, branch, created: false };
    const actual = here.branch ? `branch ${here.branch.replace(/^refs\/heads\//, '')}` : 'a detached HEAD';
    throw fail(`${worktreeDir} is already a worktree of ${projectDir} on ${actual}, not on ${branch}`, 'WorktreeConflict');
  }
  if (onDisk) {
    // Only an empty directory may be taken over; anything else belongs to someone.
    const empty = onDisk.isDirectory() && (await readdir(worktreeDir)).length === 0;
    if (!empty) throw fail(`${worktreeDir} already exists and is not the worktree of ${projectDir} on ${branch}; move it away or remove it`, 'WorktreeDirOccupied');
  }
  // A worktree whose directory was deleted is still registered (and still holds its branch)
  // until pruned; prune drops only such registrations, never a directory that exists.
  if (here || worktrees.some((w) => w.branch === ref)) await git.run(projectDir, ['worktree', 'prune']);

  const holder = (await git.run(projectDir, ['worktree', 'list', '--porcelain']).then(parseWorktreeList)).find((w) => w.branch === ref);
  if (holder) throw fail(`branch ${branch} is already checked out in ${holder.path}; an agent's branch can be checked out in one place only`, 'BranchInUse');

  let branchExists = true;
  try {
    await git.run(projectDir, ['rev-parse', '--verify', '--quiet', ref]);
  } catch (err) {
    if (!(err instanceof GitError && err.exitCode === 1)) throw err;
    branchExists = false;
  }

  await mkdir(dirname(worktreeDir), { recursive: true });
  const args = branchExists
    ? ['worktree', 'add', '--quiet', worktreeDir, branch]
    : ['worktree', 'add', '--quiet', '--no-track', '-b', branch, worktreeDir, 'HEAD'];
  try {
    await git.run(projectDir, args);
  } catch (err) {
    if (err instanceof GitError) throw fail(`could not create worktree ${worktreeDir} on ${branch}: ${err.stderr.trim() || err.message}`, 'WorktreeFailed');
    throw err;
  }
  return { worktreeDir, branch, created: true };
}
