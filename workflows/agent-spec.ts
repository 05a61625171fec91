// The one place an agent workflow's input is made from an agent's launch record: a solo start
// (the web), a team member's start (the team workflow) and a restart all come through here, so
// a launch option kept in the record reaches the agent the same way every time. Pure and
// deterministic: the team workflow calls it too.
import type { AgentLaunchRecord } from '../domain/agent.ts';
import type { AgentSpec } from './agent-types.ts';

/** What the launch record does not hold: secrets (sealed), where orc is, and a team member's place in its team. */
export interface AgentSpecExtras {
  env: Record<string, string>;
  orcUrl: string;
  agentToken: string;
  role?: string | null;
  manager?: string | null;
  checkinIntervalMs?: number | null;
  gitCheckpointMs?: number | null;
  initialMessage?: string | null;
}

/** The environment's names stay in the registry: its values arrive sealed, in `extras`. */
export function agentSpecFrom(record: Omit<AgentLaunchRecord, 'envNames'>, extras: AgentSpecExtras): AgentSpec {
  const team = extras.role === undefined ? {} : {
    role: extras.role,
    manager: extras.manager ?? null,
    checkinIntervalMs: extras.checkinIntervalMs ?? null,
    gitCheckpointMs: extras.gitCheckpointMs ?? null,
    initialMessage: extras.initialMessage ?? null,
  };
  return {
    team: record.team,
    agent: record.agent,
    host: record.host,
    projectDir: record.projectDir,
    workspaceDir: record.workspaceDir,
    scratchDir: record.scratchDir,
    argv: record.argv,
    kind: record.kind,
    // Only when off, so that agents launched with hooks start from the very same input as before.
    ...(record.hooks ? {} : { hooks: false }),
    sandbox: record.sandbox,
    ...(record.mcpServers.length > 0 ? { mcpServers: record.mcpServers } : {}),
    env: extras.env,
    orcUrl: extras.orcUrl,
    agentToken: extras.agentToken,
    ...team,
  };
}
