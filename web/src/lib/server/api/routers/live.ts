// Live updates for the dashboard, as a tRPC subscription over server-sent events: each event
// names the parts that changed (agents, approvals, rules, messages, check-ins, teams).
import { changes, currentVersion, LIVE_FEEDS_PER_TOKEN } from '../../live/change-feed.ts';
import { capped } from '../../subscription-caps.ts';
import { authedProcedure, router } from '../trpc.ts';

export const liveRouter = router({
  changes: authedProcedure.subscription(({ ctx, signal }) =>
    capped(LIVE_FEEDS_PER_TOKEN, ctx.identity.tokenId, async function* () {
      // A first event tells the browser it is connected (and, after a reconnect, to reload).
      yield { version: currentVersion(), topics: [], at: new Date().toISOString(), connected: true };
      for await (const change of changes(signal)) yield { ...change, connected: true };
    }),
  ),
});
