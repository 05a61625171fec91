// Bearer tokens for the API and the hooks. Only a SHA-256 hash is stored: a leaked database
// does not leak a working token.
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

export const TOKEN_ROLES = ['admin', 'viewer', 'agent'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    role: text('role', { enum: TOKEN_ROLES }).notNull(),
    /** For role "agent": the `team/agent` it may act as, and nothing else. */
    agentId: text('agent_id'),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [index('api_tokens_agent_id_idx').on(table.agentId)],
);
