// A PermissionRequest from an agent's Claude Code: decided by the rule engine when a rule
// (built-in or learned) says so, else recorded as pending for a person, who has a bounded time
// to answer before the agent's own dialog appears. Every request and its outcome is a row.
import { decide, type Decision } from '$domain/permissions/decide.ts';
import type { PermissionRequest } from '$domain/permissions/types.ts';
import { parseAgentRef } from '$domain/names.ts';
import type { Services } from '../services.ts';
import { agentPlace } from './agent-context.ts';
import { awaitDecision } from './await-decision.ts';
import { allowAnswer, denyAnswer, noDecision, type HookAnswer } from './hook-answer.ts';
import { newShortId } from './ids.ts';
import { recordIfNoneWaiting, waitingRequestOf } from './one-waiting-request.ts';
import type { PermissionPayload } from './permission-payload.ts';
import { requestDisplayText, storedToolInput } from './request-display.ts';
import { claimToolUse, recordRequest, type RequestRow } from './request-store.ts';
import { applicableRules, recordHits } from './rule-store.ts';
import { approvalWaitMs } from './wait-bound.ts';
import { emitInBackground } from '../notifications/emit.ts';

export interface PermissionHookInput {
  agentId: string;
  payload: PermissionPayload;
  /** Tells the agent's workflow it is waiting for approval. */
  notifyWaiting: () => Promise<void>;
  /** Tells the agent's workflow a person answered through orc: no dialog shows, it works on. */
  notifyAnswered?: () => Promise<void>;
  /** Aborted when Claude Code stops listening. */
  signal?: AbortSignal;
}

/**
 * A command read off a screen over several lines may have been wrapped by the CLI at the pane's
 * width, so it is not known exactly: no rule allows it, a person decides (deny rules still hold).
 */
function guardScreenReading(decision: Decision, payload: PermissionPayload): Decision {
  if (decision.decision !== 'allow' || !payload.orc_screen?.multiline) return decision;
  return { ...decision, decision: 'undecided', decidedBy: null, undecidedReason: "the command was read off the agent's screen over several lines, where it may have been wrapped; a person decides" };
}

