// Reading and writing the agents table: a row is an agent's launch record.
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '$db/client.ts';
import { agents } from '$db/schema/agents.ts';
import type { AgentLaunchRecord, WorkspaceMode } from '$domain/agent.ts';
import { kindOf } from '$domain/agent-command.ts';
import { dataLayout } from '$domain/data-layout.ts';
import { agentWorkflowId, type AgentRef } from '$domain/names.ts';

export const registryColumns = {
  team: agents.team,
  name: agents.name,
  host: agents.host,
  projectDir: agents.projectDir,
  argv: agents.argv,
  workspace: agents.workspace,
  workspaceDir: agents.workspaceDir,
  scratchDir: agents.scratchDir,
  hooks: agents.hooks,
  envNames: agents.envNames,
  sandbox: agents.sandbox,
  sandboxAllow: agents.sandboxAllow,
  mcpServers: agents.mcpServers,
  workflowId: agents.workflowId,
  createdAt: agents.createdAt,
  stoppedAt: agents.stoppedAt,
};

export type RegistryRow = NonNullable<Awaited<ReturnType<typeof findAgent>>>;

/**
 * Where an agent on `host` works and keeps its scratch files, decided once, when it is
 * registered, from the data layout: the worker makes them where the record says.
 */
export function agentDirsOnHost(dataDir: string, ref: AgentRef, host: string, projectDir: string, workspace: WorkspaceMode): Pick<AgentLaunchRecord, 'workspaceDir' | 'scratchDir'> {
  const hostFiles = dataLayout(dataDir).host(host);
  return { workspaceDir: workspace === 'worktree' ? hostFiles.worktreeDir(ref) : projectDir, scratchDir: hostFiles.scratchDir(ref) };
}

/** The launch record a row holds; rows from before the record was kept get its defaults. */
export function launchRecordOf(row: RegistryRow, dataDir: string): AgentLaunchRecord {
  const ref = { team: row.team, agent: row.name };
  const place = agentDirsOnHost(dataDir, ref, row.host, row.projectDir, row.workspace);
  return {
    team: row.team,
    agent: row.name,
    host: row.host,
    projectDir: row.projectDir,
    workspace: row.workspace,
    workspaceDir: row.workspaceDir ?? place.workspaceDir,
    scratchDir: row.scratchDir ?? place.scratchDir,
    argv: row.argv,
    kind: kindOf(row.argv),
    hooks: row.hooks,
    envNames: row.envNames,
    sandbox: { enabled: row.sandbox, allow: row.sandboxAllow },
    mcpServers: row.mcpServers,
  };
}

/** Writes an agent's launch record (replacing an earlier one of the same name) inside `tx`. */
export async function registerAgent(tx: Pick<Database, 'insert' | 'delete'>, record: AgentLaunchRecord): Promise<void> {
  const ref = { team: record.team, agent: record.agent };
  await tx.delete(agents).where(agentKey(ref));
  await tx.insert(agents).values({
    team: record.team,
    name: record.agent,
    host: record.host,
    projectDir: record.projectDir,
    argv: record.argv,
    workspace: record.workspace,
    workspaceDir: record.workspaceDir,
    scratchDir: record.scratchDir,
    hooks: record.hooks,
    envNames: record.envNames,
    sandbox: record.sandbox.enabled,
    sandboxAllow: record.sandbox.allow,
    mcpServers: record.mcpServers,
    workflowId: agentWorkflowId(ref),
  });
}

/** The row of one agent. */
export const agentKey = (ref: AgentRef) => and(eq(agents.team, ref.team), eq(agents.name, ref.agent));

export async function findAgent(db: Database, ref: AgentRef) {
  const [row] = await db
    .select(registryColumns)
    .from(agents)
    .where(agentKey(ref))
    .limit(1);
  return row ?? null;
}

/** Running agents; of one team only when `team` is given. */
export function listActiveAgents(db: Database, team: string | null = null) {
  const running = isNull(agents.stoppedAt);
  return db
    .select(registryColumns)
    .from(agents)
    .where(team === null ? running : and(running, eq(agents.team, team)))
    .orderBy(agents.team, agents.name);
}

export async function markStopped(db: Database, ref: AgentRef): Promise<void> {
  await db.update(agents).set({ stoppedAt: new Date() }).where(agentKey(ref));
}

export async function removeAgent(db: Database, ref: AgentRef): Promise<void> {
  await db.delete(agents).where(agentKey(ref));
}
