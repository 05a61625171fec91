// Merging a worktree agent's branch into a branch of the project, and starting the agent's
// branch afresh from there afterwards. The merge is computed with plumbing (merge-tree,
// commit-tree) or, for a rebase, in a throwaway worktree, so no checkout of the person's is
// touched; the target branch moves only by compare-and-swap from the tip that was merged into,
// or, when it is checked out (clean) in the project dir, by a fast-forward there. Nothing is
// ever pushed and nothing forced: a target that moved on and conflicts is a refusal that names
// the files.
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MergeMode } from '../../domain/review.ts';
import { currentBranch, mergeBase, refExists } from './git-review.ts';
import { parseWorktreeList } from './git-worktree.ts';
import { GitError, type Git } from './git.ts';

export interface Person {
  name: string;
  email: string;
}

export interface MergeInput {
  projectDir: string;
  branch: string;
  into: string;
  mode: MergeMode;
  /** Who merges: the author of a squash or merge commit, the committer of every new commit. */
  by: Person;
  /** Lines added at the end of the message of a squash or merge commit (e.g. `Approved-by: …`). */
  trailers?: readonly string[];
  /** Where a rebase's throwaway worktree is made; default: the OS temp dir. */
  scratchDir?: string;
}

export type MergeResult =
  | { outcome: 'merged'; mode: MergeMode; into: string; commit: string; previous: string; updatedCheckout: boolean }
  | { outcome: 'up-to-date'; into: string; commit: string }
  | { outcome: 'conflict'; into: string; files: string[]; targetMoved: boolean }
  | { outcome: 'refused'; reason: string };

const NO_SIGN = ['-c', 'commit.gpgSign=false'];

function identityEnv(by: Person, author: Person | null): Record<string, string> {
  const env: Record<string, string> = { GIT_COMMITTER_NAME: by.name, GIT_COMMITTER_EMAIL: by.email };
  if (author) Object.assign(env, { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email });
  return env;
}

export async function isAncestor(git: Git, cwd: string, a: string, b: string): Promise<boolean> {
  try {
    await git.run(cwd, ['merge-base', '--is-ancestor', a, b]);
    return true;
  } catch (err) {
    if (err instanceof GitError && err.exitCode === 1) return false;
    throw err;
  }
}

/** The tree merging `theirs` into `ours` gives (plumbing: nothing is checked out), and the files that conflict. */
export async function tryMerge(git: Git, cwd: string, ours: string, theirs: string): Promise<{ tree: string; conflicts: string[] }> {
  let out: string;
  let conflicted = false;
  try {
    out = await git.run(cwd, ['merge-tree', '--write-tree', '--name-only', '--no-messages', '-z', ours, theirs]);
  } catch (err) {
    // Exit 1: conflicts; stdout holds the tree (with markers) and then the conflicted paths.
    if (!(err instanceof GitError && err.exitCode === 1)) throw err;
    out = err.stdout;
    conflicted = true;
  }
  const [tree = '', ...rest] = out.split('\0');
  return { tree: tree.trim(), conflicts: conflicted ? [...new Set(rest.filter((f) => f !== ''))].sort() : [] };
}

/** Where `branch` is checked out, if anywhere (canonical paths). */
async function checkedOutAt(git: Git, projectDir: string, branch: string): Promise<string | null> {
  const list = parseWorktreeList(await git.run(projectDir, ['worktree', 'list', '--porcelain']));
  const holder = list.find((w) => w.branch === `refs/heads/${branch}`);
  return holder ? realpath(holder.path).catch(() => holder.path) : null;
}

async function isClean(git: Git, dir: string, untracked: boolean): Promise<boolean> {
  const status = await git.run(dir, ['--no-optional-locks', 'status', '--porcelain', '-z', `--untracked-files=${untracked ? 'normal' : 'no'}`]);
  return status === '';
}

async function subjects(git: Git, cwd: string, from: string, to: string): Promise<string[]> {
  const text = await git.run(cwd, ['log', '--no-color', '--reverse', '--format=%s', `${from}..${to}`]);
  return text.split('\n').filter((s) => s !== '' && !s.startsWith('checkpoint: '));
}

