// Live updates for the dashboard, as a tRPC subscription over server-sent events: each event
// names the parts that changed (agents, approvals, rules, messages, check-ins, teams).
import { TRPCError } from '@trpc/server';
import { changes, currentVersion, LIVE_FEEDS_PER_TOKEN } from '#lib/server/live/change-feed.ts';
import { capped } from '#lib/server/limits/subscription-caps.ts';
import { authedProcedure, router } from '../trpc.ts';

/**
 * The feed is one for the whole server: it tells when anything changes in any team. That is
 * for people's dashboards; an agent's token (which never opens the dashboard) would learn of
 * other teams' activity from it, so it is refused.
 */
const dashboardProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.scope.team !== null) {
    throw new TRPCError({ code: 'FORBIDDEN', message: `agent ${ctx.identity.agentId ?? ctx.identity.name} cannot watch the live feed: it tells of every team's changes; it is for the dashboard` });
  }
  return next();
});

export const liveRouter = router({
  changes: dashboardProcedure.subscription(({ ctx, signal }) =>
    capped(LIVE_FEEDS_PER_TOKEN, ctx.identity.tokenId, async function* () {
      // A first event tells the browser it is connected (and, after a reconnect, to reload).
      yield { version: currentVersion(), topics: [], at: new Date().toISOString(), connected: true };
      for await (const change of changes(signal)) yield { ...change, connected: true };
    }),
  ),
});
