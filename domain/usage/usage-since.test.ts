import { describe, expect, it } from 'vitest';
import { InvalidSinceError, parseSince } from './usage-since.ts';

const now = new Date('2026-11-30T17:00:00Z');

describe('parseSince', () => {
  it('takes a duration back from now, a UTC day or a time', () => {
    expect(parseSince('2h', now).toISOString()).toBe('2026-11-30T15:00:00.000Z');
    expect(parseSince('7d', now).toISOString()).toBe('2026-11-23T17:00:00.000Z');
    expect(parseSince('2026-11-01', now).toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(parseSince('2026-11-30T08:30:00+01:00', now).toISOString()).toBe('2026-11-30T07:30:00.000Z');
  });

  it.each([
    ['yesterday', '--since "yesterday" is neither a duration nor a date: give a duration back from now (2h, 7d, up to 30d), a day (2026-11-30, UTC) or a time (2026-11-30T08:00:00Z)'],
    ['90', '--since "90" is neither a duration nor a date: give a duration back from now (2h, 7d, up to 30d), a day (2026-11-30, UTC) or a time (2026-11-30T08:00:00Z)'],
    ['2026-13-40', '--since "2026-13-40" is not a real date: give a day such as 2026-11-30'],
    ['2026-12-01', '--since "2026-12-01" is in the future: give a time in the past'],
  ])('refuses %s, naming it', (text, message) => {
    expect(() => parseSince(text, now)).toThrow(new InvalidSinceError(message));
  });
});
