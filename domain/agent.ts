// What an agent is, once: the kinds of CLI orc drives, where an agent may work, the states it
// moves through, and the launch record the registry keeps (everything a restart needs).
// Workflows, activities, the web and the CLI take these from here.
export { AGENT_STATES, type AgentState } from './agent-state.ts';
import type { SandboxSetting } from './sandbox.ts';

/** Claude Code (hooks, its settings file, `--continue`), Codex (its CODEX_HOME, `resume --last`, watched on screen) or any other CLI (watched on screen). */
export const AGENT_KINDS = ['claude-code', 'codex', 'generic'] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];

/** `shared`: the agent works in the project's checkout; `worktree`: in its own git worktree. */
export const WORKSPACE_MODES = ['shared', 'worktree'] as const;
export type WorkspaceMode = (typeof WORKSPACE_MODES)[number];

/**
 * How an agent was launched, as the registry keeps it: a restart reads only this. The
 * environment's values are sealed in the agent's workflow; the record keeps their names.
 */
export interface AgentLaunchRecord {
  team: string;
  agent: string;
  host: string;
  projectDir: string;
  workspace: WorkspaceMode;
  /** The project dir (shared) or the agent's worktree, decided when the agent is registered. */
  workspaceDir: string;
  /** The agent's own scratch dir (its TMPDIR), writable like its workspace; null: the host's default place. */
  scratchDir: string | null;
  /** Already split into arguments; never joined into a shell string. */
  argv: string[];
  /** Follows from argv (domain/agent-command.ts kindOf); kept here so workflows need no shell parser. */
  kind: AgentKind;
  /** False: Claude Code without orc's hooks (the screen fallback answers its dialogs). */
  hooks: boolean;
  envNames: string[];
  /** Whether the CLI runs confined by bubblewrap (domain/sandbox.ts), and what it may reach beyond its workspace. */
  sandbox: SandboxSetting;
  /** Claude Code: the project's MCP servers (`.mcp.json`) it may start; every other one is disabled (domain/project-mcp-servers.ts). */
  mcpServers: string[];
}
