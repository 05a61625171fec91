// The decision for one permission request. Order: built-in deny rules (which no learned rule
// overrides), learned deny, learned allow, else undecided. A Bash command is judged per simple
// command: denied if any part is denied, allowed only if every part is allowed.
import { type BuiltinVerdict, checkBashCommands, checkToolRequest } from './builtin-deny.ts';
import { ruleMatchesCommand, ruleMatchesRequest } from './rule-matching.ts';
import { type PermissionRule, formatRule } from './rule-syntax.ts';
import { type SimpleCommand, analyseCommand } from './shell-analysis.ts';
import { allowRestrictions } from './allow-restrictions.ts';
import { requestCommand, requestCwd } from './request-subject.ts';
import type { PermissionContext, PermissionRequest } from './types.ts';
import { workingDirectories } from './working-directory.ts';

/** A rule a person taught (an "always" answer, or written by hand), with its stored id. */
export interface LearnedRule {
  readonly id: string;
  readonly effect: 'allow' | 'deny';
  readonly rule: PermissionRule;
}

export type Verdict = 'allow' | 'deny' | 'undecided';

export interface DecidedBy {
  readonly kind: 'builtin' | 'rule';
  readonly ruleId: string;
  readonly reason: string;
}

export interface PartVerdict {
  /** The simple command as written. */
  readonly command: string;
  readonly verdict: Verdict;
  /** What decided; for an undecided part, the built-in rule that held it, if one did. */
  readonly decidedBy: DecidedBy | null;
}

export interface Decision {
  readonly decision: Verdict;
  readonly decidedBy: DecidedBy | null;
  /** One entry per simple command of a Bash request; empty for other tools. */
  readonly parts: readonly PartVerdict[];
  /** Why nothing decided, for the person who will. */
  readonly undecidedReason?: string;
}

function fromBuiltin(verdict: BuiltinVerdict): DecidedBy {
  return { kind: 'builtin', ruleId: verdict.ruleId, reason: verdict.reason };
}

function fromRule(rule: LearnedRule): DecidedBy {
  return { kind: 'rule', ruleId: rule.id, reason: `${rule.effect === 'allow' ? 'allowed' : 'denied'} by ${formatRule(rule.rule)}` };
}

// A command that only sets variables or opens files runs no program: the built-in checks on its
// redirections are all there is to judge.
const NO_PROGRAM: DecidedBy = { kind: 'builtin', ruleId: 'no-program', reason: 'runs no program (assignments or redirections only)' };

/** Does a learned rule cover what is asked? It sees the rule's effect: an allow reaches less far than a deny. */
type Matcher = (rule: LearnedRule) => boolean;

/** The core order, shared by Bash parts and whole requests. */
function judge(builtin: BuiltinVerdict | null, rules: readonly LearnedRule[], matches: Matcher, runsNothing: boolean): { verdict: Verdict; decidedBy: DecidedBy | null } {
  if (builtin?.effect === 'deny') return { verdict: 'deny', decidedBy: fromBuiltin(builtin) };
  const denying = rules.find((rule) => rule.effect === 'deny' && matches(rule));
  if (denying !== undefined) return { verdict: 'deny', decidedBy: fromRule(denying) };
  if (builtin?.effect === 'hold') return { verdict: 'undecided', decidedBy: fromBuiltin(builtin) };
  if (runsNothing) return { verdict: 'allow', decidedBy: NO_PROGRAM };
  const allowing = rules.find((rule) => rule.effect === 'allow' && matches(rule));
  if (allowing !== undefined) return { verdict: 'allow', decidedBy: fromRule(allowing) };
  return { verdict: 'undecided', decidedBy: null };
}

