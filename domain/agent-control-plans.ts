// The controls table: per kind of agent CLI, a plan for each control it has (its keys and the
// screen text that confirms them), or what it lacks, for the refusal. Keyed by kind so a new CLI
// is one more row (and one more file like claude-code-controls.ts).
import type { AgentKind } from './agent.ts';
import { AGENT_CONTROLS, type AgentControl, type ControlPlan, type ControlRequest } from './agent-controls.ts';
import { claudeCodeControls } from './claude-code-controls.ts';

/** What one kind of CLI has: a plan per control it knows, or what it lacks (for the refusal). */
export type KindControls = {
  [C in AgentControl]: ((request: Extract<ControlRequest, { control: C }>) => ControlPlan | { refused: string }) | { lacks: string };
};

/**
 * A generic CLI is only known to take typed text: orc cannot tell how it is interrupted (Esc
 * stops Claude Code's turn; Ctrl-C would end `cat` and many shells' programs) nor see that a key
 * took effect, so every control is refused rather than pressed blind.
 */
const genericControls: KindControls = {
  interrupt: { lacks: 'interrupt key' },
  // Refused as "no plan mode", "no acceptEdits mode": the mode asked for is named.
  mode: { lacks: 'permission modes' },
  compact: { lacks: 'compact command' },
  clear: { lacks: 'clear command' },
  model: { lacks: 'model switch' },
};

/**
 * Codex shows "esc to interrupt" and has its own slash commands, but orc has not yet checked
 * on its screen what each key does and what confirms it (docs/agent-clis.md): refused until then.
 */
const codexControls: KindControls = {
  interrupt: { lacks: 'checked interrupt key' },
  mode: { lacks: 'permission modes' },
  compact: { lacks: 'checked compact command' },
  clear: { lacks: 'checked clear command' },
  model: { lacks: 'checked model switch' },
};

export const CONTROLS_BY_KIND: Record<AgentKind, KindControls> = {
  'claude-code': claudeCodeControls,
  codex: codexControls,
  generic: genericControls,
};

const KIND_NAMES: Record<AgentKind, string> = { 'claude-code': 'Claude Code', codex: 'Codex', generic: 'a generic CLI' };

/** The plan for a request on an agent of `kind`, or why that kind cannot do it. */
export function planControl(kind: AgentKind, request: ControlRequest, agentId: string): ControlPlan | { refused: string } {
  const entry = CONTROLS_BY_KIND[kind][request.control];
  if ('lacks' in entry) {
    const lacks = request.control === 'mode' ? `${request.mode} mode` : entry.lacks;
    return { refused: `${agentId} runs ${KIND_NAMES[kind]}: orc knows no ${lacks} for it` };
  }
  return (entry as (r: ControlRequest) => ControlPlan | { refused: string })(request);
}

/** Why a kind refuses a request before its host is asked, or null when it may be tried. */
export function kindRefusal(kind: AgentKind, request: ControlRequest, agentId: string): string | null {
  const plan = planControl(kind, request, agentId);
  return 'refused' in plan ? plan.refused : null;
}

/** Which controls an agent of `kind` has (for pages and help). */
export function controlsOf(kind: AgentKind): AgentControl[] {
  return AGENT_CONTROLS.filter((control) => !('lacks' in CONTROLS_BY_KIND[kind][control]));
}
