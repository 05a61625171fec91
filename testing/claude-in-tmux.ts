// Launching the real Claude Code CLI in a tmux window, offline, and waiting on its screen:
// the steps every CLI-driving test repeats.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claudeBinaryPath, prepareClaudeCodeEnv } from './claude-code.ts';
import { isReadyForInput } from './claude-pane.ts';
import type { TmuxServer } from './tmux-server.ts';
import { waitFor } from './wait-for.ts';

export interface LaunchOptions {
  tmux: TmuxServer;
  apiUrl: string;
  name: string;
  /** Extra CLI arguments after `--permission-mode default` (e.g. `--settings <file>`). */
  args?: string[];
  extraEnv?: Record<string, string>;
  /** Reuse a project and its env (e.g. for `--continue`); by default both are fresh. */
  project?: string;
  env?: Record<string, string>;
}

export interface LaunchedClaude {
  target: string;
  project: string;
  env: Record<string, string>;
}

/** Starts the CLI in a 200x50 window and returns once its prompt is ready for input. */
export async function launchClaude(opts: LaunchOptions): Promise<LaunchedClaude> {
  const project = opts.project ?? (await mkdtemp(join(tmpdir(), 'orc-test-project-')));
  const env = opts.env ?? (await prepareClaudeCodeEnv({ apiUrl: opts.apiUrl, projectDirs: [project] }));
  const argv = [claudeBinaryPath(), '--permission-mode', 'default', ...(opts.args ?? [])];
  const target = await opts.tmux.newWindow({ name: opts.name, cwd: project, argv, env: { ...env, ...opts.extraEnv }, width: 200, height: 50 });
  await waitForPane(opts.tmux, target, isReadyForInput, 'the CLI to be ready for input');
  return { target, project, env };
}

/** Polls capture-pane until test passes; on timeout the error carries the last screen. */
export async function waitForPane(tmux: TmuxServer, target: string, test: (pane: string) => boolean, describe: string, timeoutMs = 30_000): Promise<string> {
  let last = '';
  try {
    return await waitFor(
      async () => {
        last = await tmux.capture(target);
        return test(last) ? last : undefined;
      },
      { timeoutMs, describe },
    );
  } catch (error) {
    throw new Error(`${String(error)}\n--- pane ${target} ---\n${last}`, { cause: error });
  }
}

/** Types text then presses Enter as a separate key: only safe once the prompt is ready. */
export async function submitPrompt(tmux: TmuxServer, target: string, text: string): Promise<void> {
  await tmux.typeText(target, text);
  await tmux.sendKeys(target, 'Enter');
}
