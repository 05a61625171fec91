import { describe, expect, it } from 'vitest';
import { recognizeDialog } from './permissions/dialog-recognition.ts';
import { codexAsksFolderAccess, codexHasStarted, codexIsReady } from './codex-screen.ts';

// Captured from codex-cli 0.171.0 in a 200×50 tmux pane (blank lines dropped).
const IDLE = ['  >_ OpenAI Codex (v0.171.0)', '     /var/tmp/cx2/proj', '', '› Ask Codex to do anything', '', '  GPT-6.2-Sol default · /var/tmp/cx2/proj', '  ← for agents · ? for shortcuts'].join('\n');
const FIRST_IDLE = ['  >_ OpenAI Codex (v0.171.0)', '     /tmp/cx/proj', '› Ask Codex to do anything', '  ? for shortcuts'].join('\n');
const TYPED = ['  >_ OpenAI Codex (v0.171.0)', '› analytics check', '', '  gpt-5 default · /var/tmp/cx2/proj'].join('\n');
const WORKING = ['› hello there', '', '• Working (2s • esc to interrupt)', '', '› Ask Codex to do anything'].join('\n');
const FOLDER_ACCESS = [
  '  Folder access',
  '  /var/tmp/cx2/proj',
  '  Config, hooks, and exec policies from untrusted folders stay disabled. Trusted project folders can still contribute settings. Skills still load, and tools follow your permission settings. Opening',
  '  will not change saved trust.',
  '› 1. Open restricted',
  '  2. Back to Agent Command Center',
  '  enter continue · esc back',
].join('\n');
const FOLDER_ACCESS_ON_RESUME = [
  '  Folder access',
  '  /tmp/orc-codex-76q2wC',
  "  This existing task may retain settings and history, including project configuration or hooks loaded while it was trusted. To use restricted settings, start a new task. The folder's trust setting",
  '  will not change.',
  '› 1. Open existing task',
  '  2. Back to Agent Command Center',
  '  enter continue · esc back',
].join('\n');
const EXEC_DIALOG = [
  '› run exec_command {"cmd":"echo hi > /root/outside-probe.txt"}',
  '• Running echo hi > /root/outside-probe.txt',
  '  Would you like to run the following command?',
  '  Environment: local',
  '  Reason: Write a probe file outside the workspace?',
  '  $ echo hi > /root/outside-probe.txt',
  '› 1. Yes, proceed (y)',
  "  2. Yes, and don't ask again for commands that start with `echo hi > /root/outside-probe.txt` (p)",
  '  3. No, and tell Codex what to do differently (esc)',
  '  Press enter to confirm or esc to cancel',
].join('\n');

// A long command wraps, in the dialog's body and in its "don't ask again" option.
const LONG_DIALOG = [
  "• Running echo 'approval_policy = \"never\"' >> /tmp/orc-test-data-AAAAAA/hosts/test-host/agents/codex-mx3m0abcdef/dev/codex-home/config.toml; touch /tmp/orc-test-data-AAAAAA/hosts/test-host/agents/cod…",
  '    + Show details',
  '  Would you like to run the following command?',
  '  Environment: local',
  '  Reason: Tidy?',
  "  $ echo 'approval_policy = \"never\"' >> /tmp/orc-test-data-AAAAAA/hosts/test-host/agents/codex-mx3m0abcdef/dev/codex-home/config.toml; touch",
  '  /tmp/orc-test-data-AAAAAA/hosts/test-host/agents/codex-mx3m0abcdef/dev/codex-home/rules/agent.rules; echo tamper-finished',
  '› 1. Yes, proceed (y)',
  "  2. Yes, and don't ask again for commands that start with `echo 'approval_policy = \"never\"' >> /tmp/orc-test-data-AAAAAA/hosts/test-host/agents/codex-mx3m0abcdef/dev/codex-home/config.toml; touch /",
  '     tmp/orc-test-data-AAAAAA/hosts/test-host/agents/codex-mx3m0abcdef/dev/codex-home/rules/agent.rules; echo tamper-finished` (p)',
  '  3. No, and tell Codex what to do differently (esc)',
  '  Press enter to confirm or esc to cancel',
].join('\n');

describe('Codex 0.171.0 screens', () => {
  it('is ready at its idle input box, with or without the status line above the hint', () => {
    expect(codexIsReady(IDLE)).toBe(true);
    expect(codexIsReady(FIRST_IDLE)).toBe(true);
  });

  it('is not ready with text typed into the box, while working, or on the Folder access screen', () => {
    expect(codexIsReady(TYPED)).toBe(false);
    expect(codexIsReady(WORKING)).toBe(false);
    expect(codexIsReady(FOLDER_ACCESS)).toBe(false);
    expect(codexIsReady('')).toBe(false);
  });

  it('has started only once the footer shows "← for agents" (the first box, while starting, has not)', () => {
    expect(codexHasStarted(IDLE)).toBe(true);
    expect(codexHasStarted(FIRST_IDLE)).toBe(false);
    expect(codexHasStarted(FOLDER_ACCESS)).toBe(false);
    expect(codexHasStarted(TYPED)).toBe(false);
  });

  it('recognises the Folder access screen, which is not a permission dialog', () => {
    expect(codexAsksFolderAccess(FOLDER_ACCESS)).toBe(true);
    expect(codexAsksFolderAccess(FOLDER_ACCESS_ON_RESUME)).toBe(true);
    expect(recognizeDialog(FOLDER_ACCESS_ON_RESUME)).toBeNull();
    expect(codexAsksFolderAccess(IDLE)).toBe(false);
    expect(recognizeDialog(FOLDER_ACCESS)).toBeNull();
  });

  it('reads a dialog whose long command wraps: the whole command, its lines kept apart, and the wrapped option', () => {
    const dialog = recognizeDialog(LONG_DIALOG);
    expect(dialog?.subject).toBe(
      "echo 'approval_policy = \"never\"' >> /tmp/orc-test-data-AAAAAA/hosts/test-host/agents/codex-mx3m0abcdef/dev/codex-home/config.toml; touch\n/tmp/orc-test-data-AAAAAA/hosts/test-host/agents/codex-mx3m0abcdef/dev/codex-home/rules/agent.rules; echo tamper-finished",
    );
    expect(dialog?.options.map((o) => [o.key, o.meaning])).toEqual([
      ['1', 'allow-once'],
      ['2', 'allow-always'],
      ['3', 'deny'],
    ]);
    expect(dialog?.options[1]?.label).toMatch(/echo tamper-finished` \(p\)$/);
  });

  it('does not take wrapped lines below the last option for a live dialog', () => {
    expect(recognizeDialog(`${EXEC_DIALOG}\nsome output printed later`)).toBeNull();
  });

  it('reads its command approval dialog: the command, and 1 allow once / 2 always / 3 deny', () => {
    const dialog = recognizeDialog(EXEC_DIALOG);
    expect(dialog).toMatchObject({ cli: 'codex', tool: 'Bash', subject: 'echo hi > /root/outside-probe.txt', keyThenEnter: false });
    expect(dialog?.options.map((o) => [o.key, o.meaning])).toEqual([
      ['1', 'allow-once'],
      ['2', 'allow-always'],
      ['3', 'deny'],
    ]);
  });
});
