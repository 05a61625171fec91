// Dashboard sign-ins. The browser's cookie holds a random session id, never a token; only the
// id's SHA-256 hash is stored here, against the token the person signed in with, so neither
// the cookie nor a leaked database carries a working token. A session ends when it expires,
// when the person signs out, or when its token is revoked.
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { apiTokens } from './api-tokens.ts';
import { createdAt } from './columns.ts';

export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    tokenId: uuid('token_id')
      .notNull()
      .references(() => apiTokens.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('sessions_token_id_idx').on(table.tokenId), index('sessions_expires_at_idx').on(table.expiresAt)],
);