function withTrailers(message: string, trailers: readonly string[] | undefined): string {
  return trailers && trailers.length > 0 ? `${message}\n\n${trailers.join('\n')}` : message;
}

/** Replays base..head onto `onto` in a throwaway detached worktree; the new tip, or the conflicted files. */
async function rebaseInScratch(git: Git, input: MergeInput, onto: string, head: string): Promise<{ commit: string } | { conflicts: string[] }> {
  const base = (await mergeBase(git, input.projectDir, onto, head)) ?? onto;
  const dir = join(await mkdtemp(join(input.scratchDir ?? tmpdir(), 'orc-rebase-')), 'tree');
  await git.run(input.projectDir, ['worktree', 'add', '--quiet', '--detach', dir, head]);
  try {
    try {
      await git.run(dir, [...NO_SIGN, 'rebase', '--quiet', '--no-autosquash', '--no-update-refs', '--onto', onto, base], { env: identityEnv(input.by, null) });
    } catch (err) {
      if (!(err instanceof GitError)) throw err;
      const files = (await git.run(dir, ['diff', '--name-only', '-z', '--diff-filter=U', '--no-ext-diff', '--no-textconv'])).split('\0').filter((f) => f !== '');
      await git.run(dir, ['rebase', '--abort']).catch(() => undefined);
      if (files.length === 0) throw err;
      return { conflicts: files.sort() };
    }
    return { commit: (await git.run(dir, ['rev-parse', 'HEAD'])).trim() };
  } finally {
    await rm(join(dir, '..'), { recursive: true, force: true });
    await git.run(input.projectDir, ['worktree', 'prune']);
  }
}

export async function mergeAgentBranch(git: Git, input: MergeInput): Promise<MergeResult> {
  const { projectDir, branch, into, mode, by } = input;
  if (branch === into) return { outcome: 'refused', reason: `cannot merge ${branch} into itself` };
  try {
    await git.run(projectDir, ['check-ref-format', '--branch', into]);
  } catch {
    return { outcome: 'refused', reason: `${JSON.stringify(into)} is not a valid branch name` };
  }
  const head = await refExists(git, projectDir, `refs/heads/${branch}`);
  if (!head) return { outcome: 'refused', reason: `branch ${branch} does not exist in ${projectDir}` };
  const target = await refExists(git, projectDir, `refs/heads/${into}`);
  if (!target) return { outcome: 'refused', reason: `branch ${into} does not exist in ${projectDir}` };
  if (await isAncestor(git, projectDir, head, target)) return { outcome: 'up-to-date', into, commit: target };

  const holder = await checkedOutAt(git, projectDir, into);
  const project = await realpath(projectDir);
  if (holder && holder !== project) return { outcome: 'refused', reason: `${into} is checked out in ${holder}; merge into a branch that is not checked out elsewhere` };
  if (holder && !(await isClean(git, projectDir, false))) {
    return { outcome: 'refused', reason: `${into} is checked out in ${projectDir} with uncommitted changes; commit or stash them first` };
  }

  const merged = await tryMerge(git, projectDir, target, head);
  const targetMoved = (await mergeBase(git, projectDir, target, head)) !== target;
  if (merged.conflicts.length > 0) return { outcome: 'conflict', into, files: merged.conflicts, targetMoved };
  const targetTree = (await git.run(projectDir, ['rev-parse', `${target}^{tree}`])).trim();
  if (merged.tree === targetTree) return { outcome: 'up-to-date', into, commit: target };

  let commit: string;
  if (mode === 'rebase') {
    const rebased = await rebaseInScratch(git, input, target, head);
    if ('conflicts' in rebased) return { outcome: 'conflict', into, files: rebased.conflicts, targetMoved };
    commit = rebased.commit;
  } else {
    const list = await subjects(git, projectDir, target, head);
    const message =
      mode === 'merge'
        ? `Merge branch '${branch}' into ${into}`
        : [`${branch}: ${list.at(-1) ?? 'work'} (squashed)`, '', ...list.map((s) => `* ${s}`)].join('\n').trimEnd();
    const parents = mode === 'merge' ? ['-p', target, '-p', head] : ['-p', target];
    commit = (
      await git.run(projectDir, [...NO_SIGN, 'commit-tree', '--no-gpg-sign', merged.tree, ...parents, '-m', withTrailers(message, input.trailers)], {
        env: identityEnv(by, by),
      })
    ).trim();
  }

  let updatedCheckout = false;
  if (holder) {
    // Checked out here and clean: a fast-forward updates branch, index and files together,
    // and refuses by itself if an untracked file would be overwritten.
    if ((await currentBranch(git, projectDir)) !== into || (await refExists(git, projectDir, 'HEAD')) !== target) {
      return { outcome: 'refused', reason: `${into} moved while merging; try again` };
    }
    try {
      await git.run(projectDir, ['merge', '--ff-only', '--quiet', '--no-edit', commit], { env: identityEnv(by, by) });
    } catch (err) {
      if (err instanceof GitError) return { outcome: 'refused', reason: `could not update the checkout of ${into} in ${projectDir}: ${err.stderr.trim() || err.message}` };
      throw err;
    }
    updatedCheckout = true;
  } else {
    try {
      // Compare-and-swap: only from the tip that was merged into.
      await git.run(projectDir, ['update-ref', '-m', `orc: ${mode} ${branch}`, `refs/heads/${into}`, commit, target]);
    } catch (err) {
      if (err instanceof GitError) return { outcome: 'refused', reason: `${into} moved while merging; try again` };
      throw err;
    }
  }
  return { outcome: 'merged', mode, into, commit, previous: target, updatedCheckout };
}

