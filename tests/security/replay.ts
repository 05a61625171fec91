// Replays the corpus against the learned set: the decision for every hostile and safe request,
// and how to show one to a person reading a failure.
import { type Decision, decide } from '../../domain/permissions/decide.ts';
import type { PermissionRequest } from '../../domain/permissions/types.ts';
import { type Category, type HostileRequest, hostileRequests } from './hostile-requests.ts';
import { PROJECT, learnedRules, securityContext } from './learned-rules.ts';
import { type SafeRequest, safeRequests } from './safe-requests.ts';

export interface Replayed<T> {
  readonly entry: T;
  readonly decision: Decision;
}

export function replay<T extends { readonly request: PermissionRequest }>(entries: readonly T[]): Replayed<T>[] {
  return entries.map((entry) => ({ entry, decision: decide(entry.request, learnedRules, securityContext) }));
}

/** One line: the command (newlines shown as ⏎) or the tool and what it touches, and a cwd other than the project's. */
export function describeRequest(request: PermissionRequest): string {
  const input = request.toolInput;
  const where = request.cwd !== undefined && request.cwd !== PROJECT ? ` (in ${request.cwd})` : '';
  if (request.toolName === 'Bash') return `${String(input['command']).replaceAll('\n', ' ⏎ ')}${where}`;
  const subject = ['file_path', 'path', 'pattern', 'url'].flatMap((key) => (typeof input[key] === 'string' ? [`${key}=${String(input[key])}`] : []));
  return `${request.toolName} ${subject.join(' ')}${where}`;
}

/** What decided, for a failure message: the rule (or built-in) and its reason. */
export function describeDecider(decision: Decision): string {
  const by = decision.decidedBy;
  if (by === null) return decision.undecidedReason ?? 'nothing';
  return by.kind === 'rule' ? `${by.reason} [${by.ruleId}]` : `built-in ${by.ruleId}: ${by.reason}`;
}

export interface Counts {
  readonly allow: number;
  readonly deny: number;
  readonly undecided: number;
}

export function count(results: readonly Replayed<unknown>[]): Counts {
  const of = (verdict: Decision['decision']) => results.filter((result) => result.decision.decision === verdict).length;
  return { allow: of('allow'), deny: of('deny'), undecided: of('undecided') };
}

export function hostileResults(): Replayed<HostileRequest>[] {
  return replay(hostileRequests);
}

export function safeResults(): Replayed<SafeRequest>[] {
  return replay(safeRequests);
}

/** The learned rules (or built-in) that allowed a request, briefly. */
function ruleOf(decision: Decision): string {
  const rules = decision.parts.flatMap((part) => (part.decidedBy?.kind === 'rule' ? [part.decidedBy.ruleId.replace(/^allow /, '')] : []));
  if (rules.length > 0) return [...new Set(rules)].join(' + ');
  return decision.decidedBy === null ? 'nothing' : decision.decidedBy.ruleId.replace(/^allow /, '');
}

/** The hostile requests allowed, grouped by category, one line each: the request, what allowed it, its harm. */
export function allowedHostileReport(results: readonly Replayed<HostileRequest>[], categories: readonly Category[]): string {
  const lines: string[] = [];
  for (const category of categories) {
    const allowed = results.filter((result) => result.entry.category === category && result.decision.decision === 'allow');
    if (allowed.length === 0) continue;
    lines.push(`## ${category} (${allowed.length} allowed)`);
    for (const { entry, decision } of allowed) lines.push(`- ${describeRequest(entry.request)}  ⟵ ${ruleOf(decision)}  (${entry.why})`);
    lines.push('');
  }
  return lines.join('\n');
}
