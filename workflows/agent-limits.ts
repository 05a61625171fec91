// The agent workflow's bounds, and the checks its update validators run before anything is
// accepted into its history.

/** How long a typed message may wait for the agent's confirmation before it is reported unconfirmed. */
export const CONFIRM_TIMEOUT = '30 seconds';
export const MAX_MESSAGE_CHARS = 100_000;
export const RECENT_MESSAGES_KEPT = 20;
const MAX_PENDING_CHECKINS = 100;
const MIN_CHECKIN_MS = 1_000;
const MAX_CHECKIN_MS = 30 * 24 * 3600_000;
/** After this many relaunches in a row without a stable run, the agent is failed and its manager told. */
export const MAX_RESTARTS = 3;
/** A run this long counts as stable: the next death starts a fresh count. */
export const STABLE_RUN_MS = 10 * 60_000;
/**
 * The longest pause before a message held back by an open permission dialog is tried again; the
 * host's report that the dialog closed ends a pause at once. Each try is a few history events.
 */
export const DIALOG_HOLD_MAX_PAUSE_MS = 15_000;
/** Outcomes of dialog answers kept for the server to read back; older ones are long read. */
export const DIALOG_ANSWERS_KEPT = 50;

/** The longest an update may wait inside a workflow for something to happen (a dialog answered, a team member stopped). */
export const MAX_UPDATE_WAIT_MS = 60_000;

/** `closed`: why the agent takes nothing new, or null while it does. */
export function checkMessageText(text: string, closed: string | null): void {
  if (text.trim() === '') throw new Error('message text is empty');
  if (text.length > MAX_MESSAGE_CHARS) throw new Error(`message is ${text.length} characters; the limit is ${MAX_MESSAGE_CHARS}`);
  if (closed) throw new Error(closed);
}

export function checkCheckinRequest(
  { delayMs, note }: { delayMs: number; note: string },
  { agentId, pending, closed }: { agentId: string; pending: number; closed: string | null },
): void {
  if (!Number.isFinite(delayMs) || delayMs < MIN_CHECKIN_MS || delayMs > MAX_CHECKIN_MS) {
    throw new Error('a check-in is due between 1 second and 30 days from now');
  }
  if (note.trim() === '' || note.length > 10_000) throw new Error('a check-in note is 1 to 10000 characters');
  if (pending >= MAX_PENDING_CHECKINS) throw new Error(`agent ${agentId} already has ${MAX_PENDING_CHECKINS} pending check-ins; cancel some first`);
  if (closed) throw new Error(closed);
}

export function checkWaitMs(timeoutMs: number): void {
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_UPDATE_WAIT_MS) {
    throw new Error(`timeoutMs must be a whole number of milliseconds from 1 to ${MAX_UPDATE_WAIT_MS}`);
  }
}
