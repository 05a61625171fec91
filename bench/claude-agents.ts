// Claude Code agents for the bench: the real CLI, answering through the scripted Messages
// API on loopback (testing/), each with its own throwaway config dir, removed at the end.
import { rm } from 'node:fs/promises';
import { claudeBinaryPath, prepareClaudeCodeEnv } from '../testing/claude-code.ts';
import { startScriptedMessagesApi, type ScriptedMessagesApi } from '../testing/scripted-messages-api.ts';
import { onCleanup } from './cleanup.ts';

export async function startMessagesApi(): Promise<{ api: ScriptedMessagesApi; close(): Promise<void> }> {
  const api = await startScriptedMessagesApi();
  const close = onCleanup({ name: 'scripted Messages API', timeoutMs: 5_000, run: () => api.close() });
  return { api, close };
}

export interface ClaudeLaunch {
  command: string;
  env: Record<string, string>;
}

/** The command and environment for one Claude Code agent working in `projectDir`. */
export async function claudeLaunch(apiUrl: string, projectDir: string): Promise<ClaudeLaunch> {
  const env = await prepareClaudeCodeEnv({ apiUrl, projectDirs: [projectDir] });
  const configDir = env.CLAUDE_CONFIG_DIR;
  if (configDir) onCleanup({ name: `Claude config ${configDir}`, timeoutMs: 10_000, run: () => rm(configDir, { recursive: true, force: true }) });
  return { command: `${claudeBinaryPath()} --permission-mode default`, env };
}

/** The same as `orc agent start … --env K=V` flags. */
export const envFlags = (env: Record<string, string>) => Object.entries(env).flatMap(([k, v]) => ['--env', `${k}=${v}`]);

export const claudeBinary = claudeBinaryPath;
