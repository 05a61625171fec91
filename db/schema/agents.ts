// The registry of agents: what people list and look up. Live state is in each agent's
// Temporal workflow; this table says which agents exist and where they run. A row is the
// agent's launch record (domain/agent.ts AgentLaunchRecord): a restart reads only it.
import { boolean, jsonb, pgTable, text, timestamp, primaryKey } from 'drizzle-orm/pg-core';
import type { WorkspaceMode } from '../../domain/agent.ts';
import type { SandboxPath } from '../../domain/sandbox.ts';
import { createdAt } from './columns.ts';

export const agents = pgTable(
  'agents',
  {
    team: text('team').notNull(),
    name: text('name').notNull(),
    host: text('host').notNull(),
    projectDir: text('project_dir').notNull(),
    argv: jsonb('argv').$type<string[]>().notNull(),
    workspace: text('workspace').$type<WorkspaceMode>().notNull().default('shared'),
    /** Null only in rows written before the launch record (then the project dir). */
    workspaceDir: text('workspace_dir'),
    scratchDir: text('scratch_dir'),
    hooks: boolean('hooks').notNull().default(true),
    envNames: jsonb('env_names').$type<string[]>().notNull().default([]),
    /** Rows from before the sandbox ran their agents unconfined, and a restart keeps them so. */
    sandbox: boolean('sandbox').notNull().default(false),
    sandboxAllow: jsonb('sandbox_allow').$type<SandboxPath[]>().notNull().default([]),
    /** The project MCP servers the agent may start; rows from before it allowed none, as orc then decided. */
    mcpServers: jsonb('mcp_servers').$type<string[]>().notNull().default([]),
    workflowId: text('workflow_id').notNull(),
    runId: text('run_id'),
    createdAt: createdAt(),
    stoppedAt: timestamp('stopped_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [primaryKey({ columns: [table.team, table.name] })],
);
