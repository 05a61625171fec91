// Sees a dialog orc cannot answer hold an agent: fed each screen the dialog watcher reads
// (dialog-watcher.ts captures every agent pane at least once a second), it tells the agent's
// workflow `blocked` once such a dialog (domain/blocking-dialog.ts) has stayed on an unchanged
// screen for a few seconds, and `unblocked` once it has gone (a person answered at the pane).
//
// Which panes were reported blocked is kept on the pane itself, as a tmux option, so a worker
// that restarts (or the launch, which reports a dialog it met itself) still says `unblocked`
// when the dialog goes, without telling every agent on every start.
import { BLOCKED_AFTER_MS, recognizeBlockingDialog, type BlockingDialog } from '../../domain/blocking-dialog.ts';
import type { Tmux } from '../tmux/tmux.ts';

/** Set on an agent's pane while its workflow was told it is blocked. */
export const BLOCKED_PANE_OPTION = '@orc-blocked';

export type BlockedReport = { kind: 'blocked'; title: string; text: string } | { kind: 'unblocked' };

export interface BlockedWatchDeps {
  tmux: Tmux;
  /** Tells the agent's workflow; a failure is retried on a later look. */
  report: (agentId: string, event: BlockedReport) => Promise<void>;
  /** How long a dialog's screen must stay unchanged before the agent counts as blocked. */
  blockedAfterMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

interface PaneMemory {
  agentId: string;
  text: string;
  /** When the screen last changed. */
  since: number;
  dialog: BlockingDialog | null;
  /** What the workflow was last told: a dialog's title, `clear`, or null when unknown (first look since this worker started). */
  told: string | null;
  busy: boolean;
  seenAt: number;
}

/** Panes not looked at for this long are gone. */
const FORGET_AFTER_MS = 60_000;

export interface BlockedWatch {
  /** One look at an agent's screen. */
  observe(pane: { paneId: string; agentId: string }, text: string): void;
}

export function createBlockedWatch(deps: BlockedWatchDeps): BlockedWatch {
  const { tmux, blockedAfterMs = BLOCKED_AFTER_MS, now = Date.now } = deps;
  const log = deps.log ?? ((line: string) => console.log(line));
  const panes = new Map<string, PaneMemory>();
  let lastSweep = 0;

  const wasToldBlocked = async (paneId: string) => (await tmux.run(['display-message', '-p', '-t', paneId, `#{${BLOCKED_PANE_OPTION}}`])).trim() !== '';

  const tell = (paneId: string, memory: PaneMemory, event: BlockedReport, told: string) => {
    memory.busy = true;
    const mark = event.kind === 'blocked' ? ['set-option', '-p', '-t', paneId, BLOCKED_PANE_OPTION, '1'] : ['set-option', '-p', '-u', '-t', paneId, BLOCKED_PANE_OPTION];
    deps
      .report(memory.agentId, event)
      .then(() => tmux.run(mark))
      .then(() => {
        memory.told = told;
      })
      .catch((err: unknown) => log(`blocked watch: could not tell ${memory.agentId} it is ${event.kind}: ${String(err)}`))
      .finally(() => {
        memory.busy = false;
      });
  };

  /** The first look since this worker started, at a screen without a dialog: was it left blocked? */
  const settleUnknown = (paneId: string, memory: PaneMemory) => {
    memory.busy = true;
    wasToldBlocked(paneId)
      .then((blocked) => {
        memory.busy = false;
        if (blocked) tell(paneId, memory, { kind: 'unblocked' }, 'clear');
        else memory.told = 'clear';
      })
      .catch(() => {
        memory.busy = false; // the pane went, or tmux did not answer: look again next time
      });
  };

  return {
    observe({ paneId, agentId }, text) {
      const at = now();
      let memory = panes.get(paneId);
      // tmux reuses pane ids after its server restarts: another agent's pane is a new pane.
      if (memory?.agentId !== agentId) {
        memory = { agentId, text, since: at, dialog: recognizeBlockingDialog(text), told: null, busy: false, seenAt: at };
        panes.set(paneId, memory);
      } else if (memory.text !== text) {
        memory.text = text;
        memory.since = at;
        memory.dialog = recognizeBlockingDialog(text);
      }
      memory.seenAt = at;
      if (at - lastSweep > FORGET_AFTER_MS) {
        lastSweep = at;
        for (const [id, other] of panes) if (at - other.seenAt > FORGET_AFTER_MS) panes.delete(id);
      }
      if (memory.busy) return;
      const { dialog } = memory;
      if (dialog !== null) {
        if (memory.told !== dialog.title && at - memory.since >= blockedAfterMs) tell(paneId, memory, { kind: 'blocked', title: dialog.title, text: dialog.text }, dialog.title);
        return;
      }
      if (memory.told === null) settleUnknown(paneId, memory);
      else if (memory.told !== 'clear') tell(paneId, memory, { kind: 'unblocked' }, 'clear');
    },
  };
}
