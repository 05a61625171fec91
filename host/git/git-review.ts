// What a worktree agent changed, for review: its branch (committed work and what is not
// committed yet, untracked files included) against the commit it started from, with its
// commits listed and runs of checkpoint commits folded into one entry. Read only: the agent's
// index and checkout are never touched (uncommitted work is read through a private index).
import { copyFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHECKPOINT_AUTHOR } from './git-checkpoint.ts';
import { GitError, type Git } from './git.ts';

/** Where an agent's branch started: the commit and the branch it was made from. */
export interface ReviewBase {
  commit: string;
  branch: string;
}

export interface ReviewDiffInput {
  projectDir: string;
  /** The agent's worktree; its uncommitted work is included when it is on `branch`. */
  worktreeDir: string | null;
  branch: string;
  /** The branch the work would be merged into; default: the recorded base's branch, else the project's checked-out branch. */
  target?: string | null;
  recorded?: ReviewBase | null;
  /** The patch text is cut after this many bytes (an agent can write gigabytes). */
  maxPatchBytes?: number;
  /** Files commented on at a commit: what changed in each since then is returned (laterChanges). */
  since?: readonly { commit: string; file: string }[];
}

export type FileStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'type-changed';

export interface ChangedFile {
  path: string;
  /** The old path of a rename or copy. */
  oldPath: string | null;
  status: FileStatus;
  /** Null for a binary file. */
  added: number | null;
  deleted: number | null;
}

export interface ReviewCommit {
  commit: string;
  subject: string;
  author: string;
  date: string;
  /** More than 1: this entry stands for that many checkpoint commits in a row (commit is the newest). */
  checkpoints: number;
}

export interface ReviewDiff {
  branch: string;
  target: string;
  /** The commit the diff is taken from: where the branch and the target last met. */
  base: string;
  /** The branch's tip. */
  head: string;
  /** The target's tip now; differs from `base` when the target moved on since. */
  targetHead: string;
  /** Whether the worktree has changes not committed yet (included in files and patch). */
  uncommitted: boolean;
  files: ChangedFile[];
  commits: ReviewCommit[];
  patch: string;
  patchTruncated: boolean;
  /** For each `since` entry whose commit is known: the file's patch from that commit to now (empty: unchanged). */
  laterChanges: { commit: string; file: string; patch: string }[];
}

const STATUS: Record<string, FileStatus> = { A: 'added', M: 'modified', D: 'deleted', R: 'renamed', C: 'copied', T: 'type-changed' };
const MAX_COMMITS = 500;

