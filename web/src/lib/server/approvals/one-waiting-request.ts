// At most one request per agent waits for a person. Each waiting request is a row and a hook
// held open (for up to ORC_APPROVAL_WAIT_MS, polling its row), and an agent's hook payloads are
// its own to send: without this bound one agent could fill the table, the inbox and the server.
// Claude Code asks one thing at a time in a session; a second request while one waits comes
// from subagents working side by side, or from a flood. Either way the second is answered at
// once without a row (see permission-hook.ts for the answer).
//
// Check and insert are one step: serialised per agent in this process (so a flood queues here,
// not on database connections), and under a transaction-scoped advisory lock on the agent in
// PostgreSQL (so it holds whatever else writes there).
import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Database } from '$db/client.ts';
import { permissionRequests } from '$db/schema/permission-requests.ts';
import { settlePending } from './request-store.ts';

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * A waiting request whose hook should have given up long ago: its wait ended with the process
 * that held it (a restart). Past this it no longer holds the agent's one place.
 */
const GRACE_MS = 30_000;

/**
 * Requests of one agent left to its own dialog (timed out) that stay answerable. A CLI shows one
 * dialog at a time (a few, queued, with subagents); more than this are old ones the agent did
 * not report moving on from, and they would crowd the inbox.
 */
const MAX_IN_DIALOG = 10;

async function expireSurplusInDialog(tx: Tx, agentId: string): Promise<void> {
  const surplus = await tx
    .select({ id: permissionRequests.id })
    .from(permissionRequests)
    .where(and(eq(permissionRequests.agentId, agentId), eq(permissionRequests.status, 'timed-out')))
    .orderBy(desc(permissionRequests.requestedAt))
    .offset(MAX_IN_DIALOG - 1);
  if (surplus.length === 0) return;
  await tx
    .update(permissionRequests)
    .set({ status: 'expired', reason: `more than ${MAX_IN_DIALOG} of the agent's requests were left to its dialog; the oldest were closed` })
    .where(and(inArray(permissionRequests.id, surplus.map((row) => row.id)), eq(permissionRequests.status, 'timed-out')));
}

const tails = new Map<string, Promise<unknown>>();

/** Runs `body` once every earlier body for `key` (in this process) has finished. */
function oneAtATime<T>(key: string, body: () => Promise<T>): Promise<T> {
  const run = (tails.get(key) ?? Promise.resolve()).then(body);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}

/** The id of the agent's request that waits for a person, if any (not counting stale ones). */
export async function waitingRequestOf(db: Pick<Database, 'select'>, agentId: string, waitMs: number, now = new Date()): Promise<string | null> {
  const [row] = await db
    .select({ id: permissionRequests.id })
    .from(permissionRequests)
    .where(and(eq(permissionRequests.agentId, agentId), eq(permissionRequests.status, 'pending'), gte(permissionRequests.requestedAt, staleBefore(waitMs, now))))
    .limit(1);
  return row?.id ?? null;
}

const staleBefore = (waitMs: number, now: Date) => new Date(now.getTime() - waitMs - GRACE_MS);

/**
 * Runs `record` (which writes the agent's new pending row, in the transaction it is given) only
 * if no other request of the agent waits for a person; returns its result, or null when one does.
 * Stale waiting rows (their hook is gone) are timed out first, as their hook would have done.
 */
export function recordIfNoneWaiting<T>(db: Database, agentId: string, waitMs: number, record: (tx: Tx) => Promise<T>): Promise<T | null> {
  return oneAtATime(agentId, () =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`orc-waiting-request:${agentId}`}, 0))`);
      const now = new Date();
      const stale = await tx
        .select({ id: permissionRequests.id, requestedAt: permissionRequests.requestedAt })
        .from(permissionRequests)
        .where(and(eq(permissionRequests.agentId, agentId), eq(permissionRequests.status, 'pending'), lt(permissionRequests.requestedAt, staleBefore(waitMs, now))));
      for (const row of stale) {
        await settlePending(tx, row, { status: 'timed-out', decidedBy: 'timeout', reason: 'its hook stopped waiting without an answer (orc restarted?)' }, now);
      }
      if ((await waitingRequestOf(tx, agentId, waitMs, now)) !== null) return null;
      await expireSurplusInDialog(tx, agentId);
      return record(tx);
    }),
  );
}
