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

export const formatAgentRef = (ref: AgentRef): string => `${ref.team}/${ref.agent}`;

export const agentWorkflowId = (ref: AgentRef): string => `agent/${ref.team}/${ref.agent}`;

export const hostTaskQueue = (host: string): string => `host/${host}`;

export const WORKFLOW_TASK_QUEUE = 'orc-workflows';

/** tmux names: one session per team, one window per agent. */
export const tmuxSessionName = (team: string): string => `orc-${team}`;
