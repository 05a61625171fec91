// A pending request's hook waits here for a person's answer, polling its row. Polling (not
// LISTEN/NOTIFY) works the same on PostgreSQL and on the embedded PGlite, and a row read every
// quarter second per waiting agent is nothing next to a person's reaction time.
import type { Database } from '$db/client.ts';
import { findRequest, requestStatus, settlePending, type RequestRow } from './request-store.ts';

const POLL_MS = 250;

const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * The row once it is decided, by a person within `waitMs`, or else marked timed-out. `signal`
 * ends the wait early (Claude Code gave up on the hook), which also counts as a timeout.
 */
export async function awaitDecision(db: Database, row: Pick<RequestRow, 'id' | 'requestedAt'>, waitMs: number, signal?: AbortSignal): Promise<RequestRow | null> {
  const deadline = row.requestedAt.getTime() + waitMs;
  while (Date.now() < deadline && !signal?.aborted) {
    const status = await requestStatus(db, row.id);
    if (status !== 'pending') break;
    await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())), signal);
  }
  await settlePending(db, row, { status: 'timed-out', decidedBy: 'timeout', reason: `no one decided within ${Math.round(waitMs / 1000)} s; the agent's own dialog is showing` });
  // Whoever won the race (a person just in time, or the timeout) is in the row now.
  return findRequest(db, row.id);
}
