// The communication log, filtered by what the URL asks for (?q=, ?team=, ?agent=), so a
// filtered view can be bookmarked or sent to someone. The layout's live feed reloads it.
import type { PageServerLoad } from './$types';
import { pageApi } from '#lib/server/api/page-caller.ts';

const LIMIT = 300;

export const load: PageServerLoad = async ({ locals, url }) => {
  const api = pageApi(locals.caller);
  const filter = {
    search: url.searchParams.get('q')?.trim() ?? '',
    team: url.searchParams.get('team') ?? '',
    agent: url.searchParams.get('agent') ?? '',
  };
  const [teams, agents, messages] = await Promise.all([
    api.teams.list().catch(() => []),
    api.agents.status().catch(() => []),
    api.log
      .messages({ search: filter.search || undefined, team: filter.team || undefined, agent: filter.agent || undefined, limit: LIMIT })
      .then((rows) => ({ rows: rows.reverse(), problem: null }))
      .catch((err: unknown) => ({ rows: [], problem: err instanceof Error ? err.message : String(err) })),
  ]);
  return {
    filter,
    limit: LIMIT,
    messages: messages.rows,
    problem: messages.problem,
    // Stopped teams and agents still have messages worth finding: offer those in the log too.
    teamNames: [...new Set([...teams.map((t) => t.team), ...messages.rows.map((m) => m.team), filter.team].filter(Boolean))].sort(),
    agentIds: [...new Set([...agents.map((a) => a.id), ...messages.rows.flatMap((m) => [m.from, m.to]).filter((id) => id.includes('/')), filter.agent].filter(Boolean))].sort(),
  };
};
