// PreToolUse: Claude Code is about to run a tool, and has not yet looked at its own permission
// rules. orc answers first, so those rules (its copy of what orc taught it, the project's
// .claude/settings*.json, which the agent itself can write) never allow more than orc does:
// - a deny rule (built-in or learned) matches: orc denies here. A command the project's settings
//   allow (`Bash(rm *)`, say) is still stopped by orc's `rm -rf` outside the workspace.
// - orc allows it (a learned rule, or one of orc's own commands it hands to every agent): `{}`,
//   Claude Code goes on as without the hook (and allows it from its own copy of the rule).
// - orc does not allow it (a built-in hold, or no rule matches) and Claude Code would consult
//   its rules for it: orc answers "ask". Claude Code then shows its dialog even where its own
//   rules would have allowed the tool use, and fires PermissionRequest, which orc holds for a
//   person (observed with 2.1.328, testing/CLAUDE-CODE-NOTES.md). A built-in hold asks even
//   where orc's outline of Claude Code says it would not (claudeCodeMayAsk): orc means it.
// - Claude Code never asks about it (a read inside the project, `git status`; or the agent runs
//   with bypassPermissions, a person's choice): `{}`.
// Two things more are learned from it. The agent has moved on, so a request of its that timed
// out no longer shows in a dialog. And when a learned rule allows the tool use, it is recorded as
// decided by that rule: if Claude Code then asks, its PermissionRequest takes the row over (one
// tool use, one row); if not, Claude Code allowed it by itself, from its own copy of a rule orc
// taught it, and `orc stats` still counts it.
import { z } from 'zod';
import { ORC_COMMAND_RULES } from '$host/claude-settings.ts';
import { checkToolRequest } from '$domain/permissions/builtin-deny.ts';
import { claudeCodeMayAsk } from '$domain/permissions/claude-code-asks.ts';
import { decide, type DecidedBy, type Decision, type LearnedRule } from '$domain/permissions/decide.ts';
import { parseRule } from '$domain/permissions/rule-syntax.ts';
import type { PermissionContext, PermissionRequest } from '$domain/permissions/types.ts';
import { parseAgentRef } from '$domain/names.ts';
import type { Services } from '../services.ts';
import { agentPlace } from './agent-context.ts';
import { preToolUseAsk, preToolUseDeny, type PreToolUseAnswer } from './hook-answer.ts';
import { newShortId } from './ids.ts';
import { permissionRequestOf, ruleIdsUsed } from './permission-hook.ts';
import { requestDisplayText, storedToolInput } from './request-display.ts';
import { expireTimedOut, insertRequest } from './request-store.ts';
import { applicableRules, recordHits } from './rule-store.ts';

export const preToolUsePayload = z
  .object({
    session_id: z.string().max(200).optional(),
    hook_event_name: z.string().max(100).optional(),
    permission_mode: z.string().max(100).optional(),
    tool_name: z.string().min(1).max(200),
    tool_input: z.record(z.string(), z.unknown()),
    tool_use_id: z.string().max(200).optional(),
    cwd: z.string().max(4096).optional(),
  })
  .loose();

export type PreToolUsePayload = z.infer<typeof preToolUsePayload>;

const NO_DECISION: PreToolUseAnswer = {};

/**
 * orc's own commands (`orc send`, `orc checkin`…), which orc hands every agent's Claude Code in
 * its settings file: allowed here too, or each would wait for a person. Not stored rules, so
 * nothing is recorded or counted for them, as before.
 */
const ORC_OWN_RULES: readonly LearnedRule[] = ORC_COMMAND_RULES.map((text) => ({ id: 'orc-commands', effect: 'allow', rule: parseRule(text) }));

function isOrcsOwnCommand(request: PermissionRequest, rules: readonly LearnedRule[], context: PermissionContext): boolean {
  return request.toolName === 'Bash' && decide(request, [...rules, ...ORC_OWN_RULES], context).decision === 'allow';
}

/**
 * A built-in rule holds (part of) it for a person: orc wants it asked about even where Claude
 * Code would not ask (an edit inside the project in acceptEdits mode, say). A Bash request says
 * so per part; for other tools the decision does not, so the built-in check is asked again.
 */
function heldByBuiltin(decision: Decision, request: PermissionRequest, context: PermissionContext): boolean {
  if (request.toolName !== 'Bash') return checkToolRequest(request, context)?.effect === 'hold';
  return decision.parts.some((part) => part.verdict === 'undecided' && part.decidedBy?.kind === 'builtin');
}

export async function handlePreToolUse(services: Services, input: { agentId: string; payload: PreToolUsePayload }): Promise<PreToolUseAnswer> {
  const { agentId, payload } = input;
  const arrivedAt = Date.now();
  const [place] = await Promise.all([
    agentPlace(services, parseAgentRef(agentId)),
    expireTimedOut(services.db, { agentId }, `the agent went on to its next tool use (${payload.tool_name})`),
  ]);
  if (!place) return NO_DECISION;
  const request = permissionRequestOf(payload);
  const learned = await applicableRules(services.db, place);
  const decision = decide(request, learned, place.context);
  const rules = ruleIdsUsed(decision);
  const record = (status: 'allowed' | 'denied', by: DecidedBy) => {
    const at = new Date();
    return Promise.all([
      insertRequest(services.db, {
        id: newShortId(),
        agentId,
        team: place.team,
        projectDir: place.projectDir,
        cwd: request.cwd ?? null,
        hook: 'pre-tool-use',
        sessionId: payload.session_id ?? null,
        toolUseId: payload.tool_use_id ?? null,
        toolName: payload.tool_name,
        toolInput: storedToolInput(payload.tool_input),
        commandText: requestDisplayText(payload.tool_name, payload.tool_input),
        status,
        decidedBy: by.kind,
        ruleId: by.ruleId,
        reason: by.reason,
        requestedAt: at,
        decidedAt: at,
        decisionLatencyMs: at.getTime() - arrivedAt,
      }),
      recordHits(services.db, rules, at),
    ]);
  };
  if (decision.decision === 'deny' && decision.decidedBy) {
    await record('denied', decision.decidedBy);
    return preToolUseDeny(`denied by orc (${decision.decidedBy.ruleId}): ${decision.decidedBy.reason}`);
  }
  const mayAsk = claudeCodeMayAsk(request, payload.permission_mode, place.context);
  if (decision.decision === 'allow') {
    // Recorded only where Claude Code would have asked and a learned rule decided: the rest was no request.
    if (mayAsk && decision.decidedBy?.kind === 'rule' && rules.length > 0) await record('allowed', decision.decidedBy);
    return NO_DECISION;
  }
  if (payload.permission_mode === 'bypassPermissions') return NO_DECISION;
  if (!mayAsk && !heldByBuiltin(decision, request, place.context)) return NO_DECISION;
  if (isOrcsOwnCommand(request, learned, place.context)) return NO_DECISION;
  // Nothing is recorded here: the PermissionRequest that follows is the request, and orc holds it for a person.
  return preToolUseAsk(`orc holds this for a person (orc approvals): ${decision.undecidedReason ?? 'no rule of orc allows it'}`);
}
