// Agents' model usage: adding what an export reported to the agent's hour, and reading the
// sums back per agent, team, day or model (`orc usage`, the analytics chart, the overview).
// Days are UTC calendar days, like the other analytics series, so every viewer sees the same buckets.
import { and, eq, gte, sql, type SQL } from 'drizzle-orm';
import type { Database } from '$db/client.ts';
import { tokenUsage } from '$db/schema/token-usage.ts';
import type { ApiRequestUsage } from '$domain/usage/otlp-api-requests.ts';

/**
 * Models one agent may add in one hour; a further name is summed under `other`. An agent
 * uses one or two models an hour; a hostile one inventing names gets no more rows than this.
 */
export const MAX_MODELS_PER_AGENT_HOUR = 8;
export const OTHER_MODEL = 'other';

export const USAGE_GROUPINGS = ['agent', 'team', 'day', 'model'] as const;
export type UsageGrouping = (typeof USAGE_GROUPINGS)[number];

export interface UsageFigures {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheCreationTokens: number;
  costUsd: number;
}

const startOfHour = (at: Date) => new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);

/** Adds one export's sums (per model) to the agent's figures for the hour `at` falls in. */
export async function recordUsage(
  db: Database,
  { agentId, team, at, sums }: { agentId: string; team: string; at: Date; sums: Array<ApiRequestUsage & { requests: number }> },
): Promise<void> {
  if (sums.length === 0) return;
  const hour = startOfHour(at);
  const known = await db
    .select({ model: tokenUsage.model })
    .from(tokenUsage)
    .where(and(eq(tokenUsage.agentId, agentId), eq(tokenUsage.hour, hour)));
  const models = new Set(known.map((row) => row.model));
  const merged = new Map<string, ApiRequestUsage & { requests: number }>();
  for (const sum of sums) {
    let model = sum.model;
    if (!models.has(model)) {
      if (models.size >= MAX_MODELS_PER_AGENT_HOUR - 1 && model !== OTHER_MODEL) model = OTHER_MODEL;
      models.add(model);
    }
    const into = merged.get(model);
    if (!into) {
      merged.set(model, { ...sum, model });
      continue;
    }
    into.requests += sum.requests;
    into.inputTokens += sum.inputTokens;
    into.outputTokens += sum.outputTokens;
    into.cacheReadTokens += sum.cacheReadTokens;
    into.cacheCreationTokens += sum.cacheCreationTokens;
    into.costUsd += sum.costUsd;
  }
  const add = (column: string) => sql.raw(`"token_usage"."${column}" + excluded."${column}"`);
  await db
    .insert(tokenUsage)
    .values([...merged.values()].map((sum) => ({ agentId, team, hour, ...sum })))
    .onConflictDoUpdate({
      target: [tokenUsage.agentId, tokenUsage.hour, tokenUsage.model],
      set: {
        requests: add('requests'),
        inputTokens: add('input_tokens'),
        outputTokens: add('output_tokens'),
        cacheReadTokens: add('cache_read_tokens'),
        cacheCreationTokens: add('cache_creation_tokens'),
        costUsd: add('cost_usd'),
      },
    });
}

const figures = {
  requests: sql<number>`coalesce(sum(${tokenUsage.requests}), 0)::int`,
  inputTokens: sql<number>`coalesce(sum(${tokenUsage.inputTokens}), 0)::float8`,
  outputTokens: sql<number>`coalesce(sum(${tokenUsage.outputTokens}), 0)::float8`,
  cacheReadTokens: sql<number>`coalesce(sum(${tokenUsage.cacheReadTokens}), 0)::float8`,
  cacheCreationTokens: sql<number>`coalesce(sum(${tokenUsage.cacheCreationTokens}), 0)::float8`,
  costUsd: sql<number>`coalesce(sum(${tokenUsage.costUsd}), 0)::float8`,
};

const utcDay = sql<string>`to_char(${tokenUsage.hour} at time zone 'UTC', 'YYYY-MM-DD')`;

const KEY_OF: Record<UsageGrouping, SQL<string>> = {
  agent: sql<string>`${tokenUsage.agentId}`,
  team: sql<string>`${tokenUsage.team}`,
  day: utcDay,
  model: sql<string>`${tokenUsage.model}`,
};

export interface UsageQuery {
  /** Only this team (an agent token's own, or what the caller asked for). */
  team?: string | null;
  /** Only this agent (`team/agent`). */
  agent?: string | null;
  since: Date;
  by: UsageGrouping;
}

/** The figures since a time, in total and one row per agent, team, day or model. */
export async function usageSummary(db: Database, query: UsageQuery) {
  const where = and(
    gte(tokenUsage.hour, startOfHour(query.since)),
    query.team ? eq(tokenUsage.team, query.team) : undefined,
    query.agent ? eq(tokenUsage.agentId, query.agent) : undefined,
  );
  const key = KEY_OF[query.by];
  const [total] = await db.select(figures).from(tokenUsage).where(where);
  const rows = await db.select({ key, ...figures }).from(tokenUsage).where(where).groupBy(key).orderBy(key);
  return {
    since: startOfHour(query.since).toISOString(),
    by: query.by,
    total: total ?? { requests: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0, costUsd: 0 },
    rows,
  };
}

/** Each agent's figures since the start of today (UTC): the overview's column. */
export async function usageToday(db: Database, team: string | null = null, now = new Date()): Promise<Map<string, UsageFigures>> {
  const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const { rows } = await usageSummary(db, { team, since: midnight, by: 'agent' });
  return new Map(rows.map(({ key, ...rest }) => [key, rest]));
}

/** How many days back the analytics chart reaches. */
export const USAGE_TIMELINE_DAYS = 30;

/** Cost and tokens per UTC day and team, for the analytics chart. */
export async function usageTimeline(db: Database, team: string | null = null, now = new Date()) {
  const since = new Date(now.getTime() - USAGE_TIMELINE_DAYS * 86_400_000);
  return db
    .select({ day: utcDay, team: tokenUsage.team, ...figures })
    .from(tokenUsage)
    .where(and(gte(tokenUsage.hour, since), team ? eq(tokenUsage.team, team) : undefined))
    .groupBy(utcDay, tokenUsage.team)
    .orderBy(utcDay, tokenUsage.team);
}
