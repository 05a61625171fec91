// The whole API. The CLI imports only the *type* of this router.
import { agentsRouter } from './routers/agents.ts';
import { router } from './trpc.ts';

export const appRouter = router({
  agents: agentsRouter,
});

export type AppRouter = typeof appRouter;
