// Live updates for the dashboard, as a tRPC subscription over server-sent events: each event
// names the parts that changed (agents, approvals, rules, messages, check-ins, teams).
import { changes, currentVersion } from '../../live/change-feed.ts';
import { authedProcedure, router } from '../trpc.ts';

export const liveRouter = router({
  changes: authedProcedure.subscription(async function* ({ signal }) {
    // A first event tells the browser it is connected (and, after a reconnect, to reload).
    yield { version: currentVersion(), topics: [], at: new Date().toISOString(), connected: true };
    for await (const change of changes(signal)) yield { ...change, connected: true };
  }),
});
