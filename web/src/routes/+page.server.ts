// The overview: every team and agent with its live state, the agents that need a person
// first, the next check-ins, and how autonomous the agents have become.
import type { PageServerLoad } from './$types';
import { pageApi } from '#lib/server/api/page-caller.ts';
import { checkHealth } from '#lib/server/health.ts';

import { NEEDS_PERSON_REASONS } from '$domain/notifications/needs-person.ts';

const startOfUtcDay = (now = new Date()) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

export const load: PageServerLoad = async ({ locals }) => {
  const api = pageApi(locals.caller);
  const [health, agents, teams, pending, stats, checkins, usage] = await Promise.all([
    checkHealth(),
    api.agents.status().catch(() => []),
    api.teams.list().catch(() => []),
    api.approvals.list().catch(() => []),
    api.stats.permissions().catch(() => null),
    api.checkins.list({}).catch(() => []),
    // What each agent's model calls cost today (UTC), from its CLI's telemetry.
    api.usage.summary({ since: startOfUtcDay().toISOString(), by: 'agent' }).catch(() => null),
  ]);
  const roles = new Map(teams.flatMap((team) => team.agents.map((agent) => [agent.id, agent.role] as const)));
  const rows = agents.map((agent) => ({
    ...agent,
    role: roles.get(agent.id) ?? null,
    pendingApprovals: pending.filter((request) => request.agent === agent.id).length,
    usageToday: usage?.rows.find((row) => row.key === agent.id) ?? null,
  }));
  // Who needs a person is the API's to say (agents.status, domain/notifications/needs-person.ts), most urgent first.
  const urgency = (row: (typeof rows)[number]) => (row.needsPerson ? NEEDS_PERSON_REASONS.indexOf(row.needsPerson.reason) : NEEDS_PERSON_REASONS.length);
  return {
    health,
    needPerson: rows.filter((row) => row.needsPerson !== null).sort((a, b) => urgency(a) - urgency(b)),
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
