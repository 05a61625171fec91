// Acting once per dialog: taken up when first seen, never again while it shows, forgotten once gone.
import { describe, expect, it } from 'vitest';
import { recognizeDialog, type PermissionDialog } from '../../domain/permissions/dialog-recognition.ts';
import { createDialogTracker } from './dialog-tracker.ts';

function codex(command: string): PermissionDialog {
  const dialog = recognizeDialog(`  $ ${command}\n\n› 1. Yes, proceed (y)\n  2. Yes, and don't ask again for this command (a)\n  3. No, and tell Codex what to do differently (esc)`);
  if (!dialog) throw new Error('not recognised');
  return dialog;
}

describe('createDialogTracker', () => {
  it('acts on a dialog once, however often it is seen, and reports it closed once', () => {
    const tracker = createDialogTracker();
    const seen = [codex('make'), codex('make'), codex('make'), null, null].map((d) => tracker.observe('%1', 't/a', d));
    expect(seen).toEqual(['act', null, null, 'closed', null]);
  });

  it('acts again when the same question comes back after the dialog went', () => {
    const tracker = createDialogTracker();
    expect([codex('make'), null, codex('make')].map((d) => tracker.observe('%1', 't/a', d))).toEqual(['act', 'closed', 'act']);
  });

  it('acts on a different dialog that replaced the first at once', () => {
    const tracker = createDialogTracker();
    expect([codex('make'), codex('make test')].map((d) => tracker.observe('%1', 't/a', d))).toEqual(['act', 'act']);
  });

  it('keeps panes apart', () => {
    const tracker = createDialogTracker();
    expect([tracker.observe('%1', 't/a', codex('make')), tracker.observe('%2', 't/b', codex('make')), tracker.observe('%1', 't/a', codex('make'))]).toEqual(['act', 'act', null]);
  });

  it('takes a released dialog up again, but not one released after it changed', () => {
    const tracker = createDialogTracker();
    tracker.observe('%1', 't/a', codex('make'));
    tracker.release('%1', codex('make'));
    expect(tracker.observe('%1', 't/a', codex('make'))).toBe('act');
    tracker.observe('%1', 't/a', codex('make test'));
    tracker.release('%1', codex('make'));
    expect(tracker.observe('%1', 't/a', codex('make test'))).toBeNull();
  });

  it('forgets panes that are gone, and a reused pane id of another agent', () => {
    const tracker = createDialogTracker();
    tracker.observe('%1', 't/a', codex('make'));
    tracker.keepOnly(new Set());
    expect(tracker.observe('%1', 't/a', codex('make'))).toBe('act');
    expect(tracker.observe('%1', 't/b', codex('make'))).toBe('act');
  });
});
