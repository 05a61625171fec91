// The analytics page: how autonomous the agents became over time, and the totals behind it.
import type { PageServerLoad } from './$types';
import { pageApi } from '#lib/server/api/page-caller.ts';

export const load: PageServerLoad = async ({ locals }) => {
  const api = pageApi(locals.caller);
  const [stats, timeline] = await Promise.all([api.stats.permissions(), api.stats.timeline()]);
  return { stats, timeline };
};