export interface RestartBranchInput {
  projectDir: string;
  worktreeDir: string | null;
  branch: string;
  onto: string;
}

export type RestartBranchResult = { outcome: 'restarted'; commit: string } | { outcome: 'refused'; reason: string };

/**
 * Points the agent's branch (and its worktree) at the tip of `onto`, once everything on it is
 * in `onto` (merged, squashed or rebased there) and its worktree is clean: nothing is lost.
 */
export async function restartAgentBranch(git: Git, input: RestartBranchInput): Promise<RestartBranchResult> {
  const { projectDir, worktreeDir, branch, onto } = input;
  const head = await refExists(git, projectDir, `refs/heads/${branch}`);
  if (!head) return { outcome: 'refused', reason: `branch ${branch} does not exist in ${projectDir}` };
  const target = await refExists(git, projectDir, `refs/heads/${onto}`);
  if (!target) return { outcome: 'refused', reason: `branch ${onto} does not exist in ${projectDir}` };
  if (!(await isAncestor(git, projectDir, head, target))) {
    const merged = await tryMerge(git, projectDir, target, head);
    const targetTree = (await git.run(projectDir, ['rev-parse', `${target}^{tree}`])).trim();
    if (merged.conflicts.length > 0 || merged.tree !== targetTree) {
      return { outcome: 'refused', reason: `${branch} has work that is not in ${onto}; merge it first` };
    }
  }
  const holder = await checkedOutAt(git, projectDir, branch);
  if (holder) {
    if (worktreeDir === null || holder !== (await realpath(worktreeDir).catch(() => worktreeDir))) {
      return { outcome: 'refused', reason: `${branch} is checked out in ${holder}, not in the agent's worktree` };
    }
    if (!(await isClean(git, holder, true))) return { outcome: 'refused', reason: `the agent's worktree ${holder} has uncommitted changes` };
    // --keep: refuses rather than overwrite a local change (there is none: checked just above).
    await git.run(holder, ['reset', '--quiet', '--keep', target]);
  } else {
    await git.run(projectDir, ['update-ref', '-m', `orc: restart ${branch} from ${onto}`, `refs/heads/${branch}`, target, head]);
  }
  return { outcome: 'restarted', commit: target };
}
