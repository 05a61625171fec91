// The screen fallback's eyes: several times a second, one tmux process lists this host's agent
// panes and captures the screens of those without hooks (pane-sweep.ts), and each newly seen
// permission dialog, live at the bottom of its pane, is taken up once (dialog-tracker.ts) and
// answered (screen-fallback.ts). Answers run beside the ticks, so a dialog waiting for a person
// never holds up another pane's.
import { randomBytes } from 'node:crypto';
import { recognizeDialog, type PermissionDialog } from '../domain/permissions/dialog-recognition.ts';
import { createDialogTracker } from './dialog-tracker.ts';
import { sweepPanes, type SweptPane } from './pane-sweep.ts';
import { agentDataDir, readFallbackAccess, type FallbackAccess } from './screen-fallback-access.ts';
import type { DialogPane, FallbackOutcome } from './screen-fallback.ts';
import type { Tmux } from './tmux.ts';

export interface DialogWatcherDeps {
  tmux: Tmux;
  /** This host's data dir, where each agent's access file is (screen-fallback-access.ts). */
  hostDir: string;
  /** Asks orc about a dialog and presses the answer (answerFromScreen). */
  answer: (pane: DialogPane, access: FallbackAccess | null, dialog: PermissionDialog) => Promise<FallbackOutcome>;
  /** A dialog that was taken up has gone from its pane (answered here, late, or by a person at the pane). */
  onDialogClosed: (agentId: string, access: FallbackAccess | null) => Promise<void>;
  log?: (line: string) => void;
  /** Between looks while some pane needs watching: a fifth of a second keeps dialog → key under half a second. */
  intervalMs?: number;
  /** Between looks while no pane does (only new agents are looked for). */
  idleIntervalMs?: number;
  /** After asking failed, how long before the same dialog is taken up again. */
  retryAfterMs?: number;
}

export interface DialogWatcher {
  stop(): void;
}

export function watchDialogs(deps: DialogWatcherDeps): DialogWatcher {
  const { tmux, intervalMs = 200, idleIntervalMs = 1000, retryAfterMs = 5000 } = deps;
  const log = deps.log ?? ((line: string) => console.log(line));
  // Markers carry a secret of this process, so no agent can print one.
  const nonce = `orc-sweep-${randomBytes(12).toString('hex')}`;
  const tracker = createDialogTracker();
  /** The last screen read of each pane and what it showed, so an unchanged screen is not read again. */
  const seen = new Map<string, { text: string; dialog: PermissionDialog | null }>();
  const access = new Map<string, Promise<FallbackAccess | null>>();
  let watched: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const credentialsOf = (pane: SweptPane) => {
    let credentials = access.get(pane.paneId);
    if (!credentials) {
      credentials = readFallbackAccess(agentDataDir(deps.hostDir, pane.agentId));
      access.set(pane.paneId, credentials);
    }
    return credentials;
  };

  const act = async (pane: SweptPane, dialog: PermissionDialog) => {
    const outcome = await deps.answer({ paneId: pane.paneId, agentId: pane.agentId, cwd: pane.cwd }, await credentialsOf(pane), dialog).catch((err: unknown) => {
      log(`screen fallback: ${pane.agentId}: ${String(err)}`);
      return 'retry' as const;
    });
    if (outcome === 'retry') setTimeout(() => tracker.release(pane.paneId, dialog), retryAfterMs).unref();
  };

  const look = (pane: SweptPane, text: string) => {
    let last = seen.get(pane.paneId);
    if (last?.text !== text) {
      last = { text, dialog: recognizeDialog(text) };
      seen.set(pane.paneId, last);
    }
    const change = tracker.observe(pane.paneId, pane.agentId, last.dialog);
    if (change === 'act' && last.dialog) void act(pane, last.dialog);
    if (change === 'closed') {
      credentialsOf(pane)
        .then((credentials) => deps.onDialogClosed(pane.agentId, credentials))
        .catch((err: unknown) => log(`screen fallback: could not report that ${pane.agentId}'s dialog closed: ${String(err)}`));
    }
  };

  const tick = async () => {
    const sweep = await sweepPanes(tmux, nonce, watched).catch(() => null);
    if (sweep === null) return; // tmux did not answer: nothing is known, nothing forgotten
    const panes = sweep.panes.filter((pane) => pane.screenFallback && !pane.dead);
    const ids = new Set(panes.map((pane) => pane.paneId));
    tracker.keepOnly(ids);
    for (const map of [seen, access]) for (const paneId of map.keys()) if (!ids.has(paneId)) map.delete(paneId);
    for (const pane of panes) {
      const text = sweep.screens.get(pane.paneId);
      // Not captured this time (new, or the list was cut short), or a person is scrolling it.
      if (text === undefined || pane.inMode) continue;
      look(pane, text);
    }
    watched = panes.map((pane) => pane.paneId);
  };

  const loop = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      tick().finally(loop).catch(() => undefined);
    }, watched.length > 0 ? intervalMs : idleIntervalMs);
  };
  loop();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
