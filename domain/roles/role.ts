// What a role is: a stable id (it appears in team specs), the role it reports to, a one-line
// summary for the team roster, and the brief an agent in that role is started with.
import type { WorkspaceMode } from '../agent.ts';

/** Every role orc has a brief for. A tuple, so zod can use it as an enum. */
export const ROLE_IDS = ['orchestrator', 'project-manager', 'engineer', 'qa', 'devops', 'reviewer', 'researcher', 'docs'] as const;

export type RoleId = (typeof ROLE_IDS)[number];


/** What a brief needs to know about the one agent it is written for. */
export interface BriefContext {
  /** The agent's own name within its team, e.g. `api`. */
  agent: string;
  team: string;
  /** The project's own checkout. */
  projectDir: string;
  /** Where this agent works: the project dir in shared mode, its own worktree otherwise. */
  workspaceDir: string;
  workspace: WorkspaceMode;
  /** The agent's own branch in worktree mode; null in shared mode. */
  branch: string | null;
  /** The name of the teammate this agent reports to; null when it answers to the human. */
  manager: string | null;
  /** How often orc wakes the agent on its own; null when it does not. */
  checkinIntervalMs: number | null;
  /** How often orc commits a checkpoint of the workspace; null when it does not. */
  gitCheckpointMs: number | null;
}

export interface RoleDefinition {
  id: RoleId;
  /** For people: "Project manager". */
  title: string;
  /** The role whose agent this one reports to; null when it answers to the human. */
  reportsTo: RoleId | null;
  /** One line for the roster: what this teammate does for the others. */
  summary: string;
  brief(ctx: BriefContext): string;
}
