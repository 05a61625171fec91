// The registry of teams: what `orc team list` reads. The live team is its workflow `team/<name>`.
import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

export const teams = pgTable('teams', {
  name: text('name').primaryKey(),
  projectDir: text('project_dir').notNull(),
  host: text('host').notNull(),
  /** The normalised team spec it was deployed from. */
  spec: jsonb('spec').notNull(),
  workflowId: text('workflow_id').notNull(),
  createdAt: createdAt(),
  stoppedAt: timestamp('stopped_at', { withTimezone: true, mode: 'date' }),
});
