// Approval statistics: how much the rules decide without a person, per agent, team and overall.
import { permissionStats } from '../../approvals/stats.ts';
import { authedProcedure, router } from '../trpc.ts';

export const statsRouter = router({
  permissions: authedProcedure.query(({ ctx }) => permissionStats(ctx.services.db)),
});
