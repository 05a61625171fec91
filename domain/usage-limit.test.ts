import { describe, expect, it } from 'vitest';
import { isLimitStop, resetTimeFrom } from './usage-limit.ts';

const now = Date.parse('2026-11-30T14:00:00Z');

describe('usage limits', () => {
  it('knows a limit stop from the error kind or the text Claude Code shows', () => {
    expect(isLimitStop('rate_limit', "API Error: Request rejected (429) · This request would exceed your account's rate limit. Please try again later.")).toBe(true);
    expect(isLimitStop('unknown', '5-hour limit reached · resets 3pm')).toBe(true);
    expect(isLimitStop('server_error', 'API Error: 500 Internal server error')).toBe(false);
  });

  it('reads the reset time, in the zone the text names, as the next such time', () => {
    expect(new Date(resetTimeFrom('5-hour limit reached · resets 3pm', now) ?? 0).toISOString()).toBe('2026-11-30T15:00:00.000Z');
    expect(new Date(resetTimeFrom('usage limit reached · resets 11:30am (Europe/Paris)', now) ?? 0).toISOString()).toBe('2026-12-01T10:30:00.000Z');
    expect(new Date(resetTimeFrom('resets 4pm (America/New_York)', now) ?? 0).toISOString()).toBe('2026-11-30T21:00:00.000Z');
    // Already past today: tomorrow.
    expect(new Date(resetTimeFrom('resets 1pm', now) ?? 0).toISOString()).toBe('2026-12-01T13:00:00.000Z');
    expect(new Date(resetTimeFrom('resets 12am', now) ?? 0).toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it('gives null when there is no time, or a time that cannot be', () => {
    expect(resetTimeFrom("API Error: Request rejected (429) · This request would exceed your account's rate limit.", now)).toBeNull();
    expect(resetTimeFrom('resets 13pm', now)).toBeNull();
    expect(new Date(resetTimeFrom('resets 3pm (Not/AZone)', now) ?? 0).toISOString()).toBe('2026-11-30T15:00:00.000Z');
  });
});
