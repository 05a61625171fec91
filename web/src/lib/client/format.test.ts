import { describe, expect, it } from 'vitest';
import { duration, relative } from './format.ts';

describe('format', () => {
  it('says durations with their two largest units', () => {
    expect(duration(75_000)).toBe('1m 15s');
    expect(duration(3_600_000 + 59 * 60_000 + 30_000)).toBe('1h 59m');
    expect(duration(250)).toBe('250ms');
  });

  it('says times relative to now, and "just now" within a second either way', () => {
    const now = Date.parse('2026-11-24T12:00:00Z');
    expect(relative('2026-11-24T11:59:55Z', now)).toBe('5s ago');
    expect(relative('2026-11-24T12:10:00Z', now)).toBe('in 10m');
    expect(relative('2026-11-24T12:00:00.400Z', now)).toBe('just now');
    expect(relative(new Date(now - 999), now)).toBe('just now');
  });
});
