// Restarting an agent: the agent workflow has no relaunch of its own, so a restart is a stop
// and a start. A member of a running team is started again through its team (same role,
// manager and first message, and the team keeps watching it); an agent started on its own is
// started with what the registry keeps of it (host, project, command). Environment variables
// given at the first start are not kept anywhere, so they are not passed again.
import { TRPCError } from '@trpc/server';
import { formatAgentRef, type AgentRef } from '../../../../../domain/names.ts';
import type { Services } from '../services.ts';
import { relaunchTeamAgent, runningTeamHas } from '../teams/team-control.ts';
import { startAgent, stopAgent } from './agent-control.ts';
import { findAgent } from './agent-registry.ts';

export async function restartAgent(services: Services, ref: AgentRef): Promise<{ id: string; throughTeam: boolean }> {
  const id = formatAgentRef(ref);
  const row = await findAgent(services.db, ref);
  if (!row || row.stoppedAt) {
    throw new TRPCError({ code: 'NOT_FOUND', message: `no running agent ${id} to restart; start it with: orc agent start ${id} --project DIR` });
  }
  const inTeam = await runningTeamHas(services, ref.team, ref.agent);
  await stopAgent(services, ref);
  if (inTeam) await relaunchTeamAgent(services, ref.team, ref.agent);
  else await startAgent(services, { ref, projectDir: row.projectDir, argv: row.argv, env: {}, host: row.host });
  return { id, throughTeam: inTeam };
}
