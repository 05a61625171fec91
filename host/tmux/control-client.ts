// One tmux control-mode client (`tmux -C attach-session`), attached to one session so that tmux
// tells it, as `%output` lines, whenever a pane of that session prints. It only listens: it never
// sends a command, is attached read-only, and ignores its own size (`-f ignore-size`), so the
// agents' windows keep theirs. tmux sends `%output` only for the panes of the session a control
// client is attached to, hence one client per session (pane-output-events.ts keeps them).
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { createControlReader, type ControlEvent } from './control-mode.ts';
import { environmentForAgents, socketArgs, type TmuxSocket } from './tmux.ts';

export interface ControlClientHandlers {
  /** tmux has attached the client (its first reply came): from now on, output is heard. */
  onReady(): void;
  onEvent(event: ControlEvent): void;
  /** The client has gone (tmux ended it, it crashed, or stop()); `why` for the log. */
  onExit(why: string): void;
}

export interface ControlClient {
  stop(): void;
}

const STOP_GRACE_MS = 2_000;

export function startControlClient(socket: TmuxSocket, sessionId: string, handlers: ControlClientHandlers, binary = 'tmux'): ControlClient {
  const args = [...socketArgs(socket), '-C', 'attach-session', '-f', 'ignore-size,read-only', '-t', sessionId];
  let child: ChildProcessByStdio<Writable, Readable, Readable>;
  let exited = false;
  const exit = (why: string) => {
    if (exited) return;
    exited = true;
    handlers.onExit(why);
  };
  try {
    child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'], env: environmentForAgents(process.env) });
  } catch (err) {
    queueMicrotask(() => exit(`could not start tmux: ${String(err)}`));
    return { stop() {} };
  }
  const reader = createControlReader();
  let ready = false;
  let stderr = '';
  let lastExitReason = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-500);
  });
  // readline decodes UTF-8 across chunk boundaries; every control-mode line ends in \n.
  const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
  lines.on('line', (line) => {
    const event = reader.line(line);
    if (event === null) return;
    // The attach itself answers with an empty reply first: the client is in from then on.
    if (!ready && event.kind === 'reply') {
      ready = true;
      handlers.onReady();
      return;
    }
    if (event.kind === 'exit') lastExitReason = event.reason;
    handlers.onEvent(event);
  });
  child.stdin.on('error', () => undefined); // the client may be gone before we close its input
  child.on('error', (err) => exit(`tmux control client failed: ${err.message}`));
  child.on('exit', (code, signal) => {
    const why = lastExitReason || stderr.trim() || `exit ${code ?? signal}`;
    exit(`tmux control client for ${sessionId} ended: ${why}`);
  });
  return {
    stop() {
      if (exited) return;
      // Closing its input makes the client detach and leave; a kill if it does not.
      child.stdin.end();
      setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
      }, STOP_GRACE_MS).unref();
    },
  };
}
