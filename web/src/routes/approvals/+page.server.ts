// The approvals inbox: the requests a person can still answer, and the latest ones people answered.
import type { PageServerLoad } from './$types';
import { pageApi } from '#lib/server/api/page-caller.ts';

const RECENT = 20;

export const load: PageServerLoad = async ({ locals }) => {
  const api = pageApi(locals.caller);
  const [open, recent] = await Promise.all([api.approvals.list(), api.approvals.recent({ limit: RECENT })]);
  return { open, recent };
};
