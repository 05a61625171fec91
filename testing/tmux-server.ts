// An isolated tmux server per test (its own -L socket), so tests never touch a person's
// tmux or each other. Every call is an argument array through execFile: no shell strings.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface WindowOptions {
  name: string;
  cwd: string;
  argv: string[];
  env?: Record<string, string>;
  width?: number;
  height?: number;
}

export interface TmuxServer {
  socket: string;
  tmux(args: string[]): Promise<string>;
  /** Starts a detached session holding one window that runs argv directly (no shell). */
  newWindow(opts: WindowOptions): Promise<string>;
  /** Types text literally (send-keys -l), so words like "Enter" are not read as key names. */
  typeText(target: string, text: string): Promise<void>;
  sendKeys(target: string, ...keys: string[]): Promise<void>;
  /** Pastes text as one bracketed paste, the way a terminal delivers a clipboard paste. */
  paste(target: string, text: string): Promise<void>;
  capture(target: string): Promise<string>;
  kill(): Promise<void>;
}

export async function startTmuxServer(): Promise<TmuxServer> {
  const socket = `orc-test-${randomBytes(6).toString('hex')}`;
  const tmux = async (args: string[]): Promise<string> => (await run('tmux', ['-L', socket, ...args])).stdout;
  return {
    socket,
    tmux,
    async newWindow({ name, cwd, argv, env = {}, width = 200, height = 50 }) {
      const envArgs = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
      // -f /dev/null: a person's ~/.tmux.conf must not change what tests see.
      await run('tmux', ['-L', socket, '-f', '/dev/null', 'new-session', '-d', '-s', name, '-x', String(width), '-y', String(height), '-c', cwd, ...envArgs, '--', ...argv]);
      // Keep the pane after the program exits so a crash's last words can be captured.
      await tmux(['set-option', '-t', name, 'remain-on-exit', 'on']);
      // Without focus events Claude Code prints a "tmux focus-events off" notice above its prompt.
      await tmux(['set-option', '-s', 'focus-events', 'on']);
      return `${name}:0.0`;
    },
    async typeText(target, text) {
      await tmux(['send-keys', '-t', target, '-l', text]);
    },
    async sendKeys(target, ...keys) {
      await tmux(['send-keys', '-t', target, ...keys]);
    },
    async paste(target, text) {
      const buffer = `orc-paste-${randomBytes(4).toString('hex')}`;
      // load-buffer from stdin keeps the text out of argv; -p wraps it in bracketed-paste marks.
      await new Promise<void>((resolve, reject) => {
        const child = execFile('tmux', ['-L', socket, 'load-buffer', '-b', buffer, '-'], (error) => (error ? reject(error) : resolve()));
        child.stdin?.end(text);
      });
      await tmux(['paste-buffer', '-p', '-d', '-b', buffer, '-t', target]);
    },
    async capture(target) {
      return tmux(['capture-pane', '-p', '-t', target]);
    },
    async kill() {
      // tmux 3.3 leaves its socket file behind after kill-server; remove ours so /tmp stays clean.
      const path = (await tmux(['display-message', '-p', '#{socket_path}']).catch(() => '')).trim();
      await tmux(['kill-server']).catch(() => undefined);
      if (path !== '') await rm(path, { force: true });
    },
  };
}
