// Where an agent's branch started, kept in the host's data dir (outside the worktree, where the
// agent cannot rewrite it): written when its worktree is made, rewritten when its branch is
// started afresh after a merge. The review diffs against the merge-base with this branch.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { currentBranch, mergeBase, refExists, type ReviewBase } from './git-review.ts';
import type { Git } from './git.ts';

export async function readReviewBase(file: string): Promise<ReviewBase | null> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as Partial<ReviewBase>;
    return typeof value.commit === 'string' && typeof value.branch === 'string' ? { commit: value.commit, branch: value.branch } : null;
  } catch {
    return null;
  }
}

export async function writeReviewBase(file: string, base: ReviewBase): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(base)}\n`);
}

/** The recorded base; when none is (a worktree made before bases were kept), the project's checked-out branch and where the agent's branch meets it, recorded now. */
export async function ensureReviewBase(git: Git, file: string, projectDir: string, branch: string): Promise<ReviewBase | null> {
  const recorded = await readReviewBase(file);
  if (recorded) return recorded;
  const target = await currentBranch(git, projectDir);
  const head = await refExists(git, projectDir, `refs/heads/${branch}`);
  if (!target || !head) return null;
  const commit = await mergeBase(git, projectDir, `refs/heads/${target}`, head);
  if (!commit) return null;
  const base = { commit, branch: target };
  await writeReviewBase(file, base);
  return base;
}
