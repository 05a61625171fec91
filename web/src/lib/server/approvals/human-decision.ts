// A person's answer to a pending request: allow or deny, once or "always". "Always" turns the
// request into rules with the engine's generalisation policy (deriveRules) and stores them in
// the same transaction as the answer, so a refused or lost race leaves no rule behind.
import { TRPCError } from '@trpc/server';
import type { RuleScope } from '../../../../../db/schema/permission-rules.ts';
import { decide } from '../../../../../domain/permissions/decide.ts';
import { deriveRules } from '../../../../../domain/permissions/derive-rule.ts';
import { formatRule, type PermissionRule } from '../../../../../domain/permissions/rule-syntax.ts';
import type { PermissionContext, PermissionRequest } from '../../../../../domain/permissions/types.ts';
import { parseAgentRef } from '../../../../../domain/names.ts';
import type { Services } from '../services.ts';
import { permissionContext } from './agent-context.ts';
import { findRequest, settlePending, type RequestRow } from './request-store.ts';
import { addRule, applicableRules } from './rule-store.ts';

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
  'timed-out': "timed out: no one answered in time, so the agent's own dialog is showing; answer it in the agent's window (tmux)",
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
  const context = permissionContext(services, parseAgentRef(row.agentId), row.projectDir);
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
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `nothing safe to learn from "${what}" (orc never learns a rule that would cover more than this kind of request safely); ${allow ? 'approve it once instead: orc approve' : 'deny it once instead: orc deny'} ${row.id}, or write a precise rule with: orc rules add "<rule>" --${allow ? 'allow' : 'deny'}`,
    });
  }
  return [...new Set(rules.map(formatRule))];
}

function scopeKey(row: RequestRow, scope: RuleScope): string | null {
  if (scope === 'project') return row.projectDir;
  if (scope === 'team') return row.team;
  return null;
}

export async function decideByHuman(services: Services, input: HumanDecision) {
  const row = await findRequest(services.db, input.id);
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `no permission request ${input.id}; list the pending ones with: orc approvals` });
  if (row.status !== 'pending') throw new TRPCError({ code: 'CONFLICT', message: `request ${input.id} (${row.agentId}: ${row.commandText ?? row.toolName}) ${STATUS_WORDS[row.status]}` });
  const learned = input.always ? await rulesToLearn(services, row, input.allow) : [];
  const effect = input.allow ? 'allow' : 'deny';
  const stored = await services.db.transaction(async (tx) => {
    const rules = [];
    for (const rule of learned) {
      rules.push(await addRule(tx, { rule, effect, scope: input.scope, scopeKey: scopeKey(row, input.scope), source: 'human', createdBy: input.decider, learnedFrom: row.id }));
    }
    const settled = await settlePending(tx, row, {
      status: input.allow ? 'allowed' : 'denied',
      decidedBy: 'human',
      decider: input.decider,
      reason: input.reason ?? (learned.length > 0 ? `${effect} always: ${learned.join(', ')}` : null),
      // Only an allow is handed to Claude Code as native rules; orc enforces its own denies.
      learnedRules: input.allow && learned.length > 0 ? learned : null,
    });
    if (!settled) {
      tx.rollback();
    }
    return rules;
  }).catch(async (err: unknown) => {
    const now = await findRequest(services.db, input.id);
    if (now && now.status !== 'pending') throw new TRPCError({ code: 'CONFLICT', message: `request ${input.id} ${STATUS_WORDS[now.status]}` });
    throw err;
  });
  return {
    id: row.id,
    agent: row.agentId,
    tool: row.toolName,
    command: row.commandText,
    status: input.allow ? ('allowed' as const) : ('denied' as const),
    rules: stored.map((rule) => ({ id: rule.id, rule: rule.rule, effect, scope: input.scope, created: rule.created })),
  };
}
