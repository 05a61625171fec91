// The rules page: every learned, imported and given rule, the disabled ones too (to enable again).
import type { PageServerLoad } from './$types';
import { pageApi } from '#lib/server/api/page-caller.ts';

export const load: PageServerLoad = async ({ locals }) => {
  const api = pageApi(locals.caller);
  const [rules, teams] = await Promise.all([api.rules.list({ includeDisabled: true }), api.teams.list().catch(() => [])]);
  return { rules, teams: teams.map((team) => ({ name: team.team, projectDir: team.projectDir })) };
};
