// The registry of agents: what people list and look up. Live state is in each agent's
// Temporal workflow; this table says which agents exist and where they run.
import { jsonb, pgTable, text, timestamp, primaryKey } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

export const agents = pgTable(
  'agents',
  {
    team: text('team').notNull(),
    name: text('name').notNull(),
    host: text('host').notNull(),
    projectDir: text('project_dir').notNull(),
    argv: jsonb('argv').$type<string[]>().notNull(),
    workflowId: text('workflow_id').notNull(),
    runId: text('run_id'),
    createdAt: createdAt(),
    stoppedAt: timestamp('stopped_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [primaryKey({ columns: [table.team, table.name] })],
);
