// Rules that decide agents' permission requests without a person, in Claude Code's own syntax
// (`Bash(npm run test *)`). A person teaches them ("always" answers, `orc rules add`); a rule
// applies everywhere (global), to one team, or to one project dir. Removing a rule disables it,
// so the requests it decided still say which rule that was.
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

export const RULE_EFFECTS = ['allow', 'deny'] as const;
export type RuleEffect = (typeof RULE_EFFECTS)[number];
export const RULE_SCOPES = ['project', 'team', 'global'] as const;
export type RuleScope = (typeof RULE_SCOPES)[number];
export const RULE_SOURCES = ['human', 'builtin', 'imported'] as const;
export type RuleSource = (typeof RULE_SOURCES)[number];

export const permissionRules = pgTable(
  'permission_rules',
  {
    id: text('id').primaryKey(),
    /** Canonical Claude Code syntax: formatRule(parseRule(text)). */
    rule: text('rule').notNull(),
    effect: text('effect', { enum: RULE_EFFECTS }).notNull(),
    scope: text('scope', { enum: RULE_SCOPES }).notNull(),
    /** The project dir (scope project) or team name (scope team); null for global. */
    scopeKey: text('scope_key'),
    source: text('source', { enum: RULE_SOURCES }).notNull(),
    hitCount: integer('hit_count').notNull().default(0),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    /** `human:<token name>`, or the request it was learned from. */
    createdBy: text('created_by').notNull(),
    /** The request whose "always" answer taught this rule, if one did. */
    learnedFrom: text('learned_from'),
    createdAt: createdAt(),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [index('permission_rules_scope_idx').on(table.scope, table.scopeKey)],
);
