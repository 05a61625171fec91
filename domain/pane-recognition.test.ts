import { describe, expect, it } from 'vitest';
import { claudeCodeIsReady, claudeCodeWasInterrupted, echoProbes } from './pane-recognition.ts';

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

// Claude Code 2.1.328's screen after "No" in its Bash dialog (pressed by orc deny), as captured.
const RULE = '────────────────────────────────────────────────────────────';
const afterNo = [
  '❯ RUN-SHIP please',
  '  Did not run 1 call',
  '  ⎿  $ npm run ship',
  '  ⎿  Interrupted · What should Claude do instead?',
  RULE,
  '❯\u00a0',
  RULE,
  '  ⏸ manual mode on · ? for shortcuts',
].join('\n');

describe('claudeCodeWasInterrupted', () => {
  it('is true when the "Interrupted" line is the last thing above the input box', () => {
    expect(claudeCodeWasInterrupted(afterNo)).toBe(true);
  });

  it('is false once the conversation went on below it, or with no input box on screen', () => {
    const wentOn = afterNo.replace(`${RULE}\n❯`, `❯ try another way\n● Running npm run ship2…\n${RULE}\n❯`);
    expect(claudeCodeWasInterrupted(wentOn)).toBe(false);
    expect(claudeCodeWasInterrupted('  ⎿  Interrupted · What should Claude do instead?\n> ')).toBe(false);
    expect(claudeCodeWasInterrupted('')).toBe(false);
  });
});

describe('claudeCodeIsReady', () => {
  const screen = (footer: string) => [RULE, '❯\u00a0', RULE, footer].join('\n');

  it('is true once the input line and a footer are drawn, in every permission mode', () => {
    expect(claudeCodeIsReady(screen('  ? for shortcuts'))).toBe(true);
    expect(claudeCodeIsReady(screen('  ⏸ manual mode on · ? for shortcuts'))).toBe(true);
    // --permission-mode acceptEdits, as Claude Code 2.1.328 draws it.
    expect(claudeCodeIsReady(screen('  ⏵⏵ accept edits on (shift+tab to cycle)'))).toBe(true);
    expect(claudeCodeIsReady(screen('  ⏸ plan mode on (shift+tab to cycle)'))).toBe(true);
  });

  it('is false before the footer or the input line is there', () => {
    expect(claudeCodeIsReady([RULE, '❯\u00a0', RULE].join('\n'))).toBe(false);
    expect(claudeCodeIsReady('  ⏵⏵ accept edits on (shift+tab to cycle)')).toBe(false);
  });
});
