// `orc usage --since`: how far back the figures go, as a duration back from now (`2h`, `7d`)
// or a day (`2026-11-30`, from its start, UTC) or a time (`2026-11-30T08:00:00Z`).
import { InvalidDurationError, parseDuration } from '../durations.ts';

export class InvalidSinceError extends Error {
  override name = 'InvalidSinceError';
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The moment `text` names, no later than `now`; throws an InvalidSinceError naming the value. */
export function parseSince(text: string, now: Date = new Date()): Date {
  const trimmed = text.trim();
  const shown = JSON.stringify(text);
  let at: Date;
  if (DAY.test(trimmed)) at = new Date(`${trimmed}T00:00:00Z`);
  else if (TIME.test(trimmed)) at = new Date(trimmed);
  else {
    try {
      at = new Date(now.getTime() - parseDuration(trimmed));
    } catch (err) {
      if (!(err instanceof InvalidDurationError)) throw err;
      throw new InvalidSinceError(`--since ${shown} is neither a duration nor a date: give a duration back from now (2h, 7d, up to 30d), a day (2026-11-30, UTC) or a time (2026-11-30T08:00:00Z)`);
    }
  }
  if (Number.isNaN(at.getTime())) throw new InvalidSinceError(`--since ${shown} is not a real date: give a day such as 2026-11-30`);
  if (at.getTime() > now.getTime()) throw new InvalidSinceError(`--since ${shown} is in the future: give a time in the past`);
  return at;
}