function combine(parts: readonly PartVerdict[]): Decision {
  // A built-in deny is reported before a learned one: it is the stronger reason.
  const denied = parts.find((part) => part.verdict === 'deny' && part.decidedBy?.kind === 'builtin') ?? parts.find((part) => part.verdict === 'deny');
  if (denied !== undefined) return { decision: 'deny', decidedBy: denied.decidedBy, parts };
  const open = parts.filter((part) => part.verdict === 'undecided');
  if (open.length > 0) {
    const held = open.find((part) => part.decidedBy !== null);
    const reason = held?.decidedBy?.reason ?? `no rule allows ${open.map((part) => part.command).join(', ')}`;
    return { decision: 'undecided', decidedBy: null, parts, undecidedReason: reason };
  }
  const byRule = parts.filter((part) => part.decidedBy?.kind === 'rule');
  const first = byRule[0]?.decidedBy ?? parts[0]?.decidedBy ?? null;
  if (first === null || byRule.length <= 1) return { decision: 'allow', decidedBy: first, parts };
  const reasons = [...new Set(byRule.map((part) => part.decidedBy?.reason ?? ''))];
  return { decision: 'allow', decidedBy: { ...first, reason: `every part allowed: ${reasons.join('; ')}` }, parts };
}

function decideBash(command: string, request: PermissionRequest, rules: readonly LearnedRule[], context: PermissionContext): Decision {
  const analysis = analyseCommand(command);
  if (!analysis.ok) return { decision: 'undecided', decidedBy: null, parts: [], undecidedReason: `cannot read the command: ${analysis.reason}` };
  if (analysis.commands.length === 0) return { decision: 'undecided', decidedBy: null, parts: [], undecidedReason: 'the command is empty' };
  const cwd = requestCwd(request, context);
  const builtins = checkBashCommands(analysis.commands, cwd, context);
  const places = workingDirectories(analysis.commands, cwd, context.homeDir);
  const parts = analysis.commands.map((simple: SimpleCommand, index): PartVerdict => {
    // A deny rule's `*` reaches everywhere; an allow rule's only over harmless words inside the project.
    const restrictions = allowRestrictions(simple, places[index]?.before ?? null, context);
    const matches = (rule: LearnedRule) => ruleMatchesCommand(rule.rule, simple, rule.effect === 'allow' ? restrictions : undefined);
    const judged = judge(builtins[index] ?? null, rules, matches, simple.argv.length === 0);
    if (judged.verdict === 'undecided' && judged.decidedBy === null && restrictions.problems.size > 0) {
      // A rule that would cover the command but for words it cannot vouch for: say which, so the person knows what they are asked.
      const near = rules.find((rule) => rule.effect === 'allow' && ruleMatchesCommand(rule.rule, simple, { outside: restrictions.outside }));
      if (near !== undefined) {
        const why = [...restrictions.problems.values()].join('; ');
        return { command: simple.text, verdict: 'undecided', decidedBy: { kind: 'builtin', ruleId: 'hold-unknown-argument', reason: `${formatRule(near.rule)} covers only arguments known to be harmless: ${why}` } };
      }
    }
    return { command: simple.text, verdict: judged.verdict, decidedBy: judged.decidedBy };
  });
  return combine(parts);
}

/** Decides a request. Pure: the same request, rules and context always give the same decision. */
export function decide(request: PermissionRequest, rules: readonly LearnedRule[], context: PermissionContext): Decision {
  if (request.toolName === 'Bash') {
    const command = requestCommand(request);
    if (command === null) return { decision: 'undecided', decidedBy: null, parts: [], undecidedReason: 'Bash request without a command' };
    return decideBash(command, request, rules, context);
  }
  const judged = judge(checkToolRequest(request, context), rules, (rule) => ruleMatchesRequest(rule.rule, request, context), false);
  const decision: Decision = { decision: judged.verdict, decidedBy: judged.verdict === 'undecided' ? null : judged.decidedBy, parts: [] };
  if (judged.verdict !== 'undecided') return decision;
  return { ...decision, undecidedReason: judged.decidedBy?.reason ?? `no rule matches ${request.toolName}` };
}
