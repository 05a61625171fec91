// Learned permission rules: listed by anyone signed in, added and removed by people with an
// admin token. A rule is checked with the engine's own parser before it is stored, and stored
// in canonical Claude Code syntax.
import { TRPCError } from '@trpc/server';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { RULE_EFFECTS, RULE_SCOPES } from '$db/schema/permission-rules.ts';
import { NAME_PATTERN, NAME_RULE } from '$domain/names.ts';
import { RuleSyntaxError } from '$domain/permissions/rule-syntax-error.ts';
import { formatRule, parseRule } from '$domain/permissions/rule-syntax.ts';
import { SHORT_ID } from '#lib/server/approvals/ids.ts';
import { personProcedure } from '#lib/server/approvals/person-procedure.ts';
import { addRule, deleteRule, disableRule, enableRule, listRules } from '#lib/server/approvals/rule-store.ts';
import { authedProcedure, router } from '../trpc.ts';

const ruleId = z.string().regex(SHORT_ID, { message: 'a rule id is 10 hex characters, as `orc rules list` shows it' });

const newRule = z
  .object({
    rule: z.string().min(1).max(2000),
    effect: z.enum(RULE_EFFECTS),
    scope: z.enum(RULE_SCOPES).default('project'),
    project: z.string().min(1).max(4096).refine(isAbsolute, { message: 'the project is an absolute path' }).optional(),
    team: z.string().regex(NAME_PATTERN, { message: `a team name is ${NAME_RULE}` }).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.scope === 'project' && input.project === undefined) ctx.addIssue({ code: 'custom', path: ['project'], message: 'scope project needs the project dir the rule is for (--project <dir>), or choose --scope team or global' });
    if (input.scope === 'team' && input.team === undefined) ctx.addIssue({ code: 'custom', path: ['team'], message: 'scope team needs the team the rule is for (--team <team>)' });
    if (input.scope !== 'project' && input.project !== undefined) ctx.addIssue({ code: 'custom', path: ['project'], message: `a project dir is only for --scope project, not ${input.scope}` });
    if (input.scope !== 'team' && input.team !== undefined) ctx.addIssue({ code: 'custom', path: ['team'], message: `a team is only for --scope team, not ${input.scope}` });
  });

const MAX_IMPORTED_RULES = 2000;

const importInput = z.object({
  project: z.string().min(1).max(4096).refine(isAbsolute, { message: 'the project is an absolute path' }),
  rules: z
    .array(z.object({ rule: z.string().max(2000), effect: z.enum(RULE_EFFECTS), file: z.string().min(1).max(200) }))
    .max(MAX_IMPORTED_RULES, { message: `at most ${MAX_IMPORTED_RULES} rules at a time` }),
});

function canonical(text: string): string {
  try {
    return formatRule(parseRule(text));
  } catch (err) {
    if (err instanceof RuleSyntaxError) throw new TRPCError({ code: 'BAD_REQUEST', message: `${err.message}; nothing was saved` });
    throw err;
  }
}

export const rulesRouter = router({
  /**
   * Active rules; `includeDisabled` adds the disabled ones (the dashboard shows them to re-enable).
   * An agent's token sees those that can decide for its team: global, its team's, its projects'.
   */
  list: authedProcedure
    .input(z.object({ includeDisabled: z.boolean().default(false) }).optional())
    .query(({ ctx, input }) => listRules(ctx.services.db, input?.includeDisabled ?? false, ctx.scope.team)),

  add: personProcedure('change permission rules')
    .input(newRule)
    .mutation(async ({ ctx, input }) => {
      const rule = canonical(input.rule);
      const scopeKey = input.scope === 'project' ? resolve(input.project ?? '/') : input.scope === 'team' ? (input.team ?? null) : null;
      const stored = await addRule(ctx.services.db, { rule, effect: input.effect, scope: input.scope, scopeKey, source: 'human', createdBy: `human:${ctx.identity.name}` });
      return { ...stored, effect: input.effect, scope: input.scope, scopeKey };
    }),

  /**
   * Rules from a project's Claude Code settings files (read by the CLI), stored for that project
   * with source "imported". Each is parsed again here; the bad ones and the ones orc already has
   * are reported as skipped, with why, and the rest are still stored.
   */
  import: personProcedure('change permission rules')
    .input(importInput)
    .mutation(async ({ ctx, input }) => {
      const scopeKey = resolve(input.project);
      const imported: Array<{ id: string; rule: string; effect: (typeof RULE_EFFECTS)[number]; file: string }> = [];
      const skipped: Array<{ rule: string; effect: (typeof RULE_EFFECTS)[number]; file: string; why: string }> = [];
      for (const entry of input.rules) {
        let rule: string;
        try {
          rule = formatRule(parseRule(entry.rule));
        } catch (err) {
          if (!(err instanceof RuleSyntaxError)) throw err;
          skipped.push({ ...entry, why: err.message });
          continue;
        }
        const stored = await addRule(ctx.services.db, { rule, effect: entry.effect, scope: 'project', scopeKey, source: 'imported', createdBy: `human:${ctx.identity.name}` });
        if (stored.created) imported.push({ id: stored.id, rule, effect: entry.effect, file: entry.file });
        else skipped.push({ ...entry, why: `orc already has this rule (${stored.id})` });
      }
      return { project: scopeKey, imported, skipped };
    }),

  remove: personProcedure('change permission rules')
    .input(z.object({ id: ruleId }))
    .mutation(async ({ ctx, input }) => {
      const removed = await disableRule(ctx.services.db, input.id);
      if (!removed) throw new TRPCError({ code: 'NOT_FOUND', message: `no active rule ${input.id}; list them with: orc rules list` });
      return removed;
    }),

  enable: personProcedure('change permission rules')
    .input(z.object({ id: ruleId }))
    .mutation(async ({ ctx, input }) => {
      const enabled = await enableRule(ctx.services.db, input.id);
      if (enabled === 'duplicate') throw new TRPCError({ code: 'CONFLICT', message: `an identical rule is active already; ${input.id} stays disabled` });
      if (!enabled) throw new TRPCError({ code: 'NOT_FOUND', message: `no disabled rule ${input.id}` });
      return enabled;
    }),

  /** Gone for good, unlike remove (which disables): for rules added by mistake. */
  delete: personProcedure('change permission rules')
    .input(z.object({ id: ruleId }))
    .mutation(async ({ ctx, input }) => {
      const deleted = await deleteRule(ctx.services.db, input.id);
      if (!deleted) throw new TRPCError({ code: 'NOT_FOUND', message: `no rule ${input.id}` });
      return deleted;
    }),
});
