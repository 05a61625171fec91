// Review and merge activities for the host worker: the diff of a worktree agent's branch, its
// merge into a branch of the project, and its branch started afresh after. They run on the
// host's queue, where the project and the worktree live; built over an injected git runner.
import { ApplicationFailure } from '@temporalio/activity';
import { mkdir } from 'node:fs/promises';
import { hostLayout } from '../domain/data-layout.ts';
import { InvalidNameError, agentBranch, agentId } from '../domain/names.ts';
import type { MergeMode } from '../domain/review.ts';
import type { Git } from '../host/git/git.ts';
import { GitError } from '../host/git/git.ts';
import { gitCheckpoint } from '../host/git/git-checkpoint.ts';
import { mergeAgentBranch, restartAgentBranch, type MergeResult, type Person, type RestartBranchResult } from '../host/git/git-merge.ts';
import { currentBranch, defaultTarget, reviewDiff, type ReviewDiff } from '../host/git/git-review.ts';
import { ensureReviewBase, writeReviewBase } from '../host/git/review-base.ts';
import { CommandSandboxError, type ConfineCommand } from '../host/sandbox/command-sandbox.ts';
import { outputTail, runLoggedCommand } from '../host/logged-command.ts';
import { parseAgentCommand } from '../domain/agent-command.ts';
import type { SandboxSetting } from '../domain/sandbox.ts';

export interface ReviewActivityDeps {
  git: Git;
  hostDir: string;
  clock?: () => Date;
  /** Confines a sandboxed agent's check in its sandbox; without it such a check is refused. */
  confine?: ConfineCommand;
  /** The worker's environment, from which a check gets PATH, HOME and the locale (nothing else). */
  env?: NodeJS.ProcessEnv;
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
  /** The tip a check passed on: when the branch has moved past it since, the merge is refused. */
  expectTip?: string | null;
}

export interface CheckAgentWorkInput extends AgentWorkInput {
  command: string;
  /** The agent's own sandbox: a check runs the agent's code, so it gets the same confinement. */
  sandbox: SandboxSetting;
  timeoutMs?: number;
}

export type CheckResult =
  | { outcome: 'ran'; commit: string; passed: boolean; exitCode: number | null; output: string; durationMs: number; logFile: string }
  | { outcome: 'refused'; reason: string };

/** Lines of a check's output kept with its result; the whole is in the log file. */
const CHECK_TAIL_LINES = 60;
const DEFAULT_CHECK_TIMEOUT_MS = 15 * 60_000;

/** What a check's process sees of the worker's environment: enough to find its tools, none of orc's secrets. */
function checkEnvironment(env: NodeJS.ProcessEnv, scratchDir: string): NodeJS.ProcessEnv {
  const kept = ['PATH', 'HOME', 'USER', 'LANG', 'LC_ALL', 'TZ'].flatMap((name) => (env[name] === undefined ? [] : [[name, env[name]] as const]));
  return { ...Object.fromEntries(kept), TMPDIR: scratchDir, CI: '1' };
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
        if (input.expectTip) {
          const tip = (await git.run(input.projectDir, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`]).catch(() => '')).trim();
          if (tip !== input.expectTip) {
            return { outcome: 'refused', reason: `${branch} moved on (to ${tip.slice(0, 12) || 'nothing'}) after its check passed on ${input.expectTip.slice(0, 12)}: merge again to check the new work` };
          }
        }
        const recorded = await ensureBase(input, branch);
        const into = input.into ?? (await defaultTarget(git, input.projectDir, recorded));
        return mergeAgentBranch(git, { projectDir: input.projectDir, branch, into, mode: input.mode, by: input.by, trailers: input.trailers ?? [] });
      });
    },

    /**
     * Runs the team's check in the agent's worktree, on its branch with its uncommitted work
     * committed first (a checkpoint), so the result names the commit it tested.
     */
    async checkAgentWork(input: CheckAgentWorkInput): Promise<CheckResult> {
      const branch = branchOf(input);
      const ref = { team: input.team, agent: input.agent };
      return once(async () => {
        if (!input.worktreeDir || (await currentBranch(git, input.worktreeDir).catch(() => null)) !== branch) {
          return { outcome: 'refused', reason: `${agentId(input.team, input.agent)}'s worktree is gone or not on ${branch}: there is no branch checkout to run the check in` };
        }
        const worktreeDir = input.worktreeDir;
        const saved = await gitCheckpoint(git, { workspaceDir: worktreeDir, agentId: agentId(input.team, input.agent), now: clock() });
        if (saved.outcome === 'skipped') return { outcome: 'refused', reason: `the agent's uncommitted work could not be saved first: ${saved.reason}` };
        const commit = (await git.run(worktreeDir, ['rev-parse', 'HEAD'])).trim();
        const scratchDir = hostLayout(hostDir).scratchDir(ref);
        await mkdir(scratchDir, { recursive: true, mode: 0o700 });
        const env = checkEnvironment(deps.env ?? process.env, scratchDir);
        let argv = parseAgentCommand(input.command);
        if (input.sandbox.enabled) {
          if (!deps.confine) return { outcome: 'refused', reason: 'the agent is sandboxed and this worker cannot sandbox its check' };
          try {
            argv = await deps.confine({ hostDir, projectDir: input.projectDir, worktreeDir, scratchDir, allow: input.sandbox.allow, env }, argv);
          } catch (err) {
            if (err instanceof CommandSandboxError) return { outcome: 'refused', reason: `the check cannot run in the agent's sandbox: ${err.message}` };
            throw err;
          }
        }
        const logFile = hostLayout(hostDir).agent(ref).checkLog;
        const ran = await runLoggedCommand({ argv, cwd: worktreeDir, shownAs: input.command, logFile, timeoutMs: input.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS, env });
        return { outcome: 'ran', commit, passed: ran.exitCode === 0, exitCode: ran.exitCode, output: outputTail(ran.output, CHECK_TAIL_LINES), durationMs: ran.durationMs, logFile };
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
