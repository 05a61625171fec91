// What agents spent on their models: tokens and cost per agent, hour and model, summed from
// the api_request events their CLI exports (domain/usage/otlp-api-requests.ts). One row per
// agent, hour and model, whatever the agent sends: the hour is when orc received the events,
// never a time the agent claims, so a hostile agent can add to its own figures but cannot make
// rows without bound. Per-day and per-team figures are sums of these rows, exact to the request.
import { bigint, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const tokenUsage = pgTable(
  'token_usage',
  {
    /** `team/agent`, from the token that posted the events. */
    agentId: text('agent_id').notNull(),
    team: text('team').notNull(),
    /** The start of the hour (UTC) the events arrived in. */
    hour: timestamp('hour', { withTimezone: true, mode: 'date' }).notNull(),
    model: text('model').notNull(),
    requests: integer('requests').notNull(),
    inputTokens: bigint('input_tokens', { mode: 'number' }).notNull(),
    outputTokens: bigint('output_tokens', { mode: 'number' }).notNull(),
    cacheReadTokens: bigint('cache_read_tokens', { mode: 'number' }).notNull(),
    cacheCreationTokens: bigint('cache_creation_tokens', { mode: 'number' }).notNull(),
    /** What the CLI computed at its own prices, in US dollars. */
    costUsd: doublePrecision('cost_usd').notNull(),
  },
  (table) => [primaryKey({ columns: [table.agentId, table.hour, table.model] }), index('token_usage_team_hour_idx').on(table.team, table.hour), index('token_usage_hour_idx').on(table.hour)],
);
