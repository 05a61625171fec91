import { describe, expect, it } from 'vitest';
import { promptMatches } from './prompt-match.ts';

describe('promptMatches', () => {
  const long = Array.from({ length: 12 }, (_, i) => `line ${i} "q" $(x)`).join('\n');

  it.each([
    ['the same text', 'reply with pong', 'reply with pong', true],
    ['a trailing newline and CRLFs', 'a\r\nb\n', 'a\nb', true],
    ['a long paste, wrapped as Claude Code reports it', `\n\n<pasted_content id="b129">\n${long}\n</pasted_content>`, long, true],
    ['a different text', 'reply with ping', 'reply with pong', false],
    ['a wrapped paste of another text', `\n\n<pasted_content id="b129">\n${long}x\n</pasted_content>`, long, false],
  ])('%s', (_, submitted, typed, expected) => {
    expect(promptMatches(submitted, typed)).toBe(expected);
  });
});
