// Git activities for the host worker: the timed checkpoint and the agent's worktree. They run
// on the host queue, where the workspace lives; built over an injected git runner and clock.
import { ApplicationFailure } from '@temporalio/activity';
import { resolve } from 'node:path';
import { InvalidNameError } from '../domain/names.ts';
import type { Git } from './git.ts';
import { gitCheckpoint, type GitCheckpointResult } from './git-checkpoint.ts';
import { agentBranch, prepareWorktree, type PrepareWorktreeResult } from './git-worktree.ts';

export interface GitActivityDeps {
  git: Git;
  /** This host's data directory: agents' worktrees live under `<dataDir>/worktrees/<team>/<agent>`. */
  dataDir: string;
  /** The checkpoint's time; injectable so tests can name it. */
  clock?: () => Date;
}

export interface CheckpointWorkspaceInput {
  workspaceDir: string;
  /** `team/agent`. */
  agentId: string;
}

export interface PrepareAgentWorktreeInput {
  projectDir: string;
  team: string;
  agent: string;
}

export function createGitActivities(deps: GitActivityDeps) {
  const { git, dataDir } = deps;
  const clock = deps.clock ?? (() => new Date());

  return {
    /** Commits the workspace if it has changes; never pushes. See GitCheckpointResult. */
    async checkpointWorkspace(input: CheckpointWorkspaceInput): Promise<GitCheckpointResult> {
      return gitCheckpoint(git, { workspaceDir: input.workspaceDir, agentId: input.agentId, now: clock() });
    },

    /** Makes (or finds) the agent's worktree on branch `orc/<team>/<agent>`. */
    async prepareAgentWorktree(input: PrepareAgentWorktreeInput): Promise<PrepareWorktreeResult> {
      let branch: string;
      try {
        branch = agentBranch(input.team, input.agent);
      } catch (err) {
        if (err instanceof InvalidNameError) throw ApplicationFailure.nonRetryable(err.message, 'InvalidInput');
        throw err;
      }
      // Names are checked above, so they cannot climb out of the worktrees directory.
      const worktreeDir = resolve(dataDir, 'worktrees', input.team, input.agent);
      return prepareWorktree(git, { projectDir: input.projectDir, worktreeDir, branch });
    },
  };
}

export type GitActivities = ReturnType<typeof createGitActivities>;
