// Pressing the option that carries a decision in an agent CLI's own permission dialog: the
// one step shared by late answers (`orc approve` after the hook gave up) and the screen
// fallback. It reads the pane first and presses only when the live dialog at the bottom asks
// about the very request decided, and only "allow once" or "deny": a broader option ("don't
// ask again", "switch to auto mode") would give away more than was decided.
import { dialogShows, recognizeDialog, type DialogOption, type PermissionDialog } from '../../domain/permissions/dialog-recognition.ts';
import { readPane } from '../tmux/pane-reading.ts';
import type { Tmux } from '../tmux/tmux.ts';

export type PressOutcome = { dialog: PermissionDialog; option: DialogOption } | { dialog: PermissionDialog | null; option: null; detail: string };

export async function pressDecision(tmux: Tmux, paneId: string, decision: 'allow' | 'deny', subject: string): Promise<PressOutcome> {
  const dialog = recognizeDialog(await readPane(tmux, paneId));
  if (dialog === null) return { dialog, option: null, detail: "no permission dialog is showing at the bottom of the agent's pane; nothing was pressed" };
  if (!dialogShows(dialog, subject)) {
    return { dialog, option: null, detail: `the dialog showing asks about ${JSON.stringify(dialog.subject ?? '(something orc cannot read)')}, not this request; nothing was pressed` };
  }
  const meaning = decision === 'allow' ? 'allow-once' : 'deny';
  const option = dialog.options.find((o) => o.meaning === meaning);
  if (!option) return { dialog, option: null, detail: `the dialog has no "${meaning}" option; nothing was pressed` };
  await pressOption(tmux, paneId, dialog, option);
  return { dialog, option };
}

/** Types the option's key (and Enter, where the CLI reads a line) into the pane, unchecked. */
export async function pressOption(tmux: Tmux, paneId: string, dialog: PermissionDialog, option: DialogOption): Promise<void> {
  // Literal (-l): the key is typed as text, never read as a tmux key name.
  const keys = ['send-keys', '-t', paneId, '-l', option.key];
  await tmux.run(dialog.keyThenEnter ? [...keys, ';', 'send-keys', '-t', paneId, 'Enter'] : keys);
}

/** How a pressed option reads in a report: `1 (Yes)`, `y (Yes) and Enter`. */
export const describePress = (dialog: PermissionDialog, option: DialogOption) => `${option.key} (${option.label})${dialog.keyThenEnter ? ' and Enter' : ''}`;
