// When an agent CLI stops on its plan's usage limit or a sustained rate limit, and when it may
// go on. Claude Code 2.1.328 tells its StopFailure hook `"error": "rate_limit"` with the text it
// shows (`last_assistant_message`): with API billing "API Error: Request rejected (429) · …
// rate limit…" (seen offline, docs/usage-limits.md); with a plan, a line such as
// "5-hour limit reached · resets 3pm (Europe/Paris)" (its own wording, read from the binary).
// The reset time, when the text gives one, is read here; otherwise orc backs off.

/** StopFailure error kinds that mean "wait, then go on", rather than a failed turn. */
export const LIMIT_ERRORS = new Set(['rate_limit', 'usage_limit', 'overloaded']);

const LIMIT_TEXT = /usage limit reached|limit reached|rate limit|\(429\)/i;

/** Whether a CLI that stopped with `error` and `text` is held by a limit. */
export function isLimitStop(error: string, text: string): boolean {
  return LIMIT_ERRORS.has(error) || LIMIT_TEXT.test(text);
}

/** The wall-clock time in `timeZone` of an instant, as its parts. */
function partsIn(ms: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number } {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
  const parts = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute) };
}

/** The instant at which `timeZone`'s clock shows the given wall time (to the minute). */
function instantAt(wall: { year: number; month: number; day: number; hour: number; minute: number }, timeZone: string): number {
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const shown = partsIn(guess, timeZone);
  const offset = Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute) - guess;
  return guess - offset;
}

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The reset time the text names ("resets 3pm", "resets 11:30am (Europe/Paris)"), as the next
 * such time after `nowMs`; null when it names none. Without a zone, `defaultZone` (the host's).
 */
export function resetTimeFrom(text: string, nowMs: number, defaultZone = 'UTC'): number | null {
  const match = /resets (?:at )?(\d{1,2})(?::(\d{2}))?\s*(am|pm)?(?:\s*\(([A-Za-z_]+(?:\/[A-Za-z_+-]+)*)\))?/i.exec(text);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = match[2] ? Number(match[2]) : 0;
  const meridiem = match[3]?.toLowerCase();
  if (hour > 23 || minute > 59 || (meridiem && (hour < 1 || hour > 12))) return null;
  if (meridiem === 'pm' && hour !== 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  const zone = match[4] && validTimeZone(match[4]) ? match[4] : defaultZone;
  const today = partsIn(nowMs, zone);
  let at = instantAt({ ...today, hour, minute }, zone);
  if (at <= nowMs) at = instantAt({ ...partsIn(nowMs + 24 * 3600_000, zone), hour, minute }, zone);
  return at;
}