export async function refExists(git: Git, cwd: string, ref: string): Promise<string | null> {
  try {
    return (await git.run(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim();
  } catch (err) {
    if (err instanceof GitError && err.exitCode === 1) return null;
    throw err;
  }
}

/** The branch checked out in `dir`, or null when detached. */
export async function currentBranch(git: Git, dir: string): Promise<string | null> {
  try {
    return (await git.run(dir, ['symbolic-ref', '--quiet', '--short', 'HEAD'])).trim();
  } catch (err) {
    if (err instanceof GitError && err.exitCode === 1) return null;
    throw err;
  }
}

export async function mergeBase(git: Git, cwd: string, a: string, b: string): Promise<string | null> {
  try {
    return (await git.run(cwd, ['merge-base', a, b])).trim();
  } catch (err) {
    if (err instanceof GitError && err.exitCode === 1) return null;
    throw err;
  }
}

/** The branch the agent's work goes into when nobody names one. */
export async function defaultTarget(git: Git, projectDir: string, recorded: ReviewBase | null | undefined): Promise<string> {
  const target = recorded?.branch ?? (await currentBranch(git, projectDir));
  if (!target) throw new Error(`the project ${projectDir} has no branch checked out; name the branch to compare with`);
  return target;
}

/**
 * The tree of `worktreeDir` as it is on disk, what `git add --all` would stage, written through
 * a copy of its index so the agent's own index (and any lock on it) is left alone.
 */
export async function worktreeTree(git: Git, worktreeDir: string): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'orc-review-index-'));
  try {
    const index = join(scratch, 'index');
    const own = resolve(worktreeDir, (await git.run(worktreeDir, ['rev-parse', '--git-path', 'index'])).trim());
    // The copy keeps the stat cache, so unchanged files are not read again.
    if (await stat(own).then(() => true, () => false)) await copyFile(own, index);
    else await git.run(worktreeDir, ['read-tree', 'HEAD'], { env: { GIT_INDEX_FILE: index } });
    await git.run(worktreeDir, ['add', '--all', '--', '.'], { env: { GIT_INDEX_FILE: index } });
    return (await git.run(worktreeDir, ['write-tree'], { env: { GIT_INDEX_FILE: index } })).trim();
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Parses `diff-tree -r -z --name-status -M` and `--numstat -M` of the same two trees. */
export function parseChangedFiles(nameStatus: string, numstat: string): ChangedFile[] {
  const files: ChangedFile[] = [];
  const fields = nameStatus.split('\0');
  for (let i = 0; i < fields.length; ) {
    const code = fields[i++] ?? '';
    if (code === '') continue;
    const letter = code[0] ?? 'M';
    if (letter === 'R' || letter === 'C') {
      const oldPath = fields[i++] ?? '';
      const path = fields[i++] ?? '';
      files.push({ path, oldPath, status: STATUS[letter] ?? 'modified', added: null, deleted: null });
    } else {
      files.push({ path: fields[i++] ?? '', oldPath: null, status: STATUS[letter] ?? 'modified', added: null, deleted: null });
    }
  }
  const counts = numstat.split('\0');
  let n = 0;
  for (let i = 0; i < counts.length; ) {
    const record = counts[i++] ?? '';
    if (record === '') continue;
    const [added = '-', deleted = '-', path = ''] = record.split('\t');
    // A rename's record has an empty path followed by the old and new paths as fields of their own.
    if (path === '') i += 2;
    const file = files[n++];
    if (!file) break;
    file.added = added === '-' ? null : Number(added);
    file.deleted = deleted === '-' ? null : Number(deleted);
  }
  return files;
}

/** Folds each run of consecutive checkpoint commits (newest first) into one entry. */
export function foldCheckpoints(commits: readonly (Omit<ReviewCommit, 'checkpoints'> & { authorName: string })[]): ReviewCommit[] {
  const out: ReviewCommit[] = [];
  for (const c of commits) {
    const isCheckpoint = c.authorName === CHECKPOINT_AUTHOR.name && c.subject.startsWith('checkpoint: ');
    const last = out.at(-1);
    if (isCheckpoint && last && last.checkpoints > 0) {
      last.checkpoints += 1;
      last.subject = `${last.checkpoints} checkpoints`;
      continue;
    }
    out.push({ commit: c.commit, subject: c.subject, author: c.author, date: c.date, checkpoints: isCheckpoint ? 1 : 0 });
  }
  return out;
}

async function listCommits(git: Git, cwd: string, base: string, head: string): Promise<ReviewCommit[]> {
  const text = await git.run(cwd, ['log', '--no-color', '--no-show-signature', `--max-count=${MAX_COMMITS}`, '--format=%H%x00%an%x00%ae%x00%aI%x00%s%x1e', `${base}..${head}`]);
  const commits = text
    .split('\x1e')
    .map((record) => record.replace(/^\n/, ''))
    .filter((record) => record !== '')
    .map((record) => {
      const [commit = '', authorName = '', email = '', date = '', subject = ''] = record.split('\0');
      return { commit, authorName, author: `${authorName} <${email}>`, date, subject };
    });
  return foldCheckpoints(commits);
}

export async function reviewDiff(git: Git, input: ReviewDiffInput): Promise<ReviewDiff> {
  const { projectDir, branch } = input;
  const head = await refExists(git, projectDir, `refs/heads/${branch}`);
  if (!head) throw new Error(`branch ${branch} does not exist in ${projectDir}`);
  const target = input.target ?? (await defaultTarget(git, projectDir, input.recorded));
  const targetHead = await refExists(git, projectDir, `refs/heads/${target}`);
  if (!targetHead) throw new Error(`branch ${target} does not exist in ${projectDir}`);
  const base = (await mergeBase(git, projectDir, targetHead, head)) ?? input.recorded?.commit ?? targetHead;

  let to = head;
  let uncommitted = false;
  const worktreeOnBranch = input.worktreeDir !== null && (await stat(input.worktreeDir).then((s) => s.isDirectory(), () => false)) && (await currentBranch(git, input.worktreeDir)) === branch;
  if (worktreeOnBranch && input.worktreeDir) {
    const tree = await worktreeTree(git, input.worktreeDir);
    const headTree = (await git.run(projectDir, ['rev-parse', `${head}^{tree}`])).trim();
    if (tree !== headTree) {
      to = tree;
      uncommitted = true;
    }
  }
  // Plumbing, so no diff driver, textconv or pager of the repository's runs.
  const treeDiff = ['diff-tree', '-r', '-M', '--no-color', '--no-ext-diff', '--no-textconv'];
  const [nameStatus, numstat, patch] = await Promise.all([
    git.run(projectDir, [...treeDiff, '-z', '--name-status', base, to]),
    git.run(projectDir, [...treeDiff, '-z', '--numstat', base, to]),
    git.run(projectDir, [...treeDiff, '-p', base, to]),
  ]);
  const max = input.maxPatchBytes ?? 4 * 1024 * 1024;
  const patchTruncated = Buffer.byteLength(patch) > max;
  return {
    branch,
    target,
    base,
    head,
    targetHead,
    uncommitted,
    files: parseChangedFiles(nameStatus, numstat),
    commits: await listCommits(git, projectDir, base, head),
    patch: patchTruncated ? Buffer.from(patch).subarray(0, max).toString('utf8').replace(/\n[^\n]*$/, '\n') : patch,
    patchTruncated,
    laterChanges: await laterChanges(git, projectDir, input.since ?? [], to, max),
  };
}

async function laterChanges(git: Git, cwd: string, since: readonly { commit: string; file: string }[], to: string, max: number) {
  const out: ReviewDiff['laterChanges'] = [];
  for (const { commit, file } of since.slice(0, 50)) {
    // Only a commit id (never an option or a range) names where to start; an unknown one is skipped.
    if (!/^[0-9a-f]{7,64}$/.test(commit)) continue;
    const at = await refExists(git, cwd, commit);
    if (!at) continue;
    const patch = await git.run(cwd, ['diff-tree', '-r', '-p', '--no-color', '--no-ext-diff', '--no-textconv', at, to, '--', file], {
      env: { GIT_LITERAL_PATHSPECS: '1' }, // a file name is a name, never pathspec magic
    });
    out.push({ commit, file, patch: patch.length > max ? patch.slice(0, max) : patch });
  }
  return out;
}
