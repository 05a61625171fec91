import { describe, expect, it } from 'vitest';
import { tailOfPane } from './pane-text.ts';

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
