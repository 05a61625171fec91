// One agent: its live state, check-ins, open approvals and recent messages. The live feed
// reloads this whenever any of those change; the screen streams separately (agents.screen).
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { agentId, agentWorkflowId, parseAgentRef } from '$domain/names.ts';
import { pageApi } from '#lib/server/api/page-caller.ts';

const RECENT_MESSAGES = 20;

export const load: PageServerLoad = async ({ locals, params }) => {
  const id = agentId(params.team, params.agent);
  try {
    parseAgentRef(id);
  } catch (err) {
    error(404, err instanceof Error ? err.message : String(err));
  }
  const api = pageApi(locals.caller);
  const [agents, teams, checkins, approvals, messages] = await Promise.all([
    api.agents.status().catch(() => []),
    api.teams.list().catch(() => []),
    api.checkins.list({ agent: id }).catch(() => []),
    api.approvals.list().catch(() => []),
    api.log.messages({ agent: id, limit: RECENT_MESSAGES }).catch(() => []),
  ]);
  const role = teams.flatMap((team) => team.agents).find((agent) => agent.id === id)?.role ?? null;
  return {
    id,
    workflowId: agentWorkflowId(parseAgentRef(id)),
    agent: agents.find((agent) => agent.id === id) ?? null,
    role,
    checkins,
    approvals: approvals.filter((request) => request.agent === id),
    messages: [...messages].reverse(),
  };
};
