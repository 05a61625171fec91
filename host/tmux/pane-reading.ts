// Reading what an agent's pane shows, and waiting for it to change.
import type { Tmux } from './tmux.ts';

export interface PaneInfo {
  dead: boolean;
  exitStatus: number | null;
}

export async function readPane(tmux: Tmux, paneId: string, historyLines = 0): Promise<string> {
  const start = historyLines > 0 ? ['-S', `-${historyLines}`] : [];
  const text = await tmux.run(['capture-pane', '-p', '-J', '-t', paneId, ...start]);
  return text.replace(/\s+$/, '');
}

export async function paneInfo(tmux: Tmux, paneId: string): Promise<PaneInfo | null> {
  try {
    // tmux may mark a pane dead a moment before it has reaped the exit status; ask again then.
    for (let attempt = 0; ; attempt++) {
      const out = await tmux.run(['display-message', '-p', '-t', paneId, '#{pane_dead} #{pane_dead_status}']);
      const [dead, status] = out.trim().split(' ');
      // On a loaded machine that moment can last a second or more, now and then far longer;
      // after 2 s the caller goes on without the status.
      if (dead === '1' && !status && attempt < 40) {
        await sleep(50);
        continue;
      }
      return { dead: dead === '1', exitStatus: status ? Number(status) : null };
    }
  } catch {
    return null;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls the pane until `done` holds; returns the last text read, or null on timeout. */
export async function waitForPane(
  tmux: Tmux,
  paneId: string,
  done: (text: string) => boolean,
  { timeoutMs, intervalMs = 50, historyLines = 0 }: { timeoutMs: number; intervalMs?: number; historyLines?: number },
): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await readPane(tmux, paneId, historyLines);
    if (done(text)) return text;
    if (Date.now() >= deadline) return null;
    await sleep(intervalMs);
  }
}
