// A person's answer to a pending request: allow or deny, once or "always". "Always" turns the
// request into rules with the engine's generalisation policy (deriveRules) and stores them in
// the same transaction as the answer, so a refused or lost race leaves no rule behind. After the
// hook's wait ran out the request stays answerable: the answer is then pressed in the agent's
// own dialog (dialog-answer.ts).
import type { RuleScope } from '$db/schema/permission-rules.ts';
import { decide } from '$domain/permissions/decide.ts';
import { deriveRules } from '$domain/permissions/derive-rule.ts';
import { formatRule, type PermissionRule } from '$domain/permissions/rule-syntax.ts';
import type { PermissionContext, PermissionRequest } from '$domain/permissions/types.ts';
import { parseAgentRef } from '$domain/names.ts';
import type { Services } from '../services.ts';
import { requestContext } from './agent-context.ts';
import { answerAgentDialog } from './dialog-answer.ts';
import { findRequest, settlePending, type RequestRow, type Settlement } from './request-store.ts';
import { addRule, applicableRules } from './rule-store.ts';
import { Conflict, Invalid, NotFound } from '../errors.ts';

export interface HumanDecision {
  id: string;
  allow: boolean;
  always: boolean;
  scope: RuleScope;
  reason: string | null;
  /** `human:<token name>`. */
  decider: string;
}

const STATUS_WORDS: Record<RequestRow['status'], string> = {
  pending: 'is pending',
  allowed: 'was already allowed',
  denied: 'was already denied',
  'timed-out': "timed out: no one answered in time, so the agent's own dialog is showing",
  expired: "expired: it timed out, and the agent has since moved on or stopped, so its dialog is gone",
};

function asRequest(row: RequestRow): PermissionRequest {
  return { toolName: row.toolName, toolInput: row.toolInput, ...(row.cwd ? { cwd: row.cwd } : {}) };
}

/**
 * For a deny, only the parts no rule allows yet are what the person objects to: denying
 * `cd src && npm publish` "always" must not forbid `cd`.
 */
function rulesToDeny(request: PermissionRequest, context: PermissionContext, allowed: (part: string) => boolean): PermissionRule[] | null {
  if (request.toolName !== 'Bash') return deriveRules(request, context);
  const decision = decide(request, [], context);
  const parts = decision.parts.filter((part) => !allowed(part.command));
  if (parts.length <= 1 && decision.parts.length <= 1) return deriveRules(request, context);
  const rules: PermissionRule[] = [];
  for (const part of parts) {
    const learned = deriveRules({ ...request, toolInput: { command: part.command } }, context);
    if (learned === null) return null;
    rules.push(...learned);
  }
  return rules.length > 0 ? rules : null;
}

async function rulesToLearn(services: Services, row: RequestRow, allow: boolean): Promise<string[]> {
  const context = await requestContext(services, parseAgentRef(row.agentId), row.projectDir);
  const request = asRequest(row);
  let rules: PermissionRule[] | null;
  if (allow) {
    rules = deriveRules(request, context);
  } else {
    const current = await applicableRules(services.db, { team: row.team, projectDir: row.projectDir });
    const verdicts = new Map(decide(request, current, context).parts.map((part) => [part.command, part.verdict]));
    rules = rulesToDeny(request, context, (part) => verdicts.get(part) === 'allow');
  }
  if (rules === null) {
    const what = row.commandText ?? row.toolName;
    throw new Invalid(`nothing safe to learn from "${what}" (orc never learns a rule that would cover more than this kind of request safely); ${allow ? 'approve it once instead: orc approve' : 'deny it once instead: orc deny'} ${row.id}, or write a precise rule with: orc rules add "<rule>" --${allow ? 'allow' : 'deny'}`);
  }
  return [...new Set(rules.map(formatRule))];
}

function scopeKey(row: RequestRow, scope: RuleScope): string | null {
  if (scope === 'project') return row.projectDir;
  if (scope === 'team') return row.team;
  return null;
}

type Stored = Awaited<ReturnType<typeof addRule>>;

