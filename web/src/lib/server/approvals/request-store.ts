// Permission request rows: recorded when a hook asks, updated once when decided. Every update
// from "pending" is conditional on the row still being pending, so a person's answer and the
// hook's timeout can race and exactly one of them wins.
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../../../../db/client.ts';
import { permissionRequests, type Decider, type RequestStatus } from '../../../../../db/schema/permission-requests.ts';

type Db = Pick<Database, 'select' | 'insert' | 'update'>;

export type RequestRow = typeof permissionRequests.$inferSelect;
export type NewRequestRow = typeof permissionRequests.$inferInsert;

export async function insertRequest(db: Db, row: NewRequestRow): Promise<void> {
  await db.insert(permissionRequests).values(row);
}

export async function findRequest(db: Db, id: string): Promise<RequestRow | null> {
  const [row] = await db.select().from(permissionRequests).where(eq(permissionRequests.id, id)).limit(1);
  return row ?? null;
}

export async function requestStatus(db: Db, id: string): Promise<RequestStatus | null> {
  const [row] = await db.select({ status: permissionRequests.status }).from(permissionRequests).where(eq(permissionRequests.id, id)).limit(1);
  return row?.status ?? null;
}

export interface Settlement {
  status: Exclude<RequestStatus, 'pending'>;
  decidedBy: Decider;
  decider?: string | null;
  reason?: string | null;
  learnedRules?: string[] | null;
}

/**
 * Decides a pending request; false if it was no longer pending (someone else decided first).
 * `from: 'timed-out'` records a person's answer given in the agent's own dialog after the wait.
 */
export async function settlePending(db: Db, row: Pick<RequestRow, 'id' | 'requestedAt'>, settlement: Settlement, at = new Date(), from: 'pending' | 'timed-out' = 'pending'): Promise<boolean> {
  const updated = await db
    .update(permissionRequests)
    .set({
      status: settlement.status,
      decidedBy: settlement.decidedBy,
      decider: settlement.decider ?? null,
      reason: settlement.reason ?? null,
      learnedRules: settlement.learnedRules ?? null,
      decidedAt: at,
      decisionLatencyMs: Math.max(0, at.getTime() - row.requestedAt.getTime()),
    })
    .where(and(eq(permissionRequests.id, row.id), eq(permissionRequests.status, from)))
    .returning({ id: permissionRequests.id });
  return updated.length > 0;
}

export async function listPending(db: Db, onlyAgent: string | null) {
  const conditions = [eq(permissionRequests.status, 'pending')];
  if (onlyAgent !== null) conditions.push(eq(permissionRequests.agentId, onlyAgent));
  const rows = await db
    .select({
      id: permissionRequests.id,
      agent: permissionRequests.agentId,
      tool: permissionRequests.toolName,
      command: permissionRequests.commandText,
      input: permissionRequests.toolInput,
      reason: permissionRequests.reason,
      requestedAt: permissionRequests.requestedAt,
    })
    .from(permissionRequests)
    .where(and(...conditions))
    .orderBy(asc(permissionRequests.requestedAt));
  const now = Date.now();
  return rows.map((row) => ({ ...row, requestedAt: row.requestedAt.toISOString(), ageMs: Math.max(0, now - row.requestedAt.getTime()) }));
}
