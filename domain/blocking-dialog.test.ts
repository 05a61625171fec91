import { describe, expect, it } from 'vitest';
import { recognizeBlockingDialog } from './blocking-dialog.ts';
import { findControlCharacter } from './control-characters.ts';

const RULE = '─'.repeat(200);
const padTo50 = (lines: string[]) => [...lines, ...Array<string>(Math.max(0, 50 - lines.length)).fill('')].join('\n');

// Seen with Claude Code 2.1.328 in a 200×50 pane (testing/CLAUDE-CODE-NOTES.md), trailing spaces dropped.
const MCP_DIALOG = padTo50([
  '',
  RULE,
  '  New MCP server found in this project: demo-tools',
  '',
  '  MCP servers may execute code or access system resources. All tool calls require approval. Learn more in the MCP documentation.',
  '',
  '    Use this MCP server',
  '    Use this and all future MCP servers in this project',
  '  ❯ Continue without using this MCP server',
  '',
  '  Enter to confirm · Esc to cancel',
]);
const TRUST_DIALOG = padTo50([
  RULE,
  ' Accessing workspace:',
  '',
  ' /tmp/orc-proj',
  '',
  " Quick safety check: Is this a project you created or one you trust? (Like your own code, a well-known open source project, or work from your team). If not, take a moment to review what's in this",
  ' folder first.',
  '',
  " Claude Code'll be able to read, edit, and execute files here.",
  '',
  ' Security guide',
  '',
  ' ❯ No, exit',
  '   Yes, I trust this folder',
  '',
  ' Enter to confirm · Esc to cancel',
]);
const READY = padTo50([' ▐▛███▛█   Claude Code v2.1.328', '▝▜██████▀  Opus 5.5 · API Usage Billing', ' ▝▝   ▝▝   /tmp/p', RULE, '❯\u00a0', RULE, '  ⏸ manual mode on · ? for shortcuts']);
const WORKING = padTo50(['❯ run the tests', '', '✻ Thinking… (3s · ↓ 12 tokens · esc to interrupt)', '', RULE, '❯\u00a0', RULE, '  ⏸ manual mode on']);
const PERMISSION = [
  ' Bash command',
  ' Create a file',
  '╌╌╌╌╌╌╌╌',
  ' touch agent-file.txt',
  '╌╌╌╌╌╌╌╌',
  ' Do you want to proceed?',
  ' ❯ 1. Yes',
  '   2. Yes, and always allow access to /tmp/p from this project',
  '   3. No',
  ' Esc to cancel · Tab to amend',
].join('\n');
const COMPLETIONS = padTo50([RULE, '❯ /ex', RULE, '  ❯ /exit                       Exit the CLI', '    /export                     Export the conversation']);

describe('a dialog that blocks an agent', () => {
  it("is Claude Code's new-MCP-server dialog, titled by its first line", () => {
    const dialog = recognizeBlockingDialog(MCP_DIALOG);
    expect(dialog?.title).toBe('New MCP server found in this project: demo-tools');
    expect(dialog?.text.split('\n')).toEqual([
      'New MCP server found in this project: demo-tools',
      '',
      'MCP servers may execute code or access system resources. All tool calls require approval. Learn more in the MCP documentation.',
      '',
      'Use this MCP server',
      'Use this and all future MCP servers in this project',
      '❯ Continue without using this MCP server',
      '',
      'Enter to confirm · Esc to cancel',
    ]);
  });

  it("is Claude Code's trust dialog", () => {
    expect(recognizeBlockingDialog(TRUST_DIALOG)?.title).toBe('Accessing workspace:');
  });

  it('is a numbered menu no permission reading understands, or a y/n question, of any CLI', () => {
    const update = recognizeBlockingDialog('> update\n\n  Update available: fake-cli 2.0\n\n  1. Install now\n  2. Remind me later\n\n  Press enter to confirm or esc to cancel\n');
    expect(update?.title).toBe('Update available: fake-cli 2.0');
    expect(recognizeBlockingDialog('$ cp a b\ncp: overwrite \'b\'? [y/N] ')?.title).toBe("cp: overwrite 'b'? [y/N]");
    expect(recognizeBlockingDialog('Setup done.\nPress Enter to continue...')?.title).toBe('Press Enter to continue...');
  });

  it('is never a permission dialog orc answers, the idle prompt, the input box while working, or a menu that asks nothing', () => {
    expect(recognizeBlockingDialog(PERMISSION)).toBeNull();
    expect(recognizeBlockingDialog(READY)).toBeNull();
    expect(recognizeBlockingDialog(WORKING)).toBeNull();
    expect(recognizeBlockingDialog(COMPLETIONS)).toBeNull();
    expect(recognizeBlockingDialog('$ ls\na b c\n$ ')).toBeNull();
    expect(recognizeBlockingDialog('> ')).toBeNull();
    expect(recognizeBlockingDialog('Steps:\n1. build\n2. test\n$ ')).toBeNull();
    expect(recognizeBlockingDialog('')).toBeNull();
  });

  it('shows a person no control characters', () => {
    const dialog = recognizeBlockingDialog('Install \x1b]8;;http://evil\x07now?\n ❯ Yes\n   No\n');
    expect(dialog?.title).toContain('Install');
    expect(findControlCharacter(dialog?.title ?? '')).toBeNull();
    expect(findControlCharacter(dialog?.text ?? '')).toBeNull();
  });
});
