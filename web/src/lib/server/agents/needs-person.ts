// Which running agents need a person, and why, as `orc status` and the overview show it: the
// agents' live states joined with their open permission requests, judged by the one rule in
// domain/notifications/needs-person.ts.
import { and, count, inArray } from 'drizzle-orm';
import type { Database } from '$db/client.ts';
import { permissionRequests } from '$db/schema/permission-requests.ts';
import { needsPerson, type NeedsPerson } from '$domain/notifications/needs-person.ts';
import type { AgentListEntry } from './agent-control.ts';

/** Each agent's open requests: waiting for a person, and left to its own dialog. */
async function openRequestCounts(db: Database, agentIds: string[]) {
  const counts = new Map<string, { waiting: number; inDialog: number }>();
  if (agentIds.length === 0) return counts;
  const rows = await db
    .select({ agent: permissionRequests.agentId, status: permissionRequests.status, n: count() })
    .from(permissionRequests)
    .where(and(inArray(permissionRequests.status, ['pending', 'timed-out']), inArray(permissionRequests.agentId, agentIds)))
    .groupBy(permissionRequests.agentId, permissionRequests.status);
  for (const row of rows) {
    const entry = counts.get(row.agent) ?? { waiting: 0, inDialog: 0 };
    if (row.status === 'pending') entry.waiting += row.n;
    else entry.inDialog += row.n;
    counts.set(row.agent, entry);
  }
  return counts;
}

export async function withNeedsPerson<T extends AgentListEntry>(db: Database, agents: T[]): Promise<Array<T & { needsPerson: NeedsPerson | null }>> {
  const counts = await openRequestCounts(db, agents.map((agent) => agent.id));
  const now = new Date();
  return agents.map((agent) => {
    const open = counts.get(agent.id) ?? { waiting: 0, inDialog: 0 };
    const pausedUntil = 'pausedUntil' in agent && typeof agent.pausedUntil === 'string' ? agent.pausedUntil : null;
    return { ...agent, needsPerson: needsPerson({ state: agent.state, waitingRequests: open.waiting, requestsInDialog: open.inDialog, pausedUntil }, now) };
  });
}
