// Open permission requests and a person's answers to them. Answering is for people with an
// admin token only: an agent approving its own (or a teammate's) request would make the whole
// approval step meaningless, and a viewer only reads.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { RULE_SCOPES } from '$db/schema/permission-rules.ts';
import { decideByHuman } from '#lib/server/approvals/human-decision.ts';
import { SHORT_ID } from '#lib/server/approvals/ids.ts';
import { listOpen, listRecentlyDecided } from '#lib/server/approvals/request-store.ts';
import { authedProcedure, router } from '../trpc.ts';
import { personProcedure } from '#lib/server/approvals/person-procedure.ts';

const requestId = z.string().regex(SHORT_ID, { message: 'a request id is 10 hex characters, as `orc approvals` shows it' });

const answer = z.object({
  id: requestId,
  always: z.boolean().default(false),
  scope: z.enum(RULE_SCOPES).default('project'),
  reason: z.string().min(1).max(2000).optional(),
});

export const approvalsRouter = router({
  /**
   * Requests a person can still answer, oldest first, each with its `state`: `waiting` (the
   * hook waits for an answer) or `in-dialog` (the wait ran out; the agent's own dialog shows it,
   * and an answer is pressed there). An agent's token sees only its own.
   */
  list: authedProcedure.query(({ ctx }) => listOpen(ctx.services.db, ctx.identity.role === 'agent' ? (ctx.identity.agentId ?? '') : null)),

  /** The latest requests people answered, newest first, with who answered and how. */
  recent: authedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(20) }).optional())
    .query(({ ctx, input }) => listRecentlyDecided(ctx.services.db, ctx.identity.role === 'agent' ? (ctx.identity.agentId ?? '') : null, input?.limit ?? 20)),

  approve: personProcedure('approve permission requests')
    .input(answer)
    .mutation(({ ctx, input }) => {
      if (input.reason !== undefined) throw new TRPCError({ code: 'BAD_REQUEST', message: 'reason: only a denial carries a reason (it is shown to the agent)' });
      return decideByHuman(ctx.services, { id: input.id, allow: true, always: input.always, scope: input.scope, reason: null, decider: `human:${ctx.identity.name}` });
    }),

  deny: personProcedure('deny permission requests')
    .input(answer)
    .mutation(({ ctx, input }) =>
      decideByHuman(ctx.services, { id: input.id, allow: false, always: input.always, scope: input.scope, reason: input.reason ?? null, decider: `human:${ctx.identity.name}` }),
    ),
});
