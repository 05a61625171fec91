// PreToolUse: Claude Code is about to run a tool. orc answers `{}` (no decision), so Claude Code
// behaves exactly as without the hook; the built-in denies are enforced where Claude Code asks
// (permission-hook.ts). Two things are learned from it. The agent has moved on, so a request of
// its that timed out no longer shows in a dialog. And when a learned rule allows the tool use, it
// is recorded as decided by that rule: if Claude Code then asks, its PermissionRequest takes the
// row over (one tool use, one row); if not, Claude Code allowed it by itself, from its own copy
// of a rule orc taught it, and `orc stats` still counts it.
import { z } from 'zod';
import { claudeCodeMayAsk } from '../../../../../domain/permissions/claude-code-asks.ts';
import { decide } from '../../../../../domain/permissions/decide.ts';
import { parseAgentRef } from '../../../../../domain/names.ts';
import type { Services } from '../services.ts';
import { agentPlace } from './agent-context.ts';
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

export async function handlePreToolUse(services: Services, input: { agentId: string; payload: PreToolUsePayload }): Promise<void> {
  const { agentId, payload } = input;
  const arrivedAt = Date.now();
  const [place] = await Promise.all([
    agentPlace(services, parseAgentRef(agentId)),
    expireTimedOut(services.db, { agentId }, `the agent went on to its next tool use (${payload.tool_name})`),
  ]);
  if (!place) return;
  const request = permissionRequestOf(payload);
  if (!claudeCodeMayAsk(request, payload.permission_mode, place.context)) return;
  const decision = decide(request, await applicableRules(services.db, place), place.context);
  const rules = ruleIdsUsed(decision);
  // Only what a learned rule allows: the rest Claude Code asks about, or decides by itself.
  if (decision.decision !== 'allow' || decision.decidedBy?.kind !== 'rule' || rules.length === 0) return;
  const at = new Date();
  await insertRequest(services.db, {
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
    status: 'allowed',
    decidedBy: 'rule',
    ruleId: decision.decidedBy.ruleId,
    reason: decision.decidedBy.reason,
    requestedAt: at,
    decidedAt: at,
    decisionLatencyMs: at.getTime() - arrivedAt,
  });
  await recordHits(services.db, rules, at);
}
