// The communication log: every message to an agent (from a person, another agent or a
// check-in), with when it was queued, typed into the agent and confirmed by it.
import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const MESSAGE_STATES = ['queued', 'typing', 'confirmed', 'unconfirmed', 'failed'] as const;

export const messages = pgTable(
  'messages',
  {
    id: text('id').primaryKey(),
    team: text('team').notNull(),
    recipient: text('recipient').notNull(),
    sender: text('sender').notNull(),
    text: text('text').notNull(),
    state: text('state', { enum: MESSAGE_STATES }).notNull(),
    queuedAt: timestamp('queued_at', { withTimezone: true, mode: 'date' }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }),
    error: text('error'),
  },
  (table) => [index('messages_team_queued_idx').on(table.team, table.queuedAt), index('messages_recipient_idx').on(table.recipient)],
);
