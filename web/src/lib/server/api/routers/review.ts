// Review and merge of a worktree agent's branch: its diff (anyone who may read the team), line
// comments sent to it as one message, a merge into a branch of the project, a request to rebase,
// and its branch started afresh after a merge (people with an admin token).
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { terminalText } from '$domain/control-characters.ts';
import { agentBranch } from '$domain/names.ts';
import { MERGE_MODES, rebaseRequestMessage, reviewCommentsMessage } from '$domain/review.ts';
import { sendMessage } from '#lib/server/agents/agent-control.ts';
import { agentDiff, mergeAgent, restartAgentBranch } from '#lib/server/review/review-control.ts';
import { approveMerge, approverFromIdentity, checkAgentBranch, reviewRecords } from '#lib/server/review/merge-gate.ts';
import { adminProcedure, authedProcedure, router } from '../trpc.ts';
import { agentRef } from './agent-ref.ts';

/** A branch name as git allows it is checked on the host (check-ref-format); this only bounds it. */
// eslint-disable-next-line no-control-regex -- control characters are what it refuses
const branchName = z.string().min(1).max(200).regex(/^[^\s\0-\x1f~^:?*[\\]+$/, { message: 'not a branch name' });
const filePath = z.string().min(1).max(4096);

export const reviewRouter = router({
  /** The agent's branch against where it started: files, commits and the unified patch. */
  diff: authedProcedure
    .input(z.object({ agent: agentRef, target: branchName.optional(), since: z.array(z.object({ commit: z.string().regex(/^[0-9a-f]{7,64}$/), file: filePath })).max(50).default([]) }))
    .query(({ ctx, input }) => agentDiff(ctx.services, input.agent, input.target ?? null, input.since)),

  /** Line comments (and one general comment) sent to the agent as one message that quotes each line. */
  comment: adminProcedure
    .input(
      z.object({
        agent: agentRef,
        commit: z.string().regex(/^[0-9a-f]{7,64}$/),
        comments: z.array(z.object({ file: filePath, line: z.number().int().min(1).max(10_000_000), quote: terminalText().max(2_000), text: terminalText().min(1).max(10_000) })).max(200),
        general: terminalText().max(20_000).optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      if (input.comments.length === 0 && !input.general) throw new TRPCError({ code: 'BAD_REQUEST', message: 'nothing to send: add a line comment or a general comment' });
      const text = reviewCommentsMessage({ branch: agentBranch(input.agent.team, input.agent.agent), commit: input.commit, comments: input.comments, general: input.general ?? null });
      return sendMessage(ctx.services, input.agent, text, `human:${ctx.identity.name}`);
    }),

  merge: adminProcedure
    .input(
      z.object({
        agent: agentRef,
        mode: z.enum(MERGE_MODES).default('squash'),
        into: branchName.optional(),
        approvedBy: z.string().min(1).max(200).regex(/^[^\n\r]+$/).optional(),
      }),
    )
    .mutation(({ ctx, input }) => mergeAgent(ctx.services, input.agent, { mode: input.mode, into: input.into ?? null, approvedBy: input.approvedBy ?? null }, ctx.identity.name)),

  /** Asks the agent, with the usual message path, to rebase onto the target and resolve the files that conflict. */
  requestRebase: adminProcedure
    .input(z.object({ agent: agentRef, into: branchName, files: z.array(filePath).max(500) }))
    .mutation(({ ctx, input }) => {
      const text = rebaseRequestMessage({ branch: agentBranch(input.agent.team, input.agent.agent), target: input.into, files: input.files });
      return sendMessage(ctx.services, input.agent, text, `human:${ctx.identity.name}`);
    }),

  /** Starts the agent's branch afresh from the target's tip, once all of its work is there. */
  restartBranch: adminProcedure
    .input(z.object({ agent: agentRef, onto: branchName.optional() }))
    .mutation(({ ctx, input }) => restartAgentBranch(ctx.services, input.agent, input.onto ?? null)),

  /** Runs the team's check on the agent's branch now; a failure is sent to the agent. */
  check: adminProcedure.input(z.object({ agent: agentRef })).mutation(({ ctx, input }) => checkAgentBranch(ctx.services, input.agent, `human:${ctx.identity.name}`)),

  /**
   * Approves the agent's change as it is now, for the team's mergeApproval rule: a person, or a
   * teammate of the role the rule names (never the agent itself).
   */
  approve: authedProcedure
    .input(z.object({ agent: agentRef }))
    .mutation(async ({ ctx, input }) => approveMerge(ctx.services, input.agent, await approverFromIdentity(ctx.services, ctx.identity))),

  /** The team's check and approval rule, and the checks and approvals recorded for the agent's branch. */
  records: authedProcedure.input(z.object({ agent: agentRef })).query(({ ctx, input }) => reviewRecords(ctx.services, input.agent)),
});
