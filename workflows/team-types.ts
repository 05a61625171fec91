// Types of the team workflow and its clients. No runtime code.
import type { AgentKind, WorkspaceMode } from '../domain/agent.ts';
import type { SandboxSetting } from '../domain/sandbox.ts';

export type { WorkspaceMode };

/** Everything needed to launch one agent of a team (already resolved by the server). */
export interface TeamAgentLaunch {
  name: string;
  role: string;
  manager: string | null;
  argv: string[];
  kind: AgentKind;
  env: Record<string, string>;
  workspace: WorkspaceMode;
  checkinIntervalMs: number | null;
  gitCheckpointMs: number | null;
  /** The agent's brief and its team's roster, delivered as its first message. */
  initialMessage: string;
  agentToken: string;
  /** False: Claude Code without orc's hooks. Absent: with them. */
  hooks?: false;
  /** Its sandbox; absent in teams started before it (then unconfined). */
  sandbox?: SandboxSetting;
  /** The project MCP servers it may start; absent: none. */
  mcpServers?: string[];
  /** Where the launch record puts the agent's worktree and scratch dir (absent in teams started before it). */
  workspaceDir?: string | null;
  scratchDir?: string | null;
  /** The team's `setup:` command, run once in a new worktree before the agent starts (absent: none). */
  setup?: string;
}

export interface TeamWorkflowInput {
  team: string;
  projectDir: string;
  host: string;
  orcUrl: string;
  agents: TeamAgentLaunch[];
}

export type TeamAgentState = 'starting' | 'started' | 'failed' | 'stopped';

export interface TeamAgentEntry {
  name: string;
  id: string;
  role: string;
  manager: string | null;
  workspace: WorkspaceMode;
  workspaceDir: string | null;
  state: TeamAgentState;
  error: string | null;
}

export interface TeamDescription {
  team: string;
  projectDir: string;
  host: string;
  state: 'starting' | 'running' | 'stopping' | 'stopped';
  agents: TeamAgentEntry[];
}

export interface AwaitAgentStoppedInput {
  /** The member's name in its team. */
  name: string;
  /** How long to wait before the update fails. */
  timeoutMs: number;
}
