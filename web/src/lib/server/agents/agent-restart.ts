// Restarting an agent: the workflow has no relaunch of its own, so a restart is a stop and a
// start with what the registry keeps of the agent (host, project, command). Environment
// variables given at the first start are not kept anywhere, so they are not passed again.
import { TRPCError } from '@trpc/server';
import { formatAgentRef, type AgentRef } from '../../../../../domain/names.ts';
import type { AgentStatus } from '../../../../../workflows/agent-types.ts';
import type { Services } from '../services.ts';
import { startAgent, stopAgent } from './agent-control.ts';
import { findAgent } from './agent-registry.ts';

export async function restartAgent(services: Services, ref: AgentRef): Promise<AgentStatus> {
  const row = await findAgent(services.db, ref);
  if (!row || row.stoppedAt) {
    throw new TRPCError({ code: 'NOT_FOUND', message: `no running agent ${formatAgentRef(ref)} to restart; start it with: orc agent start ${formatAgentRef(ref)} --project DIR` });
  }
  await stopAgent(services, ref);
  return startAgent(services, { ref, projectDir: row.projectDir, argv: row.argv, env: {}, host: row.host });
}
