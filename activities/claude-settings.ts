// Claude Code reports its life to this server through HTTP hooks. They go in a settings
// file of the agent's own, passed with --settings, so the project's files are not touched.
// (SessionStart is not sent as an HTTP hook by 2.1.328, so readiness is read from the pane.)
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export const HOOK_EVENTS = {
  UserPromptSubmit: 'user-prompt-submit',
  Stop: 'stop',
  Notification: 'notification',
  PermissionRequest: 'permission-request',
} as const;

/** With `hooks: false` only the permissions: the agent's dialogs are then answered from its screen. */
export function claudeHookSettings(orcUrl: string, { hooks: withHooks = true }: { hooks?: boolean } = {}) {
  const hook = (event: string, timeout: number) => ({
    type: 'http',
    url: `${orcUrl.replace(/\/$/, '')}/hooks/claude/${event}`,
    // The token is expanded by Claude Code from its environment, so it never sits in the file.
    headers: { Authorization: 'Bearer $ORC_AGENT_TOKEN' },
    allowedEnvVars: ['ORC_AGENT_TOKEN'],
    timeout,
  });
  const hooks: Record<string, unknown[]> = {};
  for (const [name, path] of Object.entries(HOOK_EVENTS)) {
    const entry = { hooks: [hook(path, name === 'PermissionRequest' ? 30 : 10)] };
    hooks[name] = [name === 'PermissionRequest' ? { matcher: '*', ...entry } : entry];
  }
  // orc's own commands are how an agent talks to its team; asking a person before each
  // `orc send` or `orc checkin` would defeat the point, and they can only act as this agent.
  const permissions = { allow: ORC_COMMAND_RULES };
  return withHooks ? { hooks, permissions } : { permissions };
}

export const ORC_COMMAND_RULES = ['Bash(orc send *)', 'Bash(orc checkin *)', 'Bash(orc checkins)', 'Bash(orc checkins *)', 'Bash(orc status)', 'Bash(orc status *)', 'Bash(orc log)', 'Bash(orc log *)'];

export async function writeClaudeSettings(file: string, orcUrl: string, options: { hooks?: boolean } = {}): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify(claudeHookSettings(orcUrl, options), null, 2)}\n`, { mode: 0o600 });
}
