// Where an agent works, as the rule engine needs it, read from the agent's launch record: its
// project, its workspace (its own git worktree counts as the project), its scratch dir, orc's
// data dir (a credential place), and the home directory whose credentials the built-in rules guard.
import { homedir } from 'node:os';
import type { PermissionContext } from '$domain/permissions/types.ts';
import type { AgentLaunchRecord } from '$domain/agent.ts';
import type { AgentRef } from '$domain/names.ts';
import type { Services } from '../services.ts';
import { findAgent, launchRecordOf } from '../agents/agent-registry.ts';

export interface AgentPlace {
  team: string;
  projectDir: string;
  context: PermissionContext;
}

export function permissionContext(services: Services, record: Pick<AgentLaunchRecord, 'projectDir' | 'workspaceDir' | 'scratchDir'>): PermissionContext {
  return {
    projectDir: record.projectDir,
    worktrees: record.workspaceDir === record.projectDir ? [] : [record.workspaceDir],
    homeDir: homedir(),
    orcDataDir: services.config.dataDir,
    ...(record.scratchDir === null ? {} : { scratchDir: record.scratchDir }),
  };
}

/** The context of an agent's request; an agent gone from the registry is judged in its project alone. */
export async function requestContext(services: Services, ref: AgentRef, projectDir: string): Promise<PermissionContext> {
  const place = await agentPlace(services, ref);
  return place?.context ?? permissionContext(services, { projectDir, workspaceDir: projectDir, scratchDir: null });
}

/** Null when the agent is not in the registry (then orc cannot judge where it writes). */
export async function agentPlace(services: Services, ref: AgentRef): Promise<AgentPlace | null> {
  const row = await findAgent(services.db, ref);
  if (!row) return null;
  return { team: ref.team, projectDir: row.projectDir, context: permissionContext(services, launchRecordOf(row, services.config.dataDir)) };
}
