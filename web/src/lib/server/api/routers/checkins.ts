// Check-ins: an agent schedules its own (its token acts only as itself); people schedule for any agent.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { terminalText } from '$domain/control-characters.ts';
import { InvalidDurationError, parseDuration } from '$domain/durations.ts';
import { formatAgentRef, parseAgentRef } from '$domain/names.ts';
import { cancelCheckin, listPendingCheckins, scheduleCheckin } from '#lib/server/agents/checkin-control.ts';
import { authedProcedure, router } from '../trpc.ts';
import { agentRef } from './agent-ref.ts';
import type { TokenIdentity } from '$db/tokens.ts';

function actingAgent(identity: TokenIdentity, requested: { team: string; agent: string } | undefined) {
  if (identity.role === 'viewer') throw new TRPCError({ code: 'FORBIDDEN', message: 'a viewer token cannot schedule or cancel check-ins' });
  if (identity.role === 'agent') {
    const self = identity.agentId ?? '';
    if (requested && formatAgentRef(requested) !== self) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `an agent token acts only as ${self}; it cannot schedule check-ins for ${formatAgentRef(requested)}` });
    }
    return parseAgentRef(self);
  }
  if (!requested) throw new TRPCError({ code: 'BAD_REQUEST', message: 'say which agent: --agent <team>/<agent> (only an agent\'s own token may leave it out)' });
  return requested;
}

export const checkinsRouter = router({
  schedule: authedProcedure
    .input(z.object({ agent: agentRef.optional(), delay: z.string().min(1).max(40), note: terminalText().min(1).max(10_000) }))
    .mutation(({ ctx, input }) => {
      const target = actingAgent(ctx.identity, input.agent);
      let delayMs: number;
      try {
        delayMs = parseDuration(input.delay);
      } catch (err) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: err instanceof InvalidDurationError ? err.message : String(err) });
      }
      const createdBy = ctx.identity.role === 'agent' ? (ctx.identity.agentId ?? 'agent') : `human:${ctx.identity.name}`;
      return scheduleCheckin(ctx.services, target, delayMs, input.note, createdBy);
    }),

  list: authedProcedure
    .input(z.object({ team: z.string().regex(/^[a-z0-9-]{1,40}$/).optional(), agent: agentRef.optional() }).default({}))
    .query(({ ctx, input }) => listPendingCheckins(ctx.services, { ...input, team: ctx.scope.team ?? input.team })),

  cancel: authedProcedure.input(z.object({ id: z.string().min(1).max(64) })).mutation(({ ctx, input }) => {
    if (ctx.identity.role === 'viewer') throw new TRPCError({ code: 'FORBIDDEN', message: 'a viewer token cannot cancel check-ins' });
    return cancelCheckin(ctx.services, input.id, ctx.identity.role === 'agent' ? (ctx.identity.agentId ?? '') : null);
  }),
});
