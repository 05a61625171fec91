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
//
// With `paneOutput` (pane-output-events.ts: tmux tells when a pane prints), a pane whose output
// is heard is read only after it printed, a few milliseconds later, and otherwise only every
// `safetyIntervalMs` (a screen can change without output: a resize, a cleared scrollback); the
// panes list is still read about once a second for panes that came, died or went. Panes whose
// output is not heard (a new session, a control client that died) are looked at as above.
import { randomBytes } from 'node:crypto';
import { recognizeDialog, type PermissionDialog } from '../../domain/permissions/dialog-recognition.ts';
import { claudeCodeWasInterrupted } from '../../domain/pane-recognition.ts';
import { createDialogTracker } from './dialog-tracker.ts';
import { sweepPanes, type SweptPane } from '../tmux/pane-sweep.ts';
import { hostLayout } from '../../domain/data-layout.ts';
import { parseAgentRef } from '../../domain/names.ts';
import { readFallbackAccess, type FallbackAccess } from './screen-fallback-access.ts';
import type { DialogPane, FallbackOutcome } from './screen-fallback.ts';
import type { PaneOutputEvents } from '../tmux/pane-output-events.ts';
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
  /** When given, panes whose output is heard are read when they print instead of on every look. */
  paneOutput?: PaneOutputEvents;
  /** With paneOutput: how often a heard pane that printed nothing is read all the same. */
  safetyIntervalMs?: number;
  /** With paneOutput: the least time between two looks that output brought on, so a chatty pane cannot make the looks continuous. */
  minOutputGapMs?: number;
}

export interface DialogWatcher {
  stop(): void;
}

/** After output is heard, a moment for the rest of what the program is printing to land. */
const OUTPUT_SETTLE_MS = 10;

export function watchDialogs(deps: DialogWatcherDeps): DialogWatcher {
  const { tmux, intervalMs = 200, idleIntervalMs = 1000, watchIntervalMs = 1000, retryAfterMs = 5000, paneOutput, safetyIntervalMs = 3000, minOutputGapMs = 50 } = deps;
  const log = deps.log ?? ((line: string) => console.log(line));
  // Markers carry a secret of this process, so no agent can print one.
  const nonce = `orc-sweep-${randomBytes(12).toString('hex')}`;
  const tracker = createDialogTracker();
  /** The last screen read of each pane and what it showed, so an unchanged screen is not read again. */
  const seen = new Map<string, { text: string; dialog: PermissionDialog | null }>();
  /** What the next look reads, decided at the end of the last one. */
  let plan = { heard: new Set<string>(), lookAtHooked: true, safetyLook: false };
  let answering = false;
  let lastWatchLook = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  /** The panes of the last look, by id, with their duty. */
  let known = new Map<string, SweptPane>();
  /** Panes that printed since they were last read. */
  const printed = new Set<string>();
  let lastSafetyLook = 0;
  let ticking = false;
  let tickStartedAt = 0;
  /** When the pending timer fires (ms since epoch), to tell whether output should bring it forward. */
  let timerDueAt = Infinity;

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

  /** The panes to read on this look: as planned at the end of the last one, with those that printed since. */
  const toRead = () =>
    [...known.values()]
      .filter((pane) => (pane.dialogs === 'answer' || plan.lookAtHooked) && (!plan.heard.has(pane.paneId) || printed.has(pane.paneId) || plan.safetyLook))
      .map((pane) => pane.paneId);

  const tick = async () => {
    const reading = toRead();
    // Taken off before the look, so that what a pane prints while it is read marks it again.
    for (const paneId of reading) printed.delete(paneId);
    const sweep = await sweepPanes(tmux, nonce, reading).catch(() => null);
    for (const paneId of reading) if (!sweep?.screens.has(paneId)) printed.add(paneId);
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
    const previous = known;
    known = new Map(panes.map((pane) => [pane.paneId, pane]));
    // Marks of panes that went, or that are not agents' (whose output does not matter), go; a new pane is read next anyway.
    for (const paneId of printed) if (!known.has(paneId)) printed.delete(paneId);
    // Heard: its output reaches us, and it was listed before (a new pane is read once whatever it printed).
    // Without paneOutput no pane is heard, and this is the plain polling it always was.
    const heard = new Set(panes.filter((pane) => previous.has(pane.paneId) && paneOutput?.covers(pane.paneId) === true).map((pane) => pane.paneId));
    answering = panes.some((pane) => pane.dialogs === 'answer' && !heard.has(pane.paneId));
    // Between the fast looks some answered pane needs, a hooked one is captured about once every watchIntervalMs.
    const now = Date.now();
    const lookAtHooked = !answering || now - lastWatchLook >= watchIntervalMs - intervalMs;
    if (lookAtHooked) lastWatchLook = now;
    const safetyLook = now - lastSafetyLook >= safetyIntervalMs;
    if (safetyLook) lastSafetyLook = now;
    plan = { heard, lookAtHooked, safetyLook };
  };

  /** A heard pane printed: read it soon, if it is one whose dialogs are answered here (a hooked one waits for its turn). */
  const onOutput = (paneId: string) => {
    printed.add(paneId);
    const pane = known.get(paneId);
    if (pane?.dialogs !== 'answer') return;
    if (stopped || ticking) return; // the tick under way schedules the next one from `printed`
    const at = Math.max(Date.now() + OUTPUT_SETTLE_MS, tickStartedAt + minOutputGapMs);
    if (at >= timerDueAt) return;
    if (timer) clearTimeout(timer);
    schedule(at - Date.now());
  };
  const unsubscribe = paneOutput?.subscribe(onOutput);

  function schedule(delayMs: number) {
    timerDueAt = Date.now() + delayMs;
    timer = setTimeout(() => {
      timerDueAt = Infinity;
      ticking = true;
      tickStartedAt = Date.now();
      tick()
        .finally(() => {
          ticking = false;
          loop();
        })
        .catch(() => undefined);
    }, delayMs);
  }
  const loop = () => {
    if (stopped) return;
    // Output heard during the last look: its panes are read at once (still not closer than minOutputGapMs).
    const printedAnswered = [...printed].some((paneId) => known.get(paneId)?.dialogs === 'answer');
    if (paneOutput && printedAnswered) return schedule(Math.max(OUTPUT_SETTLE_MS, tickStartedAt + minOutputGapMs - Date.now()));
    schedule(answering ? intervalMs : idleIntervalMs);
  };
  loop();
  return {
    stop() {
      stopped = true;
      unsubscribe?.();
      if (timer) clearTimeout(timer);
    },
  };
}
