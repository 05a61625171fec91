// What launching a Codex agent adds to a plain launch: its own CODEX_HOME and config, the
// argv that resumes its last session after a crash, the paths its sandbox keeps read-only,
// and waiting for its input box past the Folder access screen.
import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { codexAsksFolderAccess, codexHasStarted } from '../domain/codex-screen.ts';
import { writeCodexConfig } from './codex-config.ts';
import { waitForPane } from './tmux/pane-reading.ts';
import type { Tmux } from './tmux/tmux.ts';

export interface CodexLaunch {
  argv: string[];
  env: { CODEX_HOME: string };
  /** Read-only inside the sandbox although CODEX_HOME is writable: what the agent must not rewrite (its approval policy, its exec-policy rules). */
  readOnly: string[];
}

export async function prepareCodexLaunch(input: { codexHome: string; workspaceDir: string; givenEnv: Record<string, string>; argv: string[]; resume: boolean }): Promise<CodexLaunch> {
  // Codex keys projects by their real path (the workspace may sit under a symlinked /tmp).
  const workspaceDir = await realpath(input.workspaceDir).catch(() => input.workspaceDir);
  const config = await writeCodexConfig(input.codexHome, { workspaceDir, baseUrl: input.givenEnv.OPENAI_BASE_URL });
  const [program = 'codex', ...rest] = input.argv;
  // `codex resume --last` reopens the newest session of this CODEX_HOME, conversation and all;
  // with none yet it starts a new one (both seen with 0.171.0).
  const argv = input.resume && !rest.includes('resume') ? [program, 'resume', '--last', ...rest] : [program, ...rest];
  return { argv, env: { CODEX_HOME: input.codexHome }, readOnly: [config, join(input.codexHome, 'rules')] };
}

/** Enter presses for the Folder access screen before giving up on it (it takes one). */
const FOLDER_ACCESS_PRESSES = 3;

/**
 * Waits for Codex's idle input box of a started session. In its untrusted workspace Codex first
 * draws an input box, then (once started) the Folder access screen, whose highlighted "Open
 * restricted" orc takes with Enter; text typed into that first box would be lost to the screen.
 */
export async function waitForCodexReady(tmux: Tmux, paneId: string, { timeoutMs }: { timeoutMs: number }): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  let presses = 0;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return null;
    const seen = await waitForPane(tmux, paneId, (text) => codexHasStarted(text) || (presses < FOLDER_ACCESS_PRESSES && codexAsksFolderAccess(text)), {
      timeoutMs: left,
      intervalMs: 100,
    });
    if (seen === null || codexHasStarted(seen)) return seen;
    await tmux.run(['send-keys', '-t', paneId, 'Enter']);
    presses++;
    // The screen takes a moment to go; without the pause the same screen is read again.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
