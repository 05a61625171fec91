// The hosts and their workers: for `orc hosts`, `orc doctor` and the dashboard. Admin only: it
// names every host and worker, beyond any one team.
import { listHosts } from '#lib/server/hosts/host-list.ts';
import { adminProcedure, router } from '../trpc.ts';

export const hostsRouter = router({
  list: adminProcedure.query(({ ctx }) => listHosts(ctx.services)),
});
