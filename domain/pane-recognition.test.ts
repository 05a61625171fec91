import { describe, expect, it } from 'vitest';
import { echoProbes } from './pane-recognition.ts';

describe('echoProbes', () => {
  it('takes the first and the last non-empty line of a message, trimmed and cut to 120 characters', () => {
    expect(echoProbes('  hello there  ')).toEqual(['hello there']);
    expect(echoProbes('\n\nYou are dev.\n\n## Brief\n- a\n\nStart now.\n\n')).toEqual(['You are dev.', 'Start now.']);
    expect(echoProbes(`${'x'.repeat(200)}\nend`)).toEqual(['x'.repeat(120), 'end']);
  });

  it('is one line for a one-line message, and none for a blank one (nothing to see means not confirmed)', () => {
    expect(echoProbes('same')).toHaveLength(1);
    expect(echoProbes('   \n  ')).toEqual([]);
  });
});
