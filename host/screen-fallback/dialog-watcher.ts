// The screen fallback's eyes: several times a second, one tmux process lists this host's agent
// panes and captures the screens of those without hooks (pane-sweep.ts), and each newly seen
// permission dialog, live at the bottom of its pane, is taken up once (dialog-tracker.ts) and
// answered (screen-fallback.ts). Answers run beside the ticks, so a dialog waiting for a person
// never holds up another pane's.
//
// Hooked Claude Code panes are looked at too, once a second, but never answered: their hook
// does that, and a dialog shows there only when nobody answered in time. When it goes (a person
// pressed a key at the pane, or orc did), nothing else would say so: after "No" Claude Code
// fires no hook at all, and the agent would show "waiting for approval" until its next prompt.
import { randomBytes } from 'node:crypto';
import { recognizeDialog, type PermissionDialog } from '../../domain/permissions/dialog-recognition.ts';
import { claudeCodeWasInterrupted } from '../../domain/pane-recognition.ts';
import { createDialogTracker } from './dialog-tracker.ts';
import { sweepPanes, type SweptPane } from '../tmux/pane-sweep.ts';
import { hostLayout } from '../../domain/data-layout.ts';
import { parseAgentRef } from '../../domain/names.ts';
import { readFallbackAccess, type FallbackAccess } from './screen-fallback-access.ts';
import type { DialogPane, FallbackOutcome } from './screen-fallback.ts';
import type { Tmux } from '../tmux/tmux.ts';

export interface DialogWatcherDeps {
  tmux: Tmux;
  /** This host's data dir, where each agent's access file is (screen-fallback-access.ts). */
  hostDir: string;
  /** Asks orc about a dialog and presses the answer (answerFromScreen). */
  answer: (pane: DialogPane, access: FallbackAccess | null, dialog: PermissionDialog) => Promise<FallbackOutcome>;
  /**
   * A dialog that was taken up has gone from its pane (answered here, late, or by a person at the
   * pane). `interrupted`: the screen then shows Claude Code's turn ended by it.
   */
  onDialogClosed: (agentId: string, access: FallbackAccess | null, closing: { interrupted: boolean }) => Promise<void>;
  log?: (line: string) => void;
  /** Every screen read, for those who watch screens for more than permission dialogs (blocked-watch.ts). */
  onScreen?: (pane: SweptPane, text: string) => void;
  /** Between looks while some pane needs watching: a fifth of a second keeps dialog → key under half a second. */
  intervalMs?: number;
  /** Between looks while no pane does (only new agents and hooked panes are looked at). */
  idleIntervalMs?: number;
  /** How often a hooked pane is captured: its dialogs are not answered here, so once a second will do. */
  watchIntervalMs?: number;
  /** After asking failed, how long before the same dialog is taken up again. */
  retryAfterMs?: number;
}

export interface DialogWatcher {
  stop(): void;
}

export function watchDialogs(deps: DialogWatcherDeps): DialogWatcher {
  const { tmux, intervalMs = 200, idleIntervalMs = 1000, watchIntervalMs = 1000, retryAfterMs = 5000 } = deps;
  const log = deps.log ?? ((line: string) => console.log(line));
  // Markers carry a secret of this process, so no agent can print one.
  const nonce = `orc-sweep-${randomBytes(12).toString('hex')}`;
  const tracker = createDialogTracker();
  /** The last screen read of each pane and what it showed, so an unchanged screen is not read again. */
  const seen = new Map<string, { text: string; dialog: PermissionDialog | null }>();
  let watched: string[] = [];
  let answering = false;
  let lastWatchLook = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  // Read afresh each time (a dialog is rare; the file is small): a cache by pane id would hand a
  // new agent a stopped one's token once tmux, restarted, gives out the same pane ids again.
  const credentialsOf = (pane: SweptPane) => readFallbackAccess(hostLayout(deps.hostDir).agent(parseAgentRef(pane.agentId)).screenFallbackAccess);

  const act = async (pane: SweptPane, dialog: PermissionDialog) => {
    const outcome = await deps.answer({ paneId: pane.paneId, agentId: pane.agentId, cwd: pane.cwd }, await credentialsOf(pane), dialog).catch((err: unknown) => {
      log(`screen fallback: ${pane.agentId}: ${String(err)}`);
      return 'retry' as const;
    });
    if (outcome === 'retry') setTimeout(() => tracker.release(pane.paneId, dialog), retryAfterMs).unref();
  };

  const look = (pane: SweptPane, text: string) => {
    deps.onScreen?.(pane, text);
    let last = seen.get(pane.paneId);
    if (last?.text !== text) {
      last = { text, dialog: recognizeDialog(text) };
      seen.set(pane.paneId, last);
    }
    const change = tracker.observe(pane.paneId, pane.agentId, last.dialog);
    // A hooked pane's dialog is only noted, so that its closing is seen.
    if (change === 'act' && last.dialog && pane.dialogs === 'answer') void act(pane, last.dialog);
    if (change === 'closed') {
      const closing = { interrupted: claudeCodeWasInterrupted(text) };
      credentialsOf(pane)
        .then((credentials) => deps.onDialogClosed(pane.agentId, credentials, closing))
        .catch((err: unknown) => log(`screen fallback: could not report that ${pane.agentId}'s dialog closed: ${String(err)}`));
    }
  };

  const tick = async () => {
    const sweep = await sweepPanes(tmux, nonce, watched).catch(() => null);
    if (sweep === null) return; // tmux did not answer: nothing is known, nothing forgotten
    const panes = sweep.panes.filter((pane) => pane.dialogs !== null && !pane.dead);
    const ids = new Set(panes.map((pane) => pane.paneId));
    tracker.keepOnly(ids);
    for (const paneId of seen.keys()) if (!ids.has(paneId)) seen.delete(paneId);
    for (const pane of panes) {
      const text = sweep.screens.get(pane.paneId);
      // Not captured this time (new, or the list was cut short), or a person is scrolling it.
      if (text === undefined || pane.inMode) continue;
      look(pane, text);
    }
    answering = panes.some((pane) => pane.dialogs === 'answer');
    // Between the fast looks some answered pane needs, a hooked one is captured about once every watchIntervalMs.
    const now = Date.now();
    const lookAtHooked = !answering || now - lastWatchLook >= watchIntervalMs - intervalMs;
    if (lookAtHooked) lastWatchLook = now;
    watched = panes.filter((pane) => pane.dialogs === 'answer' || lookAtHooked).map((pane) => pane.paneId);
  };

  const loop = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      tick().finally(loop).catch(() => undefined);
    }, answering ? intervalMs : idleIntervalMs);
  };
  loop();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
