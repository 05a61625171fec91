// Git activities for the host worker: the timed checkpoint and the agent's worktree. They run
// on the host queue, where the workspace lives; built over an injected git runner and clock.
import { ApplicationFailure } from '@temporalio/activity';
import { rm } from 'node:fs/promises';
import { hostLayout } from '../domain/data-layout.ts';
import { InvalidNameError } from '../domain/names.ts';
import type { Git } from '../host/git/git.ts';
import { gitCheckpoint, type GitCheckpointResult } from '../host/git/git-checkpoint.ts';
import { agentBranch, prepareWorktree, type PrepareWorktreeResult } from '../host/git/git-worktree.ts';
import { ensureReviewBase } from '../host/git/review-base.ts';
import { runWorktreeSetup, type WorktreeSetupResult } from '../host/git/worktree-setup.ts';

export interface GitActivityDeps {
  git: Git;
  /** This host's dir in the data dir: agents' worktrees are where the data layout puts them. */
  hostDir: string;
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
  /** Where the registry says the worktree is (the data layout's place, decided when the agent was registered). */
  worktreeDir?: string | null;
}

export function createGitActivities(deps: GitActivityDeps) {
  const { git, hostDir } = deps;
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
      const worktreeDir = input.worktreeDir ?? hostLayout(hostDir).worktreeDir({ team: input.team, agent: input.agent });
      const prepared = await prepareWorktree(git, { projectDir: input.projectDir, worktreeDir, branch });
      // Where the branch starts, for its review: the project's branch and tip as it is now (a new
      // worktree forgets what an earlier agent of the same name started from).
      const baseFile = hostLayout(hostDir).agent({ team: input.team, agent: input.agent }).reviewBase;
      if (prepared.created) {
        await rm(baseFile, { force: true });
        // A new worktree has not been set up yet, whatever an earlier one of the agent's had.
        await rm(hostLayout(hostDir).agent({ team: input.team, agent: input.agent }).setupDone, { force: true });
      }
      await ensureReviewBase(git, baseFile, input.projectDir, branch);
      return prepared;
    },

    /** Runs the team's `setup:` command once in the agent's new worktree; a failure stops the launch, naming its log. */
    async setupAgentWorktree(input: { team: string; agent: string; worktreeDir: string; command: string }): Promise<WorktreeSetupResult> {
      agentBranch(input.team, input.agent); // the names are checked: they name files below
      const files = hostLayout(hostDir).agent({ team: input.team, agent: input.agent });
      const result = await runWorktreeSetup({ worktreeDir: input.worktreeDir, command: input.command, logFile: files.setupLog, doneFile: files.setupDone });
      if (result.outcome === 'failed') {
        throw ApplicationFailure.nonRetryable(`setup command ${JSON.stringify(input.command)} failed in ${input.worktreeDir} (exit ${result.exitCode ?? 'killed'}); output in ${result.logFile}:\n${result.tail}`, 'SetupFailed');
      }
      return result;
    },
  };
}

export type GitActivities = ReturnType<typeof createGitActivities>;
