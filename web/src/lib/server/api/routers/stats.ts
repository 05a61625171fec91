// Approval statistics: how much the rules decide without a person, per agent, team and overall,
// and the same over time for the analytics page.
import { permissionStats } from '#lib/server/approvals/stats.ts';
import { permissionTimeline } from '#lib/server/approvals/timeline.ts';
import { authedProcedure, router } from '../trpc.ts';

// An agent's token gets its own team's figures only.
export const statsRouter = router({
  permissions: authedProcedure.query(({ ctx }) => permissionStats(ctx.services.db, ctx.scope.team)),
  /** Per-day requests by who decided them, rules taught over time, messages per agent. */
  timeline: authedProcedure.query(({ ctx }) => permissionTimeline(ctx.services.db, ctx.scope.team)),
});
