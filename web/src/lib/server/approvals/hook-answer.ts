// The answers Claude Code takes from a PermissionRequest hook (see CLAUDE-CODE.md section 3).
// `{}` is "no decision": the agent's own dialog appears. An allow may carry rules for Claude
// Code to write into the project's .claude/settings.local.json itself, so what a person taught
// orc also holds for that CLI without orc writing into the project.
import { parseRule, toClaudeCodeRule } from '$domain/permissions/rule-syntax.ts';

export type HookAnswer = Record<string, never> | { hookSpecificOutput: { hookEventName: 'PermissionRequest'; decision: Record<string, unknown> } };

export const noDecision = (): HookAnswer => ({});

export function allowAnswer(learnedRules: readonly string[] = []): HookAnswer {
  const decision: Record<string, unknown> = { behavior: 'allow' };
  if (learnedRules.length > 0) {
    decision['updatedPermissions'] = [
      { type: 'addRules', rules: learnedRules.map((text) => toClaudeCodeRule(parseRule(text))), behavior: 'allow', destination: 'localSettings' },
    ];
  }
  return { hookSpecificOutput: { hookEventName: 'PermissionRequest', decision } };
}

export function denyAnswer(message: string): HookAnswer {
  return { hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'deny', message } } };
}

/**
 * A PreToolUse answer: `{}` lets Claude Code go on as it would; a deny blocks the tool use even
 * where its own rules allow it; an ask makes it show its dialog (and fire PermissionRequest) even
 * where its own rules would have allowed the tool use without asking (observed in 2.1.328, see
 * testing/CLAUDE-CODE-NOTES.md).
 */
export type PreToolUseAnswer =
  | Record<string, never>
  | { hookSpecificOutput: { hookEventName: 'PreToolUse'; permissionDecision: 'deny' | 'ask'; permissionDecisionReason: string } };

export function preToolUseDeny(reason: string): PreToolUseAnswer {
  return { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: reason } };
}

/** The reason is shown to the person in Claude Code's dialog, not to the model. */
export function preToolUseAsk(reason: string): PreToolUseAnswer {
  return { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'ask', permissionDecisionReason: reason } };
}
