// The bench's own tmux server (ORC_TMUX_SOCKET): its panes are the agents, and killing it
// is the last word on any agent that outlived its stop.
import { execFile, execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { onCleanup } from './cleanup.ts';

/** tmux leaves its socket file behind after kill-server; the bench removes its own. */
function removeSocketFile(socket: string): void {
  const dir = join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`);
  rmSync(join(dir, socket), { force: true });
}

export function benchTmuxSocket(): string {
  return `orc-bench-${process.pid}`;
}

/** Makes sure the bench's tmux server is killed when the bench ends, however it ends. */
export function killTmuxServerOnCleanup(socket: string): void {
  onCleanup({
    name: `tmux server ${socket}`,
    timeoutMs: 10_000,
    run: () =>
      new Promise((resolve) =>
        execFile('tmux', ['-L', socket, 'kill-server'], () => {
          removeSocketFile(socket);
          resolve();
        }),
      ),
    force: () => {
      try {
        execFileSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore', timeout: 5_000 });
      } catch {
        // No server running: nothing to kill.
      }
      removeSocketFile(socket);
    },
  });
}

/** The pid of the program in each pane of tmux session `session` (orc names them orc-<team>). */
export function panePids(socket: string, session: string): Promise<number[]> {
  return new Promise((resolve) => {
    execFile('tmux', ['-L', socket, 'list-panes', '-s', '-t', session, '-F', '#{pane_pid}'], { timeout: 5_000 }, (error, stdout) => {
      if (error) return resolve([]);
      resolve(stdout.split('\n').filter(Boolean).map(Number));
    });
  });
}
