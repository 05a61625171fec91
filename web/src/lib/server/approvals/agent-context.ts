// Where an agent works, as the rule engine needs it: its project, its git worktree (agents with
// workspace "worktree" work in <data dir>/worktrees/<team>/<agent>, which counts as the project),
// and the home directory whose credentials the built-in rules guard.
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { PermissionContext } from '../../../../../domain/permissions/types.ts';
import type { AgentRef } from '../../../../../domain/names.ts';
import type { Services } from '../services.ts';
import { findAgent } from '../agents/agent-registry.ts';

export interface AgentPlace {
  team: string;
  projectDir: string;
  context: PermissionContext;
}

export function permissionContext(services: Services, ref: AgentRef, projectDir: string): PermissionContext {
  return {
    projectDir,
    worktrees: [resolve(services.config.dataDir, 'worktrees', ref.team, ref.agent)],
    homeDir: homedir(),
  };
}

/** Null when the agent is not in the registry (then orc cannot judge where it writes). */
export async function agentPlace(services: Services, ref: AgentRef): Promise<AgentPlace | null> {
  const row = await findAgent(services.db, ref);
  if (!row) return null;
  return { team: ref.team, projectDir: row.projectDir, context: permissionContext(services, ref, row.projectDir) };
}
