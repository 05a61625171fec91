// A mirror of agents' pending and past check-ins for listing. The durable timers themselves
// live in each agent's workflow; this table is what `orc checkins` reads.
import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const CHECKIN_STATES = ['pending', 'fired', 'cancelled'] as const;

export const checkins = pgTable(
  'checkins',
  {
    id: text('id').primaryKey(),
    team: text('team').notNull(),
    agent: text('agent').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }).notNull(),
    note: text('note').notNull(),
    createdBy: text('created_by').notNull(),
    state: text('state', { enum: CHECKIN_STATES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    firedAt: timestamp('fired_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [index('checkins_state_due_idx').on(table.state, table.dueAt)],
);
