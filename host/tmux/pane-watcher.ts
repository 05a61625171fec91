// Notices agents whose process exited or whose pane vanished, for every pane of this host at
// once: one `tmux list-panes -a` per tick, not a process per pane per tick.
import type { Tmux } from './tmux.ts';
import { AGENT_PANE_OPTION } from './agent-pane.ts';

export interface PaneExit {
  agentId: string;
  paneId: string;
  /** null when the pane is gone altogether (its window was closed). */
  exitStatus: number | null;
}

export interface PaneWatcher {
  stop(): void;
}

export function watchAgentPanes(tmux: Tmux, onExit: (exit: PaneExit) => Promise<void>, intervalMs = 1000): PaneWatcher {
  /** Live agent panes seen on the last tick: pane id → agent id. */
  let live = new Map<string, string>();
  const reported = new Set<string>();
  const deadTicks = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const report = async (exit: PaneExit) => {
    if (reported.has(exit.paneId)) return;
    reported.add(exit.paneId);
    await onExit(exit).catch((err: unknown) => {
      reported.delete(exit.paneId); // try again next tick
      console.error(`pane watcher: could not report ${exit.agentId}: ${String(err)}`);
    });
  };

  const tick = async () => {
    let listing: string;
    try {
      listing = await tmux.run(['list-panes', '-a', '-F', `#{pane_id}\t#{pane_dead}\t#{pane_dead_status}\t#{pane_dead_signal}\t#{${AGENT_PANE_OPTION}}`]);
    } catch {
      listing = ''; // no tmux server: every pane we knew is gone
    }
    const next = new Map<string, string>();
    const seen = new Set<string>();
    for (const line of listing.split('\n')) {
      const [paneId, dead, status, signal, agentId] = line.split('\t');
      if (!paneId || !agentId) continue;
      seen.add(paneId);
      if (dead !== '1') {
        next.set(paneId, agentId);
        continue;
      }
      // tmux marks a pane dead a moment before it has the exit status: wait a tick or two for it.
      const ticks = (deadTicks.get(paneId) ?? 0) + 1;
      deadTicks.set(paneId, ticks);
      const exitStatus = status ? Number(status) : signal ? 128 + Number(signal) : null;
      if (exitStatus !== null || ticks >= 3) await report({ agentId, paneId, exitStatus });
    }
    for (const [paneId, agentId] of live) if (!seen.has(paneId)) await report({ agentId, paneId, exitStatus: null });
    live = next;
    // tmux reuses pane ids once its server restarts: forget panes that are gone.
    for (const paneId of [...reported, ...deadTicks.keys()]) {
      if (!seen.has(paneId)) {
        reported.delete(paneId);
        deadTicks.delete(paneId);
      }
    }
  };

  const loop = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      tick().finally(loop).catch(() => undefined);
    }, intervalMs);
  };
  loop();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
