// Durations as people and agents type them: `90s`, `30m`, `1h30m`, `2h`, `1d`. The grammar
// is deliberately tiny (units d, h, m, s, largest first, each at most once, whole numbers)
// and written out here rather than taken from a library: the common ones (ms,
// parse-duration) accept exactly what must be refused here (a bare `90` read as
// milliseconds, `1.5h`, `-1h`, `1 hour`), so they would need this same check in front of them.

export const MAX_DURATION_MS = 30 * 24 * 60 * 60 * 1000;

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;
const GRAMMAR = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const EXAMPLES = 'for example 90s, 30m, 1h30m, 2h or 1d';

export class InvalidDurationError extends Error {
  override name = 'InvalidDurationError';
}

/** Milliseconds for a duration such as `1h30m`; throws an InvalidDurationError that names the value. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  const shown = JSON.stringify(text);
  if (trimmed === '') throw new InvalidDurationError(`duration is empty: give a number and a unit (d, h, m, s), ${EXAMPLES}`);
  if (/^[+-]?\d+(?:\.\d+)?$/.test(trimmed)) {
    throw new InvalidDurationError(`duration ${shown} has no unit: add one of d, h, m, s, ${EXAMPLES}`);
  }
  const match = GRAMMAR.exec(trimmed);
  if (!match) {
    throw new InvalidDurationError(
      `duration ${shown} is not valid: write whole numbers with units d, h, m, s, largest first and without spaces, ${EXAMPLES}`,
    );
  }
  const [, d = '0', h = '0', m = '0', s = '0'] = match;
  const ms = Number(d) * UNIT_MS.d + Number(h) * UNIT_MS.h + Number(m) * UNIT_MS.m + Number(s) * UNIT_MS.s;
  if (ms === 0) throw new InvalidDurationError(`duration ${shown} is zero: give a positive duration, ${EXAMPLES}`);
  if (ms > MAX_DURATION_MS) throw new InvalidDurationError(`duration ${shown} is longer than the maximum of 30 days (30d)`);
  return ms;
}

/**
 * `1h30m` for 5_400_000: the largest units first, zero parts left out, so that whatever
 * parseDuration accepts comes back in the same form it could be typed in. Rounds to the
 * nearest second (check-ins are not more precise than that); under half a second is `0s`.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`formatDuration: ${ms} is not a non-negative number of milliseconds`);
  let rest = Math.round(ms / 1000) * 1000;
  if (rest === 0) return '0s';
  let out = '';
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const count = Math.floor(rest / UNIT_MS[unit]);
    if (count > 0) out += `${count}${unit}`;
    rest -= count * UNIT_MS[unit];
  }
  return out;
}
