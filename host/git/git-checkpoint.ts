// A git checkpoint: on a timer, commit whatever the agent has changed in its workspace so an
// hour of work is never one `rm` away from gone. It runs while the agent may be using git
// itself, so it steps aside whenever git is busy, and it never pushes or talks to a remote.
import { ApplicationFailure } from '@temporalio/activity';
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { InvalidNameError, parseAgentRef } from '../../domain/names.ts';
import { GitError, type Git } from './git.ts';

export interface GitCheckpointInput {
  /** Absolute path of the agent's workspace: the project directory or the agent's worktree. */
  workspaceDir: string;
  /** `team/agent`. */
  agentId: string;
  /** The time the checkpoint is for; named in the message and used as the author date. */
  now: Date;
}

export type GitCheckpointResult =
  | { outcome: 'committed'; commit: string; files: number }
  | { outcome: 'clean' }
  | { outcome: 'not-a-repo' }
  | { outcome: 'skipped'; reason: string };

export const CHECKPOINT_AUTHOR = { name: 'orc checkpoint', email: 'orc@localhost' } as const;

export const checkpointMessage = (agentId: string, now: Date): string => `checkpoint: ${agentId} at ${now.toISOString()}`;

/**
 * Config for every checkpoint run, on top of what every git orc runs gets (git.ts: no hooks, no
 * fsmonitor, no filters, no remote, no auto gc, whatever the repository's config says). The
 * identity is given here so a checkpoint works on a host where git has none configured. No
 * signing, since a signing key may want a passphrase.
 */
const CHECKPOINT_CONFIG = [
  `user.name=${CHECKPOINT_AUTHOR.name}`,
  `user.email=${CHECKPOINT_AUTHOR.email}`,
  'commit.gpgSign=false',
].flatMap((setting) => ['-c', setting]);

/**
 * Files whose presence means git is in the middle of something the agent (or a human) started.
 * Committing then would record a half-done merge as an ordinary commit, or land a commit in
 * the middle of a rebase, so the checkpoint waits for the next tick instead.
 */
const BUSY_MARKERS: readonly { path: string; reason: string }[] = [
  { path: 'index.lock', reason: 'the index is locked (another git command is running)' },
  { path: 'MERGE_HEAD', reason: 'a merge is in progress' },
  { path: 'rebase-merge', reason: 'a rebase is in progress' },
  { path: 'rebase-apply', reason: 'a rebase or am is in progress' },
  { path: 'CHERRY_PICK_HEAD', reason: 'a cherry-pick is in progress' },
  { path: 'REVERT_HEAD', reason: 'a revert is in progress' },
  { path: 'sequencer', reason: 'a cherry-pick or revert sequence is in progress' },
  { path: 'BISECT_LOG', reason: 'a bisect is in progress' },
];

const exists = (path: string) => stat(path).then(() => true, () => false);

