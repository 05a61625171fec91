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
      if (state !== 'waiting-approval') return state;
      // "No" ended the turn: the agent waits to be told what to do instead.
      if (event.interrupted === true) return 'idle';
      // After "Yes" a hooked agent works on until its Stop hook; agents without hooks never
      // report the end of a turn, so "not waiting" is all that is known.
      return hooked ? 'working' : 'idle';
    case 'session-started':
      return state;
    case 'limit-reached':
      return 'paused';
    case 'turn-failed':
      return 'idle';
    case 'blocked':
      return 'blocked';
    case 'unblocked':
      // Whatever came after the dialog, the host sees no dialog now: the agent can take a message.
      return state === 'blocked' ? 'idle' : state;
  }
}
