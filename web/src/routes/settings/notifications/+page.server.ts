// Settings › Notifications: the webhooks, with their latest deliveries. Admins only: their URLs
// reach a person's channels, so a viewer sees that they exist, not where they go.
import type { PageServerLoad } from './$types';
import { pageApi } from '#lib/server/api/page-caller.ts';

export const load: PageServerLoad = async ({ locals }) => {
  const api = pageApi(locals.caller);
  try {
    return { webhooks: await api.notify.list(), refused: null };
  } catch (err) {
    return { webhooks: [], refused: err instanceof Error ? err.message : String(err) };
  }
};
