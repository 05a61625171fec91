// PreToolUse: Claude Code is about to run a tool. When a deny rule (built-in or learned) matches,
// orc denies it here, before Claude Code's own rules are consulted: a command that the project's
// settings allow (`Bash(rm *)`, say) is still stopped by orc's `rm -rf` outside the workspace.
// Otherwise orc answers `{}` (no decision), so Claude Code behaves exactly as without the hook.
// Two things more are learned from it. The agent has moved on, so a request of its that timed
// out no longer shows in a dialog. And when a learned rule allows the tool use, it is recorded as
// decided by that rule: if Claude Code then asks, its PermissionRequest takes the row over (one
// tool use, one row); if not, Claude Code allowed it by itself, from its own copy of a rule orc
// taught it, and `orc stats` still counts it.
import { z } from 'zod';
import { claudeCodeMayAsk } from '../../../../../domain/permissions/claude-code-asks.ts';
import { decide, type DecidedBy } from '../../../../../domain/permissions/decide.ts';
import { parseAgentRef } from '../../../../../domain/names.ts';
import type { Services } from '../services.ts';
import { agentPlace } from './agent-context.ts';
import { preToolUseDeny, type PreToolUseAnswer } from './hook-answer.ts';
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

export async function handlePreToolUse(services: Services, input: { agentId: string; payload: PreToolUsePayload }): Promise<PreToolUseAnswer> {
  const { agentId, payload } = input;
  const arrivedAt = Date.now();
  const [place] = await Promise.all([
    agentPlace(services, parseAgentRef(agentId)),
    expireTimedOut(services.db, { agentId }, `the agent went on to its next tool use (${payload.tool_name})`),
  ]);
  if (!place) return NO_DECISION;
  const request = permissionRequestOf(payload);
  const decision = decide(request, await applicableRules(services.db, place), place.context);
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
  if (!claudeCodeMayAsk(request, payload.permission_mode, place.context)) return NO_DECISION;
  // Only what a learned rule allows: the rest Claude Code asks about, or decides by itself.
  if (decision.decision !== 'allow' || decision.decidedBy?.kind !== 'rule' || rules.length === 0) return NO_DECISION;
  await record('allowed', decision.decidedBy);
  return NO_DECISION;
}
