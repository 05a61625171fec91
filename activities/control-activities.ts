// Agent controls on the agent's host: interrupt, permission mode, compact, clear, model. The
// plan comes from the agent's kind (domain/agent-controls.ts); the host presses its keys and
// reads the screen until it shows the outcome (host/agent-controls.ts).
import type { AgentKind } from '../domain/agent.ts';
import { planControl } from '../domain/agent-control-plans.ts';
import type { ControlOutcome, ControlRequest } from '../domain/agent-controls.ts';
import { runControl } from '../host/agent-controls.ts';
import type { Tmux } from '../host/tmux/tmux.ts';

export interface ControlAgentInput {
  agentId: string;
  paneId: string;
  kind: AgentKind;
  request: ControlRequest;
}

export function createControlActivities(deps: { tmux: Tmux }) {
  return {
    async controlAgent({ agentId, paneId, kind, request }: ControlAgentInput): Promise<ControlOutcome> {
      const plan = planControl(kind, request, agentId);
      if ('refused' in plan) return { control: request.control, done: false, detail: plan.refused, screen: '' };
      return runControl(deps.tmux, paneId, request.control, plan);
    },
  };
}

export type ControlActivities = ReturnType<typeof createControlActivities>;