/** Stores the learned rules and settles the row in one transaction; null when another answer won. */
async function storeDecision(services: Services, row: RequestRow, input: HumanDecision, learned: string[], settlement: Pick<Settlement, 'reason' | 'learnedRules'>, from: readonly RequestRow['status'][]): Promise<Stored[] | null> {
  const effect = input.allow ? 'allow' : 'deny';
  return services.db
    .transaction(async (tx) => {
      const rules = [];
      for (const rule of learned) {
        rules.push(await addRule(tx, { rule, effect, scope: input.scope, scopeKey: scopeKey(row, input.scope), source: 'human', createdBy: input.decider, learnedFrom: row.id }));
      }
      const settled = await settlePending(tx, row, { status: input.allow ? 'allowed' : 'denied', decidedBy: 'human', decider: input.decider, ...settlement }, new Date(), from);
      if (!settled) tx.rollback();
      return rules;
    })
    .catch(async (err: unknown) => {
      const now = await findRequest(services.db, input.id);
      if (now && !from.includes(now.status)) return null;
      throw err;
    });
}

/**
 * The hook gave up and the agent's own dialog shows: the host presses the answer's key there
 * (allow once or deny). Rules learned with --always are orc's alone: the dialog is answered
 * "once", so Claude Code learns nothing from it, but orc's hook decides the next such request.
 */
async function answerInDialog(services: Services, row: RequestRow, input: HumanDecision, learned: string[]) {
  const answer = await answerAgentDialog(services, row, input.allow);
  if (answer.pressed === null) {
    throw new Conflict(`request ${row.id} (${row.agentId}: ${row.commandText ?? row.toolName}) timed out, and its dialog cannot be answered from orc: ${answer.detail}. Look with: orc capture ${row.agentId}`);
  }
  const note = `answered in the agent's dialog: ${answer.detail}`;
  const reason = [input.reason, learned.length > 0 ? `${input.allow ? 'allow' : 'deny'} always: ${learned.join(', ')}` : null, note].filter((part) => part).join('; ');
  // The key press lets the agent go on, and its next hook may close the row as expired first.
  const stored = await storeDecision(services, row, input, learned, { reason }, ['timed-out', 'expired']);
  if (stored === null) {
    const now = await findRequest(services.db, row.id);
    throw new Conflict(`request ${row.id} ${STATUS_WORDS[now?.status ?? 'timed-out']}`);
  }
  return { stored, answeredInDialog: answer.detail };
}

export async function decideByHuman(services: Services, input: HumanDecision) {
  const row = await findRequest(services.db, input.id);
  if (!row) throw new NotFound(`no permission request ${input.id}; list the open ones with: orc approvals`);
  if (row.status !== 'pending' && row.status !== 'timed-out') {
    const detail = row.status === 'expired' && row.reason ? ` (${row.reason}); answer in the agent's window if a dialog still shows: orc capture ${row.agentId}` : '';
    throw new Conflict(`request ${input.id} (${row.agentId}: ${row.commandText ?? row.toolName}) ${STATUS_WORDS[row.status]}${detail}`);
  }
  const learned = input.always ? await rulesToLearn(services, row, input.allow) : [];
  const effect = input.allow ? 'allow' : 'deny';
  let stored: Stored[] | null = null;
  let answeredInDialog: string | null = null;
  if (row.status === 'pending') {
    stored = await storeDecision(services, row, input, learned, {
      reason: input.reason ?? (learned.length > 0 ? `${effect} always: ${learned.join(', ')}` : null),
      // Only an allow is handed to Claude Code as native rules; orc enforces its own denies.
      learnedRules: input.allow && learned.length > 0 ? learned : null,
    }, ['pending']);
  }
  if (stored === null) {
    // Timed out (before or while the person answered): the answer goes to the agent's dialog.
    const now = row.status === 'pending' ? await findRequest(services.db, input.id) : row;
    if (!now || now.status !== 'timed-out') throw new Conflict(`request ${input.id} ${STATUS_WORDS[now?.status ?? 'pending']}`);
    ({ stored, answeredInDialog } = await answerInDialog(services, now, input, learned));
  }
  return {
    id: row.id,
    agent: row.agentId,
    tool: row.toolName,
    command: row.commandText,
    status: input.allow ? ('allowed' as const) : ('denied' as const),
    rules: stored.map((rule) => ({ id: rule.id, rule: rule.rule, effect, scope: input.scope, created: rule.created })),
    /** What the host did in the agent's own dialog, when the answer went there; null otherwise. */
    answeredInDialog,
  };
}
