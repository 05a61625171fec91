// Hears when an agent's pane prints something, instead of looking at every pane several times
// a second: one tmux control-mode client (control-client.ts) per tmux session that holds agent
// panes, each reporting `%output` of its session's panes. The screen fallback then reads a pane
// only after it printed (dialog-watcher.ts).
//
// What is heard is only ever a hint to look: a pane counts as covered only while its session's
// client is attached, and callers keep looking at uncovered panes the old way (polling). A
// client that dies is started again after a pause that doubles up to a limit; its panes are
// uncovered meanwhile. Sessions are found by listing the agent panes every few seconds, and at
// once when a client hears that windows or sessions came or went. Sessions without agent panes
// (a person's own, on a shared tmux server) are never attached to.
import { AGENT_PANE_OPTION } from './agent-pane.ts';
import { startControlClient, type ControlClient } from './control-client.ts';
import type { Tmux, TmuxSocket } from './tmux.ts';

export interface PaneOutputEvents {
  /** True while output of this pane is heard (its session's client is attached). */
  covers(paneId: string): boolean;
  /** `listener(paneId)` on every output of a covered pane, and once for each pane of a session as its client attaches. */
  subscribe(listener: (paneId: string) => void): () => void;
  stop(): void;
}

export interface PaneOutputOptions {
  /** How often the agent panes (and so the sessions to follow) are listed without being told. */
  listEveryMs?: number;
  /** The first pause before a client that died is started again; it doubles, up to `maxRestartMs`. */
  restartAfterMs?: number;
  maxRestartMs?: number;
  binary?: string;
  log?: (line: string) => void;
}

/** Notifications after which the panes are listed again at once. */
const LAYOUT_NOTIFICATIONS = new Set(['window-add', 'window-close', 'unlinked-window-add', 'unlinked-window-close', 'sessions-changed', 'session-window-changed', 'layout-change']);
const RELIST_DEBOUNCE_MS = 50;
/** A client attached this long before it went is taken to have been well: its next restart waits the shortest pause again. */
const STABLE_AFTER_MS = 30_000;

interface Follower {
  client: ControlClient | null;
  attached: boolean;
  /** The current pause before a restart. */
  backoffMs: number;
  /** Why its client went, until it is started again; null while it runs. */
  lost: string | null;
  attachedAt: number;
  restartTimer?: NodeJS.Timeout;
}

export function watchPaneOutput(socket: TmuxSocket, tmux: Tmux, options: PaneOutputOptions = {}): PaneOutputEvents {
  const { listEveryMs = 2_000, restartAfterMs = 500, maxRestartMs = 30_000, binary = 'tmux' } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const listeners = new Set<(paneId: string) => void>();
  /** Session id → its client. */
  const followers = new Map<string, Follower>();
  /** Pane id → session id, for every pane of a followed session. */
  let sessionOf = new Map<string, string>();
  let stopped = false;
  let listTimer: NodeJS.Timeout | undefined;
  let listing = false;
  let listAgain = false;

  const emit = (paneId: string) => {
    for (const listener of listeners) listener(paneId);
  };
  const panesOf = (sessionId: string) => [...sessionOf].filter(([, s]) => s === sessionId).map(([p]) => p);

  const start = (sessionId: string, follower: Follower) => {
    follower.client = startControlClient(
      socket,
      sessionId,
      {
        onReady: () => {
          follower.attached = true;
          follower.attachedAt = Date.now();
          // What the panes printed before the client was in was not heard: look at each once.
          for (const paneId of panesOf(sessionId)) emit(paneId);
        },
        onEvent: (event) => {
          if (event.kind === 'output') {
            if (follower.attached) emit(event.paneId);
          } else if (event.kind === 'notification' && LAYOUT_NOTIFICATIONS.has(event.name)) {
            scheduleList(RELIST_DEBOUNCE_MS);
          }
        },
        onExit: (why) => {
          // A client that had been up for a while starts again after the shortest pause; one that keeps dying waits longer each time.
          if (follower.attached && Date.now() - follower.attachedAt > STABLE_AFTER_MS) follower.backoffMs = restartAfterMs;
          follower.attached = false;
          follower.client = null;
          follower.lost = why;
          // The session may simply have ended (its agents stopped): the listing, done at once,
          // drops it then; only if it still holds agents is the client started again (restartLost).
          scheduleList(RELIST_DEBOUNCE_MS);
        },
      },
      binary,
    );
  };

  /** A client lost from a session that still holds agents: started again after a pause that doubles each time. */
  const restartLost = (sessionId: string, follower: Follower) => {
    if (follower.client || follower.restartTimer || follower.lost === null) return;
    const pause = follower.backoffMs;
    follower.backoffMs = Math.min(maxRestartMs, follower.backoffMs * 2);
    log(`pane output: ${follower.lost}; its panes are read by polling, attaching again in ${pause} ms`);
    follower.restartTimer = setTimeout(() => {
      follower.restartTimer = undefined;
      if (stopped || followers.get(sessionId) !== follower) return;
      follower.lost = null;
      start(sessionId, follower);
    }, pause);
    follower.restartTimer.unref();
  };

  const unfollow = (sessionId: string) => {
    const follower = followers.get(sessionId);
    if (!follower) return;
    followers.delete(sessionId);
    if (follower.restartTimer) clearTimeout(follower.restartTimer);
    follower.client?.stop();
  };

  const list = async () => {
    let out: string;
    try {
      out = await tmux.run(['list-panes', '-a', '-F', `#{session_id}\t#{pane_id}\t#{${AGENT_PANE_OPTION}}`]);
    } catch {
      out = ''; // no tmux server (yet): nothing to follow
    }
    const panes = new Map<string, string>();
    const withAgents = new Set<string>();
    for (const line of out.split('\n')) {
      const [sessionId, paneId, agentId] = line.split('\t');
      if (!sessionId || !paneId) continue;
      panes.set(paneId, sessionId);
      if (agentId) withAgents.add(sessionId);
    }
    if (stopped) return;
    sessionOf = new Map([...panes].filter(([, s]) => withAgents.has(s)));
    for (const sessionId of [...followers.keys()]) if (!withAgents.has(sessionId)) unfollow(sessionId);
    for (const sessionId of withAgents) {
      const known = followers.get(sessionId);
      if (known) {
        restartLost(sessionId, known);
        continue;
      }
      const follower: Follower = { client: null, attached: false, backoffMs: restartAfterMs, lost: null, attachedAt: 0 };
      followers.set(sessionId, follower);
      start(sessionId, follower);
    }
  };

  function scheduleList(delayMs: number) {
    if (stopped) return;
    if (listing) {
      listAgain = true;
      return;
    }
    if (listTimer) clearTimeout(listTimer);
    listTimer = setTimeout(() => {
      listTimer = undefined;
      listing = true;
      list()
        .catch((err: unknown) => log(`pane output: listing the panes failed: ${String(err)}`))
        .finally(() => {
          listing = false;
          const soon = listAgain;
          listAgain = false;
          scheduleList(soon ? RELIST_DEBOUNCE_MS : listEveryMs);
        });
    }, delayMs);
  }
  scheduleList(0);

  return {
    covers(paneId) {
      const sessionId = sessionOf.get(paneId);
      return sessionId !== undefined && followers.get(sessionId)?.attached === true;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopped = true;
      if (listTimer) clearTimeout(listTimer);
      for (const sessionId of [...followers.keys()]) unfollow(sessionId);
    },
  };
}
