import { describe, expect, it } from 'vitest';
import { lastLinesWithin, MAX_CAPTURE_BYTES, MAX_CAPTURE_LINES, tailOfPane } from './pane-text.ts';

describe('tailOfPane', () => {
  it('squeezes the empty rows between a conversation and a pinned input box', () => {
    const pane = ['', 'banner', '● pong-42', '', '', '', '', '❯   ', '  footer  ', '', ''].join('\n');
    expect(tailOfPane(pane, 4)).toBe(['● pong-42', '', '❯', '  footer'].join('\n'));
  });

  it('keeps only the last lines asked for', () => {
    expect(tailOfPane('a\nb\nc\nd', 2)).toBe('c\nd');
  });

  it('returns an empty string for an empty pane', () => {
    expect(tailOfPane('\n\n   \n', 10)).toBe('');
  });
});

describe('lastLinesWithin', () => {
  it('keeps the last whole lines that fit, counting UTF-8 bytes', () => {
    expect(lastLinesWithin('aaaa\nbbbb\ncccc', 9)).toBe('bbbb\ncccc');
    expect(lastLinesWithin('aaaa\nbbbb\ncccc', 8)).toBe('cccc');
    // "é" is two bytes: three of them are six.
    expect(lastLinesWithin('x\néé\néé', 9)).toBe('éé\néé');
    expect(lastLinesWithin('short', 100)).toBe('short');
  });

  it('keeps the end of a single line longer than the bound', () => {
    expect(lastLinesWithin('0123456789abcdef0123', 16)).toBe('0123');
  });

  it('bounds what tailOfPane returns, however many lines were asked for', () => {
    const line = 'x'.repeat(199);
    const pane = Array.from({ length: MAX_CAPTURE_LINES }, () => line).join('\n');
    const tail = tailOfPane(pane, MAX_CAPTURE_LINES);
    expect(new TextEncoder().encode(tail).length).toBeLessThanOrEqual(MAX_CAPTURE_BYTES);
    expect(tail.split('\n').length).toBe(Math.floor((MAX_CAPTURE_BYTES + 1) / 200));
  });
});
