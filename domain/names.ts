// Team and agent names become tmux session/window names, workflow ids and file names,
// so they are kept to a small alphabet that is safe in all of those places.
import { z } from 'zod';

export const NAME_PATTERN = /^[a-z0-9-]{1,40}$/;
export const NAME_RULE = 'lowercase letters, digits and "-", 1 to 40 characters';

export const nameSchema = (what: 'team' | 'agent') =>
  z.string().regex(NAME_PATTERN, { message: `${what} name must be ${NAME_RULE}` });

export type AgentRef = { team: string; agent: string };

export class InvalidNameError extends Error {
  override name = 'InvalidNameError';
}

/** Parses `team/agent`; throws an InvalidNameError that says what is wrong and what is allowed. */
export function parseAgentRef(ref: string): AgentRef {
  const parts = ref.split('/');
  if (parts.length !== 2) {
    throw new InvalidNameError(`"${ref}" is not an agent id: write it as <team>/<agent>, for example demo/dev`);
  }
  const [team = '', agent = ''] = parts;
  if (!NAME_PATTERN.test(team)) throw new InvalidNameError(`team name "${team}" is invalid: use ${NAME_RULE}`);
  if (!NAME_PATTERN.test(agent)) throw new InvalidNameError(`agent name "${agent}" is invalid: use ${NAME_RULE}`);
  return { team, agent };
}

/** The one way an agent id is spelled: `team/agent`. */
export const agentId = (team: string, agent: string): string => `${team}/${agent}`;

export const formatAgentRef = (ref: AgentRef): string => agentId(ref.team, ref.agent);

export const teamWorkflowId = (team: string): string => `team/${team}`;

/** The branch an agent works on in worktree mode. Throws InvalidNameError on a bad name. */
export function agentBranch(team: string, agent: string): string {
  const ref = parseAgentRef(agentId(team, agent));
  return `orc/${ref.team}/${ref.agent}`;
}

export const agentWorkflowId = (ref: AgentRef): string => agentWorkflowIdOf(formatAgentRef(ref));

/** The workflow id of an agent id already spelled `team/agent` (never throws: workflow code calls it). */
export const agentWorkflowIdOf = (id: string): string => `agent/${id}`;

export const hostTaskQueue = (host: string): string => `host/${host}`;

export const WORKFLOW_TASK_QUEUE = 'orc-workflows';

/** tmux names: one session per team, one window per agent. */
export const tmuxSessionName = (team: string): string => `orc-${team}`;

/** The workflow that keeps a heartbeating activity on a host's queue while its worker is there. */
export const hostPresenceWorkflowId = (host: string): string => `host-presence/${host}`;

/** One review or merge run on an agent's host (the diff, a merge, a check): unique per run. */
export const reviewWorkflowId = (ref: AgentRef, run: string): string => `review/${formatAgentRef(ref)}/${run}`;
/** The delivery of one event to one webhook: a second start for the same pair is the same delivery. */
export const webhookDeliveryWorkflowId = (webhookId: string, eventId: string): string => `notify/${webhookId}/${eventId}`;
