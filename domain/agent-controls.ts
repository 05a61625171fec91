// What a person may do to a running agent besides messaging it: interrupt it, switch its
// permission mode, compact or clear its conversation, choose its model. Per kind of CLI, a
// table says which controls it has, the keys that do each and what its screen shows once it
// took effect (agent-control-plans.ts); a control a kind lacks is refused with a reason
// instead of keys pressed blind. Pure: the host runs a plan (host/agent-controls.ts).
// This file holds the words and the state rules (the agent workflow reads them); the table of
// kinds and their plans is agent-control-plans.ts.
import type { AgentState } from './agent-state.ts';

export const AGENT_CONTROLS = ['interrupt', 'mode', 'compact', 'clear', 'model'] as const;
export type AgentControl = (typeof AGENT_CONTROLS)[number];

/** Permission modes by Claude Code's own names (`--permission-mode`); a kind says which it can reach. */
export const PERMISSION_MODES = ['default', 'acceptEdits', 'plan', 'auto', 'bypassPermissions'] as const;
export type PermissionMode = (typeof PERMISSION_MODES)[number];

/** A model name as CLIs take it (`opus`, `claude-sonnet-4-5`, `claude-opus-4-1[1m]`): typed as one word, never an option. */
export const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._:[\]/-]{0,99}$/;
export const MODEL_NAME_RULE = 'a letter or digit, then letters, digits and . _ : [ ] / -, at most 100 characters';

export type ControlRequest =
  | { control: 'interrupt' }
  | { control: 'mode'; mode: PermissionMode }
  | { control: 'compact' }
  | { control: 'clear' }
  | { control: 'model'; model: string };

/** What carrying out a control did, as the agent's screen showed it. */
export interface ControlOutcome {
  control: AgentControl;
  /** True once the screen showed the control took effect. */
  done: boolean;
  /** What was done and seen, or why nothing was (or what the screen showed instead). */
  detail: string;
  /** The bottom of the agent's screen after the control (or when it was refused there). */
  screen: string;
}

/**
 * How a control is carried out on a screen. `press`: type `text` (literally) then `keys`, and
 * wait for `outcome`; a confirmation the CLI asks for on the way is answered with `confirm.keys`.
 * `cycle`: press `key` until `read` shows `want`, at most `maxPresses` times.
 */
export type ControlPlan =
  | {
      how: 'press';
      /** Why nothing may be pressed on this screen, or null. */
      refuseWhen: (pane: string) => string | null;
      text?: string;
      keys: string[];
      /** true: it took effect; a string: it failed, saying why; null: not yet. */
      outcome: (pane: string, before: string) => true | string | null;
      confirm?: { shows: (pane: string) => boolean; keys: string[] };
      /** Press the keys again every `everyMs` while `still` holds, at most `max` presses in all (a key the CLI missed). */
      repress?: { everyMs: number; max: number; still: (pane: string) => boolean };
      /** Once done: while `needed` holds, press `keys` (at most 3 rounds); `what` is added to the detail. */
      tidy?: { needed: (pane: string) => boolean; keys: (pane: string) => string[]; what: string };
      timeoutMs: number;
      /** What the control is, in a person's words (for the outcome's detail). */
      what: string;
    }
  | {
      how: 'cycle';
      refuseWhen: (pane: string) => string | null;
      key: string;
      /** What the screen shows now, in the words `want` uses; null: it cannot be read. */
      read: (pane: string) => string | null;
      want: string;
      maxPresses: number;
      /** How long one press may take to show on the screen. */
      pressTimeoutMs: number;
      what: string;
    };

/**
 * Why the agent's state forbids a control, or null. A permission dialog takes keys as its
 * answer (Esc denies the request), so nothing is pressed while one waits; the other controls
 * wait for the turn to end. orc's state can lag the screen (an agent without hooks), so the
 * host checks the screen again before pressing anything (the plans' refuseWhen).
 */
export function stateRefusal(state: AgentState | 'unknown' | 'unreachable', control: AgentControl, agentId: string): string | null {
  switch (state) {
    case 'provisioning':
      return `${agentId} is still starting; try again once it is idle`;
    case 'exited':
    case 'failed':
    case 'stopped':
      return `${agentId} is ${state}; it has no running CLI to control`;
    case 'waiting-approval':
      return `${agentId} waits for a permission decision: its dialog would take the keys as an answer (Esc denies it); answer it first with orc approve or orc deny (see orc approvals)`;
    case 'blocked':
      // The dialog would take the keys, with an effect orc cannot know.
      return `${agentId} is blocked on a dialog orc cannot answer; answer it in the agent's pane first (see orc status)`;
    case 'paused':
      return control === 'interrupt' ? `${agentId} is paused on its usage limit, not working: there is nothing to interrupt` : null;
    case 'working':
      // Claude Code takes typed commands as its next message then, and ignored shift+tab (2.1.328).
      return control === 'interrupt'
        ? null
        : `${agentId} is working; interrupt it first (orc agent interrupt ${agentId}) or wait for its turn to end`;
    case 'idle':
    case 'unknown':
    case 'unreachable':
      return null;
  }
}

/** The request in a person's words: "interrupt", "mode plan", "model opus". */
export function describeControl(request: ControlRequest): string {
  if (request.control === 'mode') return `mode ${request.mode}`;
  if (request.control === 'model') return `model ${request.model}`;
  return request.control;
}
