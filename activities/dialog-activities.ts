// Answers an agent CLI's own permission dialog by pressing its key: what `orc approve` or
// `orc deny` does once the hook path has given up and the dialog is showing. It presses only
// when the live dialog at the bottom of the pane asks about the very request that was
// answered, and only "allow once" or "deny": a broader option ("don't ask again", "switch to
// auto mode") would give away more than the person decided.
import { dialogShows, recognizeDialog, type PermissionDialog } from '../domain/permissions/dialog-recognition.ts';
import { readPane, waitForPane } from './pane-reading.ts';
import type { Tmux } from './tmux.ts';

export interface AnswerDialogInput {
  paneId: string;
  requestId: string;
  decision: 'allow' | 'deny';
  /** The request's command (or file path, or URL) that the dialog must show. */
  subject: string;
}

export interface AnswerDialogResult {
  requestId: string;
  /** The key pressed, or null when nothing was pressed. */
  pressed: string | null;
  /** What was pressed and whether the dialog went, or why nothing was pressed. */
  detail: string;
}

/** How long the dialog may take to close after the key. */
const CLOSE_TIMEOUT_MS = 5_000;

const sameDialog = (now: PermissionDialog | null, before: PermissionDialog) =>
  now !== null && now.subject === before.subject && now.options.length === before.options.length;

export function createDialogActivities(deps: { tmux: Tmux }) {
  const { tmux } = deps;
  return {
    async answerDialog(input: AnswerDialogInput): Promise<AnswerDialogResult> {
      const nothing = (detail: string): AnswerDialogResult => ({ requestId: input.requestId, pressed: null, detail });
      const dialog = recognizeDialog(await readPane(tmux, input.paneId));
      if (dialog === null) return nothing('no permission dialog is showing at the bottom of the agent\'s pane; nothing was pressed');
      if (!dialogShows(dialog, input.subject)) {
        return nothing(`the dialog showing asks about ${JSON.stringify(dialog.subject ?? '(something orc cannot read)')}, not this request; nothing was pressed`);
      }
      const meaning = input.decision === 'allow' ? 'allow-once' : 'deny';
      const option = dialog.options.find((o) => o.meaning === meaning);
      if (!option) return nothing(`the dialog has no "${meaning}" option; nothing was pressed`);
      // Literal (-l): the key is typed as text, never read as a tmux key name.
      await tmux.run(['send-keys', '-t', input.paneId, '-l', option.key]);
      const closed = await waitForPane(tmux, input.paneId, (text) => !sameDialog(recognizeDialog(text), dialog), { timeoutMs: CLOSE_TIMEOUT_MS, intervalMs: 100 });
      const what = `pressed ${option.key} (${option.label}) in the agent's dialog`;
      return { requestId: input.requestId, pressed: option.key, detail: closed === null ? `${what}, but the dialog was still showing ${CLOSE_TIMEOUT_MS / 1000} s later` : what };
    },
  };
}

export type DialogActivities = ReturnType<typeof createDialogActivities>;
