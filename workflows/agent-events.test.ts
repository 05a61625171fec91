import { describe, expect, it } from 'vitest';
import type { AgentState } from '../domain/agent-state.ts';
import { stateAfterEvent } from './agent-events.ts';
import type { AgentEvent } from './agent-types.ts';

type Event = Exclude<AgentEvent, { kind: 'exited' }>;

describe('stateAfterEvent', () => {
  it.each<[AgentState, Event, boolean, AgentState]>([
    ['idle', { kind: 'prompt-submitted', prompt: 'go' }, true, 'working'],
    ['working', { kind: 'turn-finished' }, true, 'idle'],
    ['working', { kind: 'permission-requested', tool: 'Bash' }, true, 'waiting-approval'],
    ['working', { kind: 'notification', message: 'Claude needs your permission to use Bash' }, true, 'waiting-approval'],
    ['working', { kind: 'notification', message: 'Claude is waiting for your input' }, true, 'working'],
    // A closed dialog: a hooked agent goes on working (its Stop hook says when it is idle); one
    // without hooks never says, so it is taken as idle.
    ['waiting-approval', { kind: 'dialog-closed' }, true, 'working'],
    ['waiting-approval', { kind: 'dialog-closed' }, false, 'idle'],
    // "No" in Claude Code's dialog ends its turn with no Stop hook: it waits for what to do instead.
    ['waiting-approval', { kind: 'dialog-closed', interrupted: true }, true, 'idle'],
    ['waiting-approval', { kind: 'dialog-closed', interrupted: false }, true, 'working'],
    ['working', { kind: 'dialog-closed', interrupted: true }, true, 'working'],
    ['working', { kind: 'dialog-closed' }, false, 'working'],
    ['idle', { kind: 'session-started' }, true, 'idle'],
  ])('%s + %j (hooks: %s) → %s', (state, event, hooked, expected) => {
    expect(stateAfterEvent(state, event, hooked)).toBe(expected);
  });
});
