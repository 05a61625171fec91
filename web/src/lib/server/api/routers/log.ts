// The communication log: who sent what to whom, and when it was queued, delivered and confirmed.
import { z } from 'zod';
import { readLog } from '#lib/server/agents/communication-log.ts';
import { formatAgentRef } from '$domain/names.ts';
import { readPaneHistories } from '#lib/server/agents/pane-history.ts';
import { authedProcedure, router } from '../trpc.ts';
import { agentRef } from './agent-ref.ts';

export const logRouter = router({
  messages: authedProcedure
    .input(
      z
        .object({
          team: z.string().regex(/^[a-z0-9-]{1,40}$/, { message: 'team name is lowercase letters, digits and "-", 1 to 40 characters' }).optional(),
          agent: agentRef.optional(),
          search: z.string().max(200).optional(),
          limit: z.number().int().min(1).max(5000).default(200),
        })
        .default({ limit: 200 }),
    )
    .query(({ ctx, input }) =>
      readLog(ctx.services, { team: ctx.scope.team ?? input.team, agent: input.agent ? formatAgentRef(input.agent) : undefined, search: input.search, limit: input.limit }),
    ),

  paneHistories: authedProcedure
    .input(z.object({ agent: agentRef, limit: z.number().int().min(1).max(100).default(1) }))
    .query(({ ctx, input }) => readPaneHistories(ctx.services, input.agent, input.limit)),
});
