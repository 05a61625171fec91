// Reading and writing the agents table.
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../../../../db/client.ts';
import { agents } from '../../../../../db/schema/agents.ts';
import type { AgentRef } from '../../../../../domain/names.ts';

export const registryColumns = {
  team: agents.team,
  name: agents.name,
  host: agents.host,
  projectDir: agents.projectDir,
  argv: agents.argv,
  workflowId: agents.workflowId,
  createdAt: agents.createdAt,
  stoppedAt: agents.stoppedAt,
};

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
