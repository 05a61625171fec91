// The whole API. The CLI imports only the *type* of this router.
import { agentsRouter } from './routers/agents.ts';
import { checkinsRouter } from './routers/checkins.ts';
import { logRouter } from './routers/log.ts';
import { teamsRouter } from './routers/teams.ts';
import { router } from './trpc.ts';

export const appRouter = router({
  agents: agentsRouter,
  checkins: checkinsRouter,
  log: logRouter,
  teams: teamsRouter,
});

export type AppRouter = typeof appRouter;
