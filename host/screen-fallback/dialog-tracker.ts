// The screen fallback's memory of which dialogs it has already taken up, so that it acts once
// per dialog: a dialog stays "taken" for as long as it shows in its pane, whatever came of the
// request (allowed, denied, left for a person), and is forgotten once it has gone. Pure; the
// watcher feeds it what each look at a pane recognised (recognizeDialog sees only the live
// dialog at the bottom of a pane, never one that scrolled up).
import type { PermissionDialog } from '../../domain/permissions/dialog-recognition.ts';

/** What to do about a pane after a look at it. */
export type DialogChange = 'act' | 'closed' | null;

interface Taken {
  agentId: string;
  signature: string;
}

export const dialogSignature = (dialog: PermissionDialog) =>
  JSON.stringify([dialog.cli, dialog.tool, dialog.subject, dialog.options.map((o) => [o.key, o.label])]);

export interface DialogTracker {
  /** `act` for a dialog not taken up yet; `closed` when a taken one has gone from the pane. */
  observe(paneId: string, agentId: string, dialog: PermissionDialog | null): DialogChange;
  /** Lets a dialog be taken up again, after asking about it failed before anything was decided. */
  release(paneId: string, dialog: PermissionDialog): void;
  /** Forgets the panes that are gone. */
  keepOnly(paneIds: ReadonlySet<string>): void;
}

export function createDialogTracker(): DialogTracker {
  const taken = new Map<string, Taken>();
  return {
    observe(paneId, agentId, dialog) {
      let mine = taken.get(paneId);
      // tmux reuses pane ids after its server restarts: another agent's pane is a new pane.
      if (mine && mine.agentId !== agentId) {
        taken.delete(paneId);
        mine = undefined;
      }
      if (dialog === null) {
        if (!mine) return null;
        taken.delete(paneId);
        return 'closed';
      }
      const signature = dialogSignature(dialog);
      if (mine?.signature === signature) return null;
      taken.set(paneId, { agentId, signature });
      return 'act';
    },
    release(paneId, dialog) {
      if (taken.get(paneId)?.signature === dialogSignature(dialog)) taken.delete(paneId);
    },
    keepOnly(paneIds) {
      for (const paneId of taken.keys()) if (!paneIds.has(paneId)) taken.delete(paneId);
    },
  };
}
