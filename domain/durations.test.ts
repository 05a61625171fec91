import { describe, expect, it } from 'vitest';
import { InvalidDurationError, MAX_DURATION_MS, formatDuration, parseDuration } from './durations.ts';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['1h30m', 5_400_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1d2h3m4s', 93_784_000],
    ['90m', 5_400_000],
    [' 45s ', 45_000],
    ['30d', MAX_DURATION_MS],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['0s', /zero/],
    ['0h0m', /zero/],
    ['-5m', /not valid/],
    ['90', /no unit/],
    ['-90', /no unit/],
    ['1.5h', /not valid/],
    ['soon', /not valid/],
    ['1 h', /not valid/],
    ['30m1h', /largest first/],
    ['1h1h', /not valid/],
    ['5M', /not valid/],
    ['31d', /30 days/],
    ['720h1s', /30 days/],
    ['99999999999999999999d', /30 days/],
  ])('refuses %j', (text, reason) => {
    expect(() => parseDuration(text)).toThrow(InvalidDurationError);
    expect(() => parseDuration(text)).toThrow(reason);
  });

  it('names the value and gives examples', () => {
    expect(() => parseDuration('soon')).toThrow(/"soon".*90s, 30m, 1h30m/);
  });
});

describe('formatDuration', () => {
  it.each([
    [5_400_000, '1h30m'],
    [90_000, '1m30s'],
    [7_200_000, '2h'],
    [86_400_000 + 1000, '1d1s'],
    [0, '0s'],
    [400, '0s'],
    [1_600, '2s'],
  ])('writes %d ms as %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips what parseDuration reads', () => {
    for (const text of ['90s', '30m', '1h30m', '2h', '1d', '1d2h3m4s', '30d']) {
      expect(parseDuration(formatDuration(parseDuration(text)))).toBe(parseDuration(text));
    }
    expect(formatDuration(parseDuration('90m'))).toBe('1h30m');
  });

  it('refuses negative and non-finite input', () => {
    expect(() => formatDuration(-1)).toThrow(RangeError);
    expect(() => formatDuration(Number.NaN)).toThrow(RangeError);
  });
});
