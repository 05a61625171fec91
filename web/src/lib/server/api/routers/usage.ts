// What agents spent on their models (tokens in, out, cache; cost), from their CLI's own
// telemetry. An agent's token gets its own team's figures only: knowing what its team spends
// lets it budget, and it reveals nothing of another team.
import { z } from 'zod';
import { formatAgentRef } from '$domain/names.ts';
import { USAGE_GROUPINGS, usageSummary, usageTimeline } from '#lib/server/usage/usage-store.ts';
import { authedProcedure, router } from '../trpc.ts';
import { agentRef } from './agent-ref.ts';

/** How far back a summary may reach: figures are kept per hour, and a year is plenty to ask at once. */
const MAX_SINCE_DAYS = 400;
const DEFAULT_SINCE_DAYS = 7;

const teamName = z.string().regex(/^[a-z0-9-]{1,40}$/, { message: 'team name is lowercase letters, digits and "-", 1 to 40 characters' });

const since = z.iso
  .datetime({ offset: true, message: 'since is a date and time such as 2026-11-30T00:00:00Z' })
  .transform((value) => new Date(value))
  .refine((date) => date.getTime() <= Date.now(), { message: 'since is in the future: give a time in the past' })
  .refine((date) => date.getTime() >= Date.now() - MAX_SINCE_DAYS * 86_400_000, { message: `since is more than ${MAX_SINCE_DAYS} days ago` });

export const usageRouter = router({
  /** Totals since a time (7 days by default), and one row per agent, team, day (UTC) or model. */
  summary: authedProcedure
    .input(
      z
        .object({
          team: teamName.optional(),
          agent: agentRef.optional(),
          since: since.optional(),
          by: z.enum(USAGE_GROUPINGS).default('agent'),
        })
        .default({ by: 'agent' }),
    )
    .query(({ ctx, input }) =>
      usageSummary(ctx.services.db, {
        team: ctx.scope.team ?? input.team ?? null,
        agent: input.agent ? formatAgentRef(input.agent) : null,
        since: input.since ?? new Date(Date.now() - DEFAULT_SINCE_DAYS * 86_400_000),
        by: input.by,
      }),
    ),
  /** Cost and tokens per UTC day and team over the last 30 days: the analytics chart. */
  timeline: authedProcedure.query(({ ctx }) => usageTimeline(ctx.services.db, ctx.scope.team)),
});