/** A failure because some other git process holds a lock: the agent won the race this time. */
const isLockContention = (err: unknown): err is GitError =>
  err instanceof GitError && /\.lock': File exists|Unable to create '[^']*\.lock'/.test(err.stderr);

export async function gitCheckpoint(git: Git, input: GitCheckpointInput): Promise<GitCheckpointResult> {
  const { workspaceDir, agentId, now } = input;
  if (!isAbsolute(workspaceDir)) {
    throw ApplicationFailure.nonRetryable(`workspace directory must be an absolute path, got ${JSON.stringify(workspaceDir)}`, 'InvalidInput');
  }
  try {
    parseAgentRef(agentId);
  } catch (err) {
    if (err instanceof InvalidNameError) throw ApplicationFailure.nonRetryable(err.message, 'InvalidInput');
    throw err;
  }
  if (Number.isNaN(now.getTime())) throw ApplicationFailure.nonRetryable('checkpoint time is not a valid date', 'InvalidInput');

  const dir = await stat(workspaceDir).catch(() => null);
  if (!dir?.isDirectory()) return { outcome: 'skipped', reason: `workspace directory ${workspaceDir} does not exist` };

  let insideWorkTree: string;
  try {
    insideWorkTree = (await git.run(workspaceDir, ['rev-parse', '--is-inside-work-tree'])).trim();
  } catch (err) {
    if (err instanceof GitError && /not a git repository/i.test(err.stderr)) return { outcome: 'not-a-repo' };
    throw err;
  }
  // Inside a .git directory or a bare repository: there is no work tree to commit.
  if (insideWorkTree !== 'true') return { outcome: 'not-a-repo' };

  // --git-path resolves each marker where git keeps it for this work tree, which in a linked
  // worktree is .git/worktrees/<name>/ in the main repository, not the `.git` file here.
  const markerPaths = (await git.run(workspaceDir, ['rev-parse', ...BUSY_MARKERS.flatMap((m) => ['--git-path', m.path])]))
    .split('\n')
    .filter((line) => line !== '');
  for (const [i, marker] of BUSY_MARKERS.entries()) {
    const path = markerPaths[i];
    if (path !== undefined && (await exists(resolve(workspaceDir, path)))) return { outcome: 'skipped', reason: marker.reason };
  }

  try {
    // Everything is limited to the pathspec `.`: when the workspace is a subdirectory of a
    // larger repository, only the agent's part is committed, and whatever someone else has
    // staged elsewhere stays staged and uncommitted.
    const status = await git.run(workspaceDir, [
      '--no-optional-locks', // a status refresh must not take the index lock from under the agent
      'status',
      '--porcelain',
      '-z',
      '--untracked-files=normal', // whatever status.showUntrackedFiles says, new files count
      '--ignore-submodules=dirty', // a submodule's own uncommitted edits are not committable here
      '--',
      '.',
    ]);
    if (status === '') return { outcome: 'clean' };

    await git.run(workspaceDir, [...CHECKPOINT_CONFIG, 'add', '--all', '--', '.']);
    // If the agent committed the same changes between status and add, there is nothing left,
    // and git commit would fail with "nothing to commit" rather than say so.
    if (!(await hasStagedChanges(git, workspaceDir))) return { outcome: 'clean' };
    const message = checkpointMessage(agentId, now);
    // git's internal date format: unambiguous, unlike the many ISO variants it half-parses.
    const date = `${Math.floor(now.getTime() / 1000)} +0000`;
    await git.run(workspaceDir, [...CHECKPOINT_CONFIG, 'commit', '--quiet', '--no-verify', '--no-gpg-sign', '--message', message, '--', '.'], {
      // Identity variables in the worker's environment would win over user.name/user.email.
      env: {
        GIT_AUTHOR_NAME: CHECKPOINT_AUTHOR.name,
        GIT_AUTHOR_EMAIL: CHECKPOINT_AUTHOR.email,
        GIT_COMMITTER_NAME: CHECKPOINT_AUTHOR.name,
        GIT_COMMITTER_EMAIL: CHECKPOINT_AUTHOR.email,
        GIT_AUTHOR_DATE: date,
      },
    });
    const commit = (await git.run(workspaceDir, ['rev-parse', '--verify', 'HEAD^{commit}'])).trim();
    // Counted from the commit itself (not from the status above), so it says what was saved.
    const changed = await git.run(workspaceDir, ['diff-tree', '-r', '--root', '--no-commit-id', '--no-renames', '--name-only', '-z', commit]);
    return { outcome: 'committed', commit, files: changed.split('\0').filter((name) => name !== '').length };
  } catch (err) {
    if (isLockContention(err)) return { outcome: 'skipped', reason: 'the index is locked (another git command is running)' };
    throw err;
  }
}

async function hasStagedChanges(git: Git, cwd: string): Promise<boolean> {
  try {
    // No external diff or textconv program of the repository's (diff.external, .gitattributes diff=…).
    await git.run(cwd, ['diff', '--cached', '--quiet', '--no-ext-diff', '--no-textconv', '--', '.']);
    return false;
  } catch (err) {
    if (err instanceof GitError && err.exitCode === 1) return true;
    throw err;
  }
}
