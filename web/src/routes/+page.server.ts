// The overview: every team and agent with its live state, the agents that need a person
// first, the next check-ins, and how autonomous the agents have become.
import type { PageServerLoad } from './$types';
import { pageApi } from '#lib/server/api/page-caller.ts';
import { checkHealth } from '#lib/server/health.ts';

/** States that need a person, most urgent first. */
const NEEDS_A_PERSON = ['waiting-approval', 'failed', 'exited', 'unknown', 'unreachable'];

export const load: PageServerLoad = async ({ locals }) => {
  const api = pageApi(locals.caller);
  const [health, agents, teams, pending, stats, checkins] = await Promise.all([
    checkHealth(),
    api.agents.status().catch(() => []),
    api.teams.list().catch(() => []),
    api.approvals.list().catch(() => []),
    api.stats.permissions().catch(() => null),
    api.checkins.list({}).catch(() => []),
  ]);
  const roles = new Map(teams.flatMap((team) => team.agents.map((agent) => [agent.id, agent.role] as const)));
  const rows = agents.map((agent) => ({
    ...agent,
    role: roles.get(agent.id) ?? null,
    pendingApprovals: pending.filter((request) => request.agent === agent.id).length,
  }));
  const urgency = (state: string) => {
    const index = NEEDS_A_PERSON.indexOf(state);
    return index === -1 ? NEEDS_A_PERSON.length : index;
  };
  return {
    health,
    needPerson: rows.filter((row) => NEEDS_A_PERSON.includes(row.state) || row.pendingApprovals > 0).sort((a, b) => urgency(a.state) - urgency(b.state)),
    teams: [...new Set([...teams.map((team) => team.team), ...rows.map((row) => row.team)])].sort().map((name) => ({
      name,
      info: teams.find((team) => team.team === name) ?? null,
      agents: rows.filter((row) => row.team === name),
    })),
    checkins: checkins.slice(0, 8),
    pendingCount: pending.length,
    autonomy: stats?.overall ?? null,
  };
};
