// Review and merge activities for the host worker: the diff of a worktree agent's branch, its
// merge into a branch of the project, and its branch started afresh after. They run on the
// host's queue, where the project and the worktree live; built over an injected git runner.
import { ApplicationFailure } from '@temporalio/activity';
import { hostLayout } from '../domain/data-layout.ts';
import { InvalidNameError, agentBranch, agentId } from '../domain/names.ts';
import type { MergeMode } from '../domain/review.ts';
import type { Git } from '../host/git/git.ts';
import { GitError } from '../host/git/git.ts';
import { gitCheckpoint } from '../host/git/git-checkpoint.ts';
import { mergeAgentBranch, restartAgentBranch, type MergeResult, type Person, type RestartBranchResult } from '../host/git/git-merge.ts';
import { currentBranch, defaultTarget, reviewDiff, type ReviewDiff } from '../host/git/git-review.ts';
import { ensureReviewBase, writeReviewBase } from '../host/git/review-base.ts';

export interface ReviewActivityDeps {
  git: Git;
  hostDir: string;
  clock?: () => Date;
}

/** Which agent, and where its work is: from its launch record. */
export interface AgentWorkInput {
  projectDir: string;
  team: string;
  agent: string;
  worktreeDir: string | null;
}

export interface MergeAgentWorkInput extends AgentWorkInput {
  into?: string | null;
  mode: MergeMode;
  by: Person;
  trailers?: string[];
}

const invalid = (message: string) => ApplicationFailure.nonRetryable(message, 'InvalidInput');

/** A refusal that is no git failure (a missing branch, a detached project): said once, not retried. */
async function once<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ApplicationFailure || err instanceof GitError) throw err;
    if (err instanceof Error) throw ApplicationFailure.nonRetryable(err.message, 'ReviewRefused');
    throw err;
  }
}

export function createReviewActivities(deps: ReviewActivityDeps) {
  const { git, hostDir } = deps;
  const clock = deps.clock ?? (() => new Date());

  const branchOf = (input: AgentWorkInput): string => {
    try {
      return agentBranch(input.team, input.agent);
    } catch (err) {
      if (err instanceof InvalidNameError) throw invalid(err.message);
      throw err;
    }
  };
  const baseFile = (input: AgentWorkInput) => hostLayout(hostDir).agent({ team: input.team, agent: input.agent }).reviewBase;

  const ensureBase = (input: AgentWorkInput, branch: string) => ensureReviewBase(git, baseFile(input), input.projectDir, branch);

  return {
    async reviewAgentDiff(input: AgentWorkInput & { target?: string | null; since?: { commit: string; file: string }[] }): Promise<ReviewDiff> {
      const branch = branchOf(input);
      return once(async () => {
        const recorded = await ensureBase(input, branch);
        return reviewDiff(git, { projectDir: input.projectDir, worktreeDir: input.worktreeDir, branch, target: input.target ?? null, recorded, since: input.since ?? [] });
      });
    },

    /** Commits what the agent has not committed yet (a checkpoint), then merges its branch. */
    async mergeAgentWork(input: MergeAgentWorkInput): Promise<MergeResult> {
      const branch = branchOf(input);
      return once(async () => {
        if (input.worktreeDir && (await currentBranch(git, input.worktreeDir).catch(() => null)) === branch) {
          const saved = await gitCheckpoint(git, { workspaceDir: input.worktreeDir, agentId: agentId(input.team, input.agent), now: clock() });
          if (saved.outcome === 'skipped') return { outcome: 'refused', reason: `the agent's uncommitted work could not be saved first: ${saved.reason}` };
        }
        const recorded = await ensureBase(input, branch);
        const into = input.into ?? (await defaultTarget(git, input.projectDir, recorded));
        return mergeAgentBranch(git, { projectDir: input.projectDir, branch, into, mode: input.mode, by: input.by, trailers: input.trailers ?? [] });
      });
    },

    /** Points the agent's branch at the target's tip once its work is there; the new base is recorded. */
    async restartAgentWork(input: AgentWorkInput & { onto?: string | null }): Promise<RestartBranchResult> {
      const branch = branchOf(input);
      return once(async () => {
        const onto = input.onto ?? (await defaultTarget(git, input.projectDir, await ensureBase(input, branch)));
        const result = await restartAgentBranch(git, { projectDir: input.projectDir, worktreeDir: input.worktreeDir, branch, onto });
        if (result.outcome === 'restarted') await writeReviewBase(baseFile(input), { commit: result.commit, branch: onto });
        return result;
      });
    },
  };
}

export type ReviewActivities = ReturnType<typeof createReviewActivities>;
