// Which running agents need a person, and why, as `orc status` and the overview show it: the
// agents' live states joined with their open permission requests, judged by the one rule in
// domain/notifications/needs-person.ts.
import { and, count, eq, gt, inArray, or } from 'drizzle-orm';
import type { Database } from '$db/client.ts';
import { permissionRequests } from '$db/schema/permission-requests.ts';
import { needsPerson, type NeedsPerson } from '$domain/notifications/needs-person.ts';
import type { AgentListEntry } from './agent-control.ts';

/** How long after a person's answer the workflow's `waiting-approval` may lag behind (the hook reads answers every 250 ms). */
const ANSWER_LAG_MS = 3000;

/** Each agent's open requests (waiting for a person, left to its own dialog), and whether a person just answered one. */
async function openRequestCounts(db: Database, agentIds: string[]) {
  const counts = new Map<string, { waiting: number; inDialog: number; answered: boolean }>();
  if (agentIds.length === 0) return counts;
  const rows = await db
    .select({ agent: permissionRequests.agentId, status: permissionRequests.status, n: count() })
    .from(permissionRequests)
    .where(
      and(
        inArray(permissionRequests.agentId, agentIds),
        or(
          inArray(permissionRequests.status, ['pending', 'timed-out']),
          and(eq(permissionRequests.decidedBy, 'human'), gt(permissionRequests.decidedAt, new Date(Date.now() - ANSWER_LAG_MS))),
        ),
      ),
    )
    .groupBy(permissionRequests.agentId, permissionRequests.status);
  for (const row of rows) {
    const entry = counts.get(row.agent) ?? { waiting: 0, inDialog: 0, answered: false };
    if (row.status === 'pending') entry.waiting += row.n;
    else if (row.status === 'timed-out') entry.inDialog += row.n;
    else entry.answered = true;
    counts.set(row.agent, entry);
  }
  return counts;
}

export async function withNeedsPerson<T extends AgentListEntry>(db: Database, agents: T[]): Promise<Array<T & { needsPerson: NeedsPerson | null }>> {
  const counts = await openRequestCounts(db, agents.map((agent) => agent.id));
  const now = new Date();
  return agents.map((agent) => {
    const open = counts.get(agent.id) ?? { waiting: 0, inDialog: 0, answered: false };
    const pausedUntil = 'pausedUntil' in agent && typeof agent.pausedUntil === 'string' ? agent.pausedUntil : null;
    const blockedBy = agent.blockedBy?.title ?? null;
    return { ...agent, needsPerson: needsPerson({ state: agent.state, waitingRequests: open.waiting, requestsInDialog: open.inDialog, answeredMomentsAgo: open.answered, pausedUntil, blockedBy }, now) };
  });
}
