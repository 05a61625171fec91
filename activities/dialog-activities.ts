// Answers an agent CLI's own permission dialog by pressing its key: what `orc approve` or
// `orc deny` does once the hook path has given up and the dialog is showing (dialog-keys.ts
// decides whether anything may be pressed at all), then waits a moment to see it close.
import { recognizeDialog, type PermissionDialog } from '../domain/permissions/dialog-recognition.ts';
import { describePress, pressDecision } from '../host/screen-fallback/dialog-keys.ts';
import { waitForPane } from '../host/tmux/pane-reading.ts';
import type { Tmux } from '../host/tmux/tmux.ts';

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
      const outcome = await pressDecision(tmux, input.paneId, input.decision, input.subject);
      if (outcome.option === null) return { requestId: input.requestId, pressed: null, detail: outcome.detail };
      const { dialog, option } = outcome;
      const closed = await waitForPane(tmux, input.paneId, (text) => !sameDialog(recognizeDialog(text), dialog), { timeoutMs: CLOSE_TIMEOUT_MS, intervalMs: 100 });
      const what = `pressed ${describePress(dialog, option)} in the agent's dialog`;
      return { requestId: input.requestId, pressed: option.key, detail: closed === null ? `${what}, but the dialog was still showing ${CLOSE_TIMEOUT_MS / 1000} s later` : what };
    },
  };
}

export type DialogActivities = ReturnType<typeof createDialogActivities>;
