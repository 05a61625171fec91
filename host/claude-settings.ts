// Claude Code reports its life to this server through HTTP hooks. They go in a settings
// file of the agent's own, passed with --settings, so the project's files are not touched.
// (SessionStart is not sent as an HTTP hook by 2.1.328, so readiness is read from the pane.)
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { McpServerDecisions } from '../domain/project-mcp-servers.ts';

export interface ClaudeSettingsOptions {
  /** False: only the permissions; the agent's dialogs are then answered from its screen. */
  hooks?: boolean;
  /** orc's decision on each MCP server of the project's `.mcp.json` files, so Claude Code never asks. */
  mcp?: McpServerDecisions;
}

export const HOOK_EVENTS = {
  UserPromptSubmit: 'user-prompt-submit',
  Stop: 'stop',
  // A turn that ended on an API error instead of Stop: `"error": "rate_limit"` is a usage or
  // rate limit (orc pauses the agent until it resets), anything else leaves it idle.
  StopFailure: 'stop-failure',
  Notification: 'notification',
  PermissionRequest: 'permission-request',
  // Every tool use, before Claude Code looks at its own rules: orc answers at once with a deny,
  // an "ask" (what orc does not allow is never allowed by Claude Code's copy of a rule, nor by
  // the project's settings), or "no decision"; and `orc stats` counts what a learned rule allowed.
  PreToolUse: 'pre-tool-use',
} as const;

/** Seconds Claude Code waits for each hook. A person may take 20 s over a PermissionRequest; PreToolUse holds up every tool. */
const HOOK_TIMEOUTS: Record<keyof typeof HOOK_EVENTS, number> = { UserPromptSubmit: 10, Stop: 10, StopFailure: 10, Notification: 10, PermissionRequest: 30, PreToolUse: 5 };
const WITH_MATCHER = new Set<string>(['PermissionRequest', 'PreToolUse']);

export function claudeHookSettings(orcUrl: string, { hooks: withHooks = true, mcp }: ClaudeSettingsOptions = {}) {
  const hook = (event: string, timeout: number) => ({
    type: 'http',
    url: `${orcUrl.replace(/\/$/, '')}/hooks/claude/${event}`,
    // The token is expanded by Claude Code from its environment, so it never sits in the file.
    headers: { Authorization: 'Bearer $ORC_AGENT_TOKEN' },
    allowedEnvVars: ['ORC_AGENT_TOKEN'],
    timeout,
  });
  const hooks: Record<string, unknown[]> = {};
  for (const [name, path] of Object.entries(HOOK_EVENTS) as [keyof typeof HOOK_EVENTS, string][]) {
    const entry = { hooks: [hook(path, HOOK_TIMEOUTS[name])] };
    hooks[name] = [WITH_MATCHER.has(name) ? { matcher: '*', ...entry } : entry];
  }
  // orc's own commands are how an agent talks to its team; asking a person before each
  // `orc send` or `orc checkin` would defeat the point, and they can only act as this agent.
  const permissions = { allow: ORC_COMMAND_RULES };
  return { ...(withHooks ? { hooks } : {}), permissions, ...mcp };
}

export const ORC_COMMAND_RULES = ['Bash(orc send *)', 'Bash(orc checkin *)', 'Bash(orc checkins)', 'Bash(orc checkins *)', 'Bash(orc status)', 'Bash(orc status *)', 'Bash(orc log)', 'Bash(orc log *)'];

export async function writeClaudeSettings(file: string, orcUrl: string, options: ClaudeSettingsOptions = {}): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify(claudeHookSettings(orcUrl, options), null, 2)}\n`, { mode: 0o600 });
}
