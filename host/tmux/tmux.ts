// The one place tmux is run: always as an argument array (never a shell string), against
// the socket this host's worker was configured with, so tests get a tmux server of their own.
import { execFile } from 'node:child_process';

export interface TmuxSocket {
  /** `-L name`: a named socket in tmux's default socket directory. */
  name?: string;
  /** `-S path`: an explicit socket path. Wins over name. */
  path?: string;
}

export class TmuxError extends Error {
  override name = 'TmuxError';
  readonly args: readonly string[];
  readonly stderr: string;
  /** What tmux printed before it failed: a command list (`a ; b`) stops at its first failing command. */
  readonly stdout: string;
  constructor(message: string, args: readonly string[], stderr: string, stdout = '') {
    super(message);
    this.args = args;
    this.stderr = stderr;
    this.stdout = stdout;
  }
}

export interface Tmux {
  run(args: readonly string[], options?: { input?: string }): Promise<string>;
}

export function socketArgs(socket: TmuxSocket): string[] {
  if (socket.path) return ['-S', socket.path];
  if (socket.name) return ['-L', socket.name];
  return [];
}

/**
 * The environment tmux is run with. The tmux server this starts keeps it as the global
 * environment of every pane, so every agent would inherit it: orc's own credentials and
 * configuration (the database URL, tokens, Temporal's address and certificates) are taken out,
 * or an agent could reach the database and approve its own requests. What a person exported
 * for their tools (API keys, PATH, locale) stays.
 */
export function environmentForAgents(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !ORCHESTRATOR_ONLY.test(key)));
}

const ORCHESTRATOR_ONLY = /^(DATABASE_URL|PG[A-Z_]*|ORC_[A-Z0-9_]*|TEMPORAL_[A-Z0-9_]*)$/;

export function createTmux(socket: TmuxSocket, binary = 'tmux'): Tmux {
  const prefix = socketArgs(socket);
  const env = environmentForAgents(process.env);
  return {
    run(args, options = {}) {
      const fullArgs = [...prefix, ...args];
      return new Promise((resolve, reject) => {
        const child = execFile(binary, fullArgs, { maxBuffer: 64 * 1024 * 1024, env }, (error, stdout, stderr) => {
          if (error) {
            const detail = stderr.trim() || error.message;
            reject(new TmuxError(`tmux ${args[0] ?? ''} failed: ${detail}`, fullArgs, stderr, stdout));
            return;
          }
          resolve(stdout);
        });
        if (options.input !== undefined) child.stdin?.end(options.input);
      });
    },
  };
}
