// What an event reported by the agent's hooks or its host's pane watchers means for its state,
// once it is launched and not yet closed (the workflow handles exits and those cases itself).
import type { AgentState } from '../domain/agent-state.ts';
import type { AgentEvent } from './agent-types.ts';

export function stateAfterEvent(state: AgentState, event: Exclude<AgentEvent, { kind: 'exited' }>, hooked: boolean): AgentState {
  switch (event.kind) {
    case 'prompt-submitted':
      return 'working';
    case 'turn-finished':
      return 'idle';
    case 'permission-requested':
      return 'waiting-approval';
    case 'notification':
      return /permission/i.test(event.message) ? 'waiting-approval' : state;
    case 'dialog-closed':
      // Agents without hooks never report the end of a turn, so "not waiting" is all that is known.
      return state === 'waiting-approval' ? (hooked ? 'working' : 'idle') : state;
    case 'session-started':
      return state;
  }
}
