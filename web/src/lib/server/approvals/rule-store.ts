// Reading and writing learned rules. Rules are stored in canonical Claude Code syntax, so the
// text people list is exactly what Claude Code itself would write in its settings.
import { and, desc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '$db/client.ts';
import { agents } from '$db/schema/agents.ts';
import { permissionRules, type RuleEffect, type RuleScope, type RuleSource } from '$db/schema/permission-rules.ts';
import type { LearnedRule } from '$domain/permissions/decide.ts';
import { parseRule } from '$domain/permissions/rule-syntax.ts';
import { newShortId } from './ids.ts';

type Db = Pick<Database, 'select' | 'insert' | 'update'>;

export interface NewRule {
  rule: string;
  effect: RuleEffect;
  scope: RuleScope;
  scopeKey: string | null;
  source: RuleSource;
  createdBy: string;
  learnedFrom?: string | null;
}

const ruleColumns = {
  id: permissionRules.id,
  rule: permissionRules.rule,
  effect: permissionRules.effect,
  scope: permissionRules.scope,
  scopeKey: permissionRules.scopeKey,
  source: permissionRules.source,
  hitCount: permissionRules.hitCount,
  lastUsedAt: permissionRules.lastUsedAt,
  createdBy: permissionRules.createdBy,
  learnedFrom: permissionRules.learnedFrom,
  createdAt: permissionRules.createdAt,
  disabledAt: permissionRules.disabledAt,
};

export type StoredRule = Awaited<ReturnType<typeof listRules>>[number];

/** Active rules that apply to an agent of `team` working in `projectDir`: global, its team's, its project's. */
export async function applicableRules(db: Db, where: { team: string; projectDir: string }): Promise<LearnedRule[]> {
  const rows = await db
    .select({ id: permissionRules.id, rule: permissionRules.rule, effect: permissionRules.effect })
    .from(permissionRules)
    .where(
      and(
        isNull(permissionRules.disabledAt),
        or(
          eq(permissionRules.scope, 'global'),
          and(eq(permissionRules.scope, 'team'), eq(permissionRules.scopeKey, where.team)),
          and(eq(permissionRules.scope, 'project'), eq(permissionRules.scopeKey, where.projectDir)),
        ),
      ),
    )
    .orderBy(permissionRules.createdAt);
  const rules: LearnedRule[] = [];
  for (const row of rows) {
    // Rules are validated before they are stored; one that no longer parses (an engine change)
    // must not take every decision down with it, so it is skipped.
    try {
      rules.push({ id: row.id, effect: row.effect, rule: parseRule(row.rule) });
    } catch {
      continue;
    }
  }
  return rules;
}

/** Stores a rule, or returns the identical active rule if there is one (adding twice is harmless). */
export async function addRule(db: Db, rule: NewRule): Promise<{ id: string; rule: string; created: boolean }> {
  const sameKey = rule.scopeKey === null ? isNull(permissionRules.scopeKey) : eq(permissionRules.scopeKey, rule.scopeKey);
  const [existing] = await db
    .select({ id: permissionRules.id })
    .from(permissionRules)
    .where(and(isNull(permissionRules.disabledAt), eq(permissionRules.rule, rule.rule), eq(permissionRules.effect, rule.effect), eq(permissionRules.scope, rule.scope), sameKey))
    .limit(1);
  if (existing) return { id: existing.id, rule: rule.rule, created: false };
  const id = newShortId();
  await db.insert(permissionRules).values({ id, ...rule, learnedFrom: rule.learnedFrom ?? null });
  return { id, rule: rule.rule, created: true };
}

/**
 * The rules that can decide for an agent of `team`: global ones, the team's, and those of the
 * project dirs its agents work (or worked) in. What an agent's token may list.
 */
export function rulesSeenByTeam(db: Pick<Database, 'select'>, team: string): SQL {
  const projectDirs = db.select({ dir: agents.projectDir }).from(agents).where(eq(agents.team, team));
  const seen = or(
    eq(permissionRules.scope, 'global'),
    and(eq(permissionRules.scope, 'team'), eq(permissionRules.scopeKey, team)),
    and(eq(permissionRules.scope, 'project'), inArray(permissionRules.scopeKey, projectDirs)),
  );
  return seen ?? sql`false`;
}

/**
 * Active rules, most used first; with `includeDisabled`, the disabled ones after them (the
 * dashboard re-enables them). With `team`, only the rules that can decide for that team's agents.
 */
export async function listRules(db: Db, includeDisabled = false, team: string | null = null) {
  const conditions = [includeDisabled ? undefined : isNull(permissionRules.disabledAt), team === null ? undefined : rulesSeenByTeam(db, team)];
  const rows = await db
    .select(ruleColumns)
    .from(permissionRules)
    .where(and(...conditions))
    .orderBy(sql`${permissionRules.disabledAt} is not null`, desc(permissionRules.hitCount), permissionRules.createdAt);
  return rows.map((row) => ({ ...row, lastUsedAt: row.lastUsedAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString(), disabledAt: row.disabledAt?.toISOString() ?? null }));
}

/** Disables an active rule; false when there is none with that id. */
export async function disableRule(db: Db, id: string): Promise<{ id: string; rule: string; effect: RuleEffect } | null> {
  const [row] = await db
    .update(permissionRules)
    .set({ disabledAt: new Date() })
    .where(and(eq(permissionRules.id, id), isNull(permissionRules.disabledAt)))
    .returning({ id: permissionRules.id, rule: permissionRules.rule, effect: permissionRules.effect });
  return row ?? null;
}

/**
 * Enables a disabled rule again; null when there is no disabled rule with that id. Refused (as
 * 'duplicate') when an identical rule is active meanwhile, since two would count hits twice.
 */
export async function enableRule(db: Db, id: string): Promise<{ id: string; rule: string; effect: RuleEffect } | 'duplicate' | null> {
  const [row] = await db.select().from(permissionRules).where(and(eq(permissionRules.id, id), isNotNull(permissionRules.disabledAt))).limit(1);
  if (!row) return null;
  const sameKey = row.scopeKey === null ? isNull(permissionRules.scopeKey) : eq(permissionRules.scopeKey, row.scopeKey);
  const [twin] = await db
    .select({ id: permissionRules.id })
    .from(permissionRules)
    .where(and(isNull(permissionRules.disabledAt), eq(permissionRules.rule, row.rule), eq(permissionRules.effect, row.effect), eq(permissionRules.scope, row.scope), sameKey))
    .limit(1);
  if (twin) return 'duplicate';
  const [enabled] = await db
    .update(permissionRules)
    .set({ disabledAt: null })
    .where(and(eq(permissionRules.id, id), isNotNull(permissionRules.disabledAt)))
    .returning({ id: permissionRules.id, rule: permissionRules.rule, effect: permissionRules.effect });
  return enabled ?? null;
}

/**
 * Deletes a rule for good. The requests it decided keep its id in `rule_id` (no foreign key), so
 * their history still names it; only the rule's text is gone.
 */
export async function deleteRule(db: Pick<Database, 'delete'>, id: string): Promise<{ id: string; rule: string; effect: RuleEffect } | null> {
  const [row] = await db.delete(permissionRules).where(eq(permissionRules.id, id)).returning({ id: permissionRules.id, rule: permissionRules.rule, effect: permissionRules.effect });
  return row ?? null;
}

export async function recordHits(db: Db, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(permissionRules)
    .set({ hitCount: sql`${permissionRules.hitCount} + 1`, lastUsedAt: at })
    .where(inArray(permissionRules.id, [...new Set(ids)]));
}
