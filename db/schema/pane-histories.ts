// What an agent's terminal showed when it stopped (or died and was relaunched): kept in the
// log so nothing an agent said is lost with its tmux pane.
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

export const paneHistories = pgTable(
  'pane_histories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    team: text('team').notNull(),
    agent: text('agent').notNull(),
    /** Why it was saved: stopped, or relaunched after the process died. */
    reason: text('reason').notNull(),
    text: text('text').notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('pane_histories_agent_idx').on(table.team, table.agent, table.savedAt)],
);
