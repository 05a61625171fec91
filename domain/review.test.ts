import { describe, expect, it } from 'vitest';
import { parseReviewCommentsMessage, rebaseRequestMessage, reviewCommentsMessage } from './review.ts';

describe('review messages', () => {
  it('quote file, line and text in one message, and read back', () => {
    const text = reviewCommentsMessage({
      branch: 'orc/t/dev',
      commit: 'abcdef0123456789',
      comments: [{ file: 'src/a b.ts', line: 12, quote: '  const x = "1";', text: 'name it\nbetter' }],
      general: 'good work',
    });
    expect(text).toContain('- src/a b.ts line 12: "  const x = \\"1\\";"');
    expect(parseReviewCommentsMessage(text)).toEqual({ commit: 'abcdef012345', comments: [{ file: 'src/a b.ts', line: 12, text: 'name it' }], general: 'good work' });
    expect(parseReviewCommentsMessage('hello')).toBeNull();
  });

  it('ask for a rebase naming each file', () => {
    expect(rebaseRequestMessage({ branch: 'orc/t/x', target: 'main', files: ['a.txt'] })).toContain('  - "a.txt"');
  });
});