/** An agent's text as one short line of a notification. */
const oneLine = (text: string) => {
  const flat = text.replace(/\p{Cc}+/gu, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
};

export function ruleIdsUsed(decision: Decision): string[] {
  const ids = decision.parts.flatMap((part) => (part.decidedBy?.kind === 'rule' ? [part.decidedBy.ruleId] : []));
  if (decision.decidedBy?.kind === 'rule') ids.push(decision.decidedBy.ruleId);
  return ids;
}

/** The answer a person's (or the timeout's) decision gives Claude Code. */
export function answerFor(row: RequestRow): HookAnswer {
  if (row.status === 'allowed') return allowAnswer(row.learnedRules ?? []);
  if (row.status === 'denied') {
    const who = row.decidedBy === 'human' ? `denied by ${row.decider ?? 'a person'} through orc` : 'denied by orc';
    return denyAnswer(row.reason ? `${who}: ${row.reason}` : who);
  }
  return noDecision();
}

/** What the engine judges of a hook's body: the tool, its input, and the CLI's working directory if absolute. */
export function permissionRequestOf(payload: Pick<PermissionPayload, 'tool_name' | 'tool_input' | 'cwd'>): PermissionRequest {
  const cwd = payload.cwd !== undefined && payload.cwd.startsWith('/') ? payload.cwd : undefined;
  return { toolName: payload.tool_name, toolInput: payload.tool_input, ...(cwd ? { cwd } : {}) };
}

export async function handlePermissionRequest(services: Services, input: PermissionHookInput): Promise<HookAnswer> {
  const ref = parseAgentRef(input.agentId);
  const place = await agentPlace(services, ref);
  if (!place) {
    // Not in the registry: orc cannot tell where the agent may write, so a person decides in its dialog.
    await input.notifyWaiting();
    return noDecision();
  }
  const { payload } = input;
  const request = permissionRequestOf(payload);
  const rules = await applicableRules(services.db, place);
  const decision = guardScreenReading(decide(request, rules, place.context), payload);
  const requestedAt = new Date();
  const use = { agentId: input.agentId, sessionId: payload.session_id ?? null, toolUseId: payload.tool_use_id ?? null, toolName: payload.tool_name, toolInput: storedToolInput(payload.tool_input) };
  /** The request's row, taking over the one PreToolUse may have recorded for this tool use (`claimed`). */
  const rowFor = (claimed: string | null) => {
    const { toolUseId, ...fields } = use;
    return {
      ...fields,
      // Claude Code 2.1.328 names the tool use only in PreToolUse: keep what that row knew.
      ...(toolUseId === null ? {} : { toolUseId }),
      id: claimed ?? newShortId(),
      team: place.team,
      projectDir: place.projectDir,
      cwd: request.cwd ?? null,
      hook: 'permission-request' as const,
      commandText: requestDisplayText(payload.tool_name, payload.tool_input),
      requestedAt,
    };
  };

  if (decision.decision !== 'undecided') {
    // PreToolUse may have recorded this tool use already, as allowed by a rule: the row becomes this request's.
    const claimed = await claimToolUse(services.db, use, requestedAt);
    const decidedAt = new Date();
    const reason = decision.decidedBy?.reason ?? null;
    await recordRequest(services.db, {
      ...rowFor(claimed),
      status: decision.decision === 'allow' ? 'allowed' : 'denied',
      decidedBy: decision.decidedBy?.kind ?? 'builtin',
      ruleId: decision.decidedBy?.ruleId ?? null,
      reason,
      decidedAt,
      decisionLatencyMs: decidedAt.getTime() - requestedAt.getTime(),
    }, claimed !== null);
    // A rule that allowed it had its hit counted at PreToolUse already.
    if (claimed === null || decision.decision !== 'allow') await recordHits(services.db, ruleIdsUsed(decision), decidedAt);
    return decision.decision === 'allow' ? allowAnswer() : denyAnswer(`denied by orc: ${reason ?? 'a rule forbids it'}`);
  }

  // One request per agent waits for a person (one-waiting-request.ts). Another one meanwhile
  // gets "no decision", not a denial: Claude Code then shows its own dialog, where the person
  // at the pane decides as they would without orc (nothing runs unasked, nothing legitimate is
  // refused), and the screen fallback, whose requests are dialogs already on screen, leaves that
  // dialog to the person instead of pressing "No" in it. A denial would fail a subagent's
  // honest tool use with a reason only the model reads. A flood gets nothing either way.
  const waitMs = approvalWaitMs();
  if ((await waitingRequestOf(services.db, input.agentId, waitMs)) !== null) return noDecision();
  if (input.signal?.aborted) return noDecision(); // gave up while others of the agent went first
  const base = await recordIfNoneWaiting(services.db, input.agentId, waitMs, async (tx) => {
    const claimed = await claimToolUse(tx, use, requestedAt);
    const row = rowFor(claimed);
    await recordRequest(tx, { ...row, status: 'pending', reason: decision.undecidedReason ?? null }, claimed !== null);
    return row;
  });
  if (base === null) return noDecision();
  // A person is needed now: the webhooks hear of it (in the background, keyed by the request).
  emitInBackground(services, {
    id: `needs-person-${base.id}`,
    kind: 'needs-person',
    at: requestedAt.toISOString(),
    team: place.team,
    agent: input.agentId,
    summary: `${input.agentId} asks to use ${payload.tool_name}: ${oneLine(base.commandText ?? '')}`,
    reason: 'waiting-request',
    requestId: base.id,
  });
  // The state shown is a courtesy; a workflow that cannot be signalled must not block the answer.
  await input.notifyWaiting().catch(() => undefined);
  const settled = await awaitDecision(services.db, base, waitMs, input.signal);
  // Answered through orc: the agent is not waiting any more, though its next hook may be a while.
  // (A dialog read off the screen is still there until orc presses its key; the host reports it gone.)
  // A wait that ran out returns its timed-out row: then the agent's own dialog shows, and it still waits.
  const answered = settled?.status === 'allowed' || settled?.status === 'denied';
  if (answered && !payload.orc_screen) await input.notifyAnswered?.().catch(() => undefined);
  return settled ? answerFor(settled) : noDecision();
}
