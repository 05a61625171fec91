// The analytics page: how autonomous the agents became over time, and the totals behind it;
// what the agents' model calls cost per day and team.
import type { PageServerLoad } from './$types';
import { pageApi } from '#lib/server/api/page-caller.ts';

export const load: PageServerLoad = async ({ locals }) => {
  const api = pageApi(locals.caller);
  const [stats, timeline, usage] = await Promise.all([api.stats.permissions(), api.stats.timeline(), api.usage.timeline()]);
  return { stats, timeline, usage };
};
