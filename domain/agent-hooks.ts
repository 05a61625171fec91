// Which agents report through Claude Code's hooks, and which the host worker watches on screen
// instead (the screen fallback): every CLI other than Claude Code, and Claude Code launched
// with its hooks switched off (`orc agent start --no-hooks`).

import type { AgentKind } from './agent.ts';

export interface HookedAgent {
  kind: AgentKind;
  /** False: Claude Code launched without orc's hooks. Absent means true (agents launched before the switch existed). */
  hooks?: boolean | null;
}

export function usesHooks(agent: HookedAgent): boolean {
  return agent.kind === 'claude-code' && agent.hooks !== false;
}
