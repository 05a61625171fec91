// Restarting an agent: the agent workflow has no relaunch of its own, so a restart is a stop
// and a start. A member of a running team is started again through its team (same role,
// manager and first message, and the team keeps watching it); an agent started on its own is
// started again from its launch record in the registry (host, project, command, hooks, …). The
// environment given at the first start is asked of the running workflow (sealed) and given again.
import { formatAgentRef, type AgentRef } from '$domain/names.ts';
import { unsealValues } from '$domain/sealed-secret.ts';
import { givenEnvQuery } from '$workflows/agent-messages.ts';
import type { Services } from '../services.ts';
import { relaunchTeamAgent, runningTeamHas } from '../teams/team-control.ts';
import { startAgent, stopAgent } from './agent-control.ts';
import { findAgent, launchRecordOf } from './agent-registry.ts';
import { NotFound } from '../errors.ts';
import { requireWorker } from './worker-answer.ts';

/** The environment the running agent was given, opened; empty if its workflow cannot answer (it has ended). */
async function givenEnv(services: Services, workflowId: string): Promise<Record<string, string>> {
  const client = await services.temporal();
  const sealed = await client.workflow
    .getHandle(workflowId)
    .query(givenEnvQuery)
    .catch(() => ({}));
  return unsealValues(sealed, await services.secretKey());
}

export async function restartAgent(services: Services, ref: AgentRef): Promise<{ id: string; throughTeam: boolean }> {
  const id = formatAgentRef(ref);
  const row = await findAgent(services.db, ref);
  if (!row || row.stoppedAt) {
    throw new NotFound(`no running agent ${id} to restart; start it with: orc agent start ${id} --project DIR`);
  }
  // A restart needs the host now (a stop could wait for it, the start cannot): refused at once otherwise.
  await requireWorker(await services.temporal(), row.workflowId, id, row.host);
  const inTeam = await runningTeamHas(services, ref.team, ref.agent);
  const env = await givenEnv(services, row.workflowId);
  await stopAgent(services, ref);
  if (inTeam) await relaunchTeamAgent(services, ref.team, ref.agent, env);
  else {
    const record = launchRecordOf(row, services.config.dataDir);
    await startAgent(services, { ref, projectDir: record.projectDir, argv: record.argv, env, host: record.host, hooks: record.hooks, sandbox: record.sandbox, mcpServers: record.mcpServers });
  }
  return { id, throughTeam: inTeam };
}
