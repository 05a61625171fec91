// The whole API. The CLI imports only the *type* of this router.
import { agentsRouter } from './routers/agents.ts';
import { approvalsRouter } from './routers/approvals.ts';
import { checkinsRouter } from './routers/checkins.ts';
import { hostsRouter } from './routers/hosts.ts';
import { liveRouter } from './routers/live.ts';
import { logRouter } from './routers/log.ts';
import { reviewRouter } from './routers/review.ts';
import { notifyRouter } from './routers/notify.ts';
import { rulesRouter } from './routers/rules.ts';
import { statsRouter } from './routers/stats.ts';
import { teamsRouter } from './routers/teams.ts';
import { tokensRouter } from './routers/tokens.ts';
import { usageRouter } from './routers/usage.ts';
import { router } from './trpc.ts';

export const appRouter = router({
  agents: agentsRouter,
  approvals: approvalsRouter,
  checkins: checkinsRouter,
  hosts: hostsRouter,
  live: liveRouter,
  log: logRouter,
  review: reviewRouter,
  notify: notifyRouter,
  rules: rulesRouter,
  stats: statsRouter,
  teams: teamsRouter,
  tokens: tokensRouter,
  usage: usageRouter,
});

export type AppRouter = typeof appRouter;
