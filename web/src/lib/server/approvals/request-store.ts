// Permission request rows: recorded when a hook asks, updated once when decided. Every update
// from "pending" is conditional on the row still being pending, so a person's answer and the
// hook's timeout can race and exactly one of them wins.
import { and, desc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from '$db/client.ts';
import { permissionRequests, type Decider, type RequestStatus } from '$db/schema/permission-requests.ts';

type Db = Pick<Database, 'select' | 'insert' | 'update'>;

export type RequestRow = typeof permissionRequests.$inferSelect;
export type NewRequestRow = typeof permissionRequests.$inferInsert;

export async function insertRequest(db: Db, row: NewRequestRow): Promise<void> {
  await db.insert(permissionRequests).values(row);
}

/** How long after its PreToolUse a tool use's PermissionRequest may come (observed: ~60 ms). */
const TOOL_USE_CLAIM_MS = 60_000;

/**
 * The row PreToolUse recorded for this very tool use, now that Claude Code asks about it after
 * all: the PermissionRequest takes it over (one tool use, one row), or null when there is none.
 * Claude Code's PermissionRequest carries no tool_use_id, so the tool use is recognised by its
 * session and input, the latest first.
 */
export async function claimToolUse(db: Db, use: Pick<NewRequestRow, 'agentId' | 'sessionId' | 'toolUseId' | 'toolName' | 'toolInput'>, at: Date): Promise<string | null> {
  const sameUse = use.toolUseId
    ? eq(permissionRequests.toolUseId, use.toolUseId)
    : and(eq(permissionRequests.toolName, use.toolName), eq(permissionRequests.toolInput, use.toolInput));
  const candidates = await db
    .select({ id: permissionRequests.id })
    .from(permissionRequests)
    .where(
      and(
        eq(permissionRequests.agentId, use.agentId),
        eq(permissionRequests.hook, 'pre-tool-use'),
        use.sessionId ? eq(permissionRequests.sessionId, use.sessionId) : isNull(permissionRequests.sessionId),
        sameUse,
        gt(permissionRequests.requestedAt, new Date(at.getTime() - TOOL_USE_CLAIM_MS)),
      ),
    )
    .orderBy(desc(permissionRequests.requestedAt))
    .limit(5);
  // Two identical tool uses in flight at once each take one row: the update is conditional.
  for (const candidate of candidates) {
    const [taken] = await db
      .update(permissionRequests)
      .set({ hook: 'permission-request' })
      .where(and(eq(permissionRequests.id, candidate.id), eq(permissionRequests.hook, 'pre-tool-use')))
      .returning({ id: permissionRequests.id });
    if (taken) return taken.id;
  }
  return null;
}

/** Records a PermissionRequest: a new row, or the one PreToolUse left for the same tool use. */
export async function recordRequest(db: Db, row: NewRequestRow & { id: string }, claimed: boolean): Promise<void> {
  if (!claimed) return insertRequest(db, row);
  const { id, ...fields } = row;
  // Everything about the decision is the PermissionRequest's own; nothing of PreToolUse's stays.
  await db.update(permissionRequests).set({ ruleId: null, reason: null, decidedBy: null, decidedAt: null, decisionLatencyMs: null, ...fields }).where(eq(permissionRequests.id, id));
}

/**
 * Closes the timed-out requests of an agent (or a team): it has moved on (its next tool use,
 * turn or prompt came) or was stopped, so the dialog they waited in is gone.
 */
export async function expireTimedOut(db: Db, whose: { agentId: string } | { team: string }, why: string): Promise<void> {
  const owner = 'agentId' in whose ? eq(permissionRequests.agentId, whose.agentId) : eq(permissionRequests.team, whose.team);
  await db.update(permissionRequests).set({ status: 'expired', reason: why }).where(and(owner, eq(permissionRequests.status, 'timed-out')));
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
 * Decides a request still in one of the `from` states; false if it no longer was (someone else
 * decided first). From `timed-out` (or `expired`, see human-decision.ts): a person's answer
 * pressed in the agent's own dialog after the wait.
 */
export async function settlePending(db: Db, row: Pick<RequestRow, 'id' | 'requestedAt'>, settlement: Settlement, at = new Date(), from: readonly RequestStatus[] = ['pending']): Promise<boolean> {
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
    .where(and(eq(permissionRequests.id, row.id), inArray(permissionRequests.status, [...from])))
    .returning({ id: permissionRequests.id });
  return updated.length > 0;
}

/** What `orc approvals` shows of a request still open: waiting for a person, or in the agent's own dialog. */
export type OpenState = 'waiting' | 'in-dialog';

/**
 * At most this many open requests are listed. Each agent has at most one waiting; requests in
 * its dialog go when it moves on, but an agent that never does (its hooks are its own to send)
 * could pile them up.
 */
export const MAX_OPEN_LISTED = 500;

/**
 * Requests a person can still answer, oldest first: those whose hook is waiting, and those whose
 * wait ran out while the agent's own dialog still shows them (`orc approve` presses the key).
 */
export async function listOpen(db: Db, onlyAgent: string | null) {
  const conditions = [inArray(permissionRequests.status, ['pending', 'timed-out'])];
  if (onlyAgent !== null) conditions.push(eq(permissionRequests.agentId, onlyAgent));
  const rows = await db
    .select({
      id: permissionRequests.id,
      agent: permissionRequests.agentId,
      team: permissionRequests.team,
      projectDir: permissionRequests.projectDir,
      status: permissionRequests.status,
      tool: permissionRequests.toolName,
      command: permissionRequests.commandText,
      input: permissionRequests.toolInput,
      reason: permissionRequests.reason,
      requestedAt: permissionRequests.requestedAt,
      timedOutAt: permissionRequests.decidedAt,
    })
    .from(permissionRequests)
    .where(and(...conditions))
    // Over the cap, the oldest requests left to dialogs are the ones not listed; waiting ones always are.
    .orderBy(sql`${permissionRequests.status} = 'pending' desc`, desc(permissionRequests.requestedAt))
    .limit(MAX_OPEN_LISTED);
  rows.sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime());
  const now = Date.now();
  return rows.map(({ status, timedOutAt, ...row }) => ({
    ...row,
    state: (status === 'pending' ? 'waiting' : 'in-dialog') as OpenState,
    requestedAt: row.requestedAt.toISOString(),
    ageMs: Math.max(0, now - row.requestedAt.getTime()),
    timedOutAt: status === 'pending' ? null : (timedOutAt?.toISOString() ?? null),
  }));
}

/**
 * The latest requests people decided (through orc or in the agent's dialog), newest first, so the
 * inbox can show who answered what a moment ago.
 */
export async function listRecentlyDecided(db: Db, onlyAgent: string | null, limit: number) {
  const conditions = [eq(permissionRequests.decidedBy, 'human'), isNotNull(permissionRequests.decidedAt)];
  if (onlyAgent !== null) conditions.push(eq(permissionRequests.agentId, onlyAgent));
  const rows = await db
    .select({
      id: permissionRequests.id,
      agent: permissionRequests.agentId,
      tool: permissionRequests.toolName,
      command: permissionRequests.commandText,
      status: permissionRequests.status,
      decider: permissionRequests.decider,
      reason: permissionRequests.reason,
      learnedRules: permissionRequests.learnedRules,
      decidedAt: permissionRequests.decidedAt,
    })
    .from(permissionRequests)
    .where(and(...conditions))
    .orderBy(desc(permissionRequests.decidedAt))
    .limit(limit);
  return rows.map((row) => ({ ...row, decidedAt: row.decidedAt?.toISOString() ?? null }));
}
