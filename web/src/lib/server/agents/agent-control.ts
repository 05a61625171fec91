// What the API does to agents: start, stop, message, capture, list. Each agent is a
// Temporal workflow `agent/<team>/<agent>`; the agents table is the registry people list.
import { randomUUID } from 'node:crypto';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { issueToken, revokeAgentTokens } from '$db/tokens.ts';
import type { AgentLaunchRecord } from '$domain/agent.ts';
import { kindOf } from '$domain/agent-command.ts';
import { SANDBOX_ON, type SandboxSetting } from '$domain/sandbox.ts';
import { agentSpecFrom } from '$workflows/agent-spec.ts';
import { seal, sealValues } from '$domain/sealed-secret.ts';
import { WORKFLOW_TASK_QUEUE, agentId, agentWorkflowId, formatAgentRef, type AgentRef } from '$domain/names.ts';
import {
  awaitLaunchUpdate,
  captureUpdate,
  enqueueMessageSignal,
  sendMessageUpdate,
  stopSignal,
  stopUpdate,
} from '$workflows/agent-messages.ts';
import type { AgentMessage, AgentStatus, BlockedBy } from '$workflows/agent-types.ts';
import type { agentWorkflow } from '$workflows/agent-workflow.ts';
import type { Services } from '../services.ts';
import { agentDirsOnHost, findAgent, listActiveAgents, markStopped, registerAgent, removeAgent } from './agent-registry.ts';
import { expireTimedOut } from '../approvals/request-store.ts';
import { isWorkflowRunning, temporalClient } from '../temporal/temporal-access.ts';
import { toApiError } from '../temporal/temporal-errors.ts';
import { Conflict, NotFound } from '../errors.ts';
import { reachAgent, requireWorker } from './worker-answer.ts';

export interface StartAgentInput {
  ref: AgentRef;
  projectDir: string;
  argv: string[];
  env: Record<string, string>;
  host?: string | undefined;
  /** False launches Claude Code without orc's hooks (the screen fallback answers its dialogs). */
  hooks?: boolean;
  /** The agent's bubblewrap sandbox; on unless told otherwise. */
  sandbox?: SandboxSetting;
  /** The project MCP servers (`.mcp.json`) a Claude Code agent may start; none unless named. */
  mcpServers?: string[];
}

export async function startAgent(services: Services, input: StartAgentInput): Promise<AgentStatus> {
  const { db, config } = services;
  const agentId = formatAgentRef(input.ref);
  const workflowId = agentWorkflowId(input.ref);
  const client = await temporalClient(services, agentId);
  if (await isWorkflowRunning(client, workflowId)) {
    throw new Conflict(`agent ${agentId} is already running; stop it first with: orc agent stop ${agentId}`);
  }
  const host = input.host ?? config.defaultHost;
  const record: AgentLaunchRecord = {
    team: input.ref.team,
    agent: input.ref.agent,
    host,
    projectDir: input.projectDir,
    workspace: 'shared',
    ...agentDirsOnHost(config.dataDir, input.ref, host, input.projectDir, 'shared'),
    argv: input.argv,
    kind: kindOf(input.argv),
    hooks: input.hooks !== false,
    envNames: Object.keys(input.env).sort(),
    sandbox: input.sandbox ?? SANDBOX_ON,
    mcpServers: input.mcpServers ?? [],
  };
  const secretKey = await services.secretKey();
  const token = await db.transaction(async (tx) => {
    await revokeAgentTokens(tx, agentId);
    await registerAgent(tx, record);
    return issueToken(tx, { role: 'agent', name: `agent ${agentId}`, agentId });
  });
  const spec = agentSpecFrom(record, {
    // Workflow inputs stay in Temporal's history for anyone with its UI to read: secrets go sealed.
    env: sealValues(input.env, secretKey),
    orcUrl: config.publicUrl,
    agentToken: seal(token.token, secretKey),
  });
  try {
    const handle = await client.workflow.start<typeof agentWorkflow>('agentWorkflow', {
      taskQueue: WORKFLOW_TASK_QUEUE,
      workflowId,
      args: [{ spec }],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    });
    return await handle.executeUpdate(awaitLaunchUpdate);
  } catch (err) {
    // Nothing half-created: an agent that could not launch leaves no row and no live token.
    await removeAgent(db, input.ref);
    await revokeAgentTokens(db, agentId);
    throw toApiError(err, agentId);
  }
}


/** A stop accepted while no worker could carry it out. */
export interface QueuedStop {
  id: string;
  state: 'stopping';
  queued: string;
}

export async function requireAgent(services: Services, ref: AgentRef) {
  const row = await findAgent(services.db, ref);
  const agentId = formatAgentRef(ref);
  if (!row || row.stoppedAt) {
    throw new NotFound(`no running agent ${agentId}; see running agents with: orc status`);
  }
  const client = await temporalClient(services, agentId);
  return { handle: client.workflow.getHandle<typeof agentWorkflow>(row.workflowId), agentId, client, row };
}

export async function stopAgent(services: Services, ref: AgentRef): Promise<AgentStatus | QueuedStop> {
  const { handle, agentId, client, row } = await requireAgent(services, ref);
  try {
    const reach = await reachAgent(client, row.workflowId, agentId, row.host);
    let status: AgentStatus | QueuedStop;
    if (reach.status === null) {
      // Nobody can close its window now: the stop is kept by Temporal and done when a worker is
      // back; its token goes at once, so the agent can do nothing more through orc meanwhile.
      await handle.signal(stopSignal);
      status = { id: agentId, state: 'stopping', queued: `${reach.problem}. The stop is kept and done when a worker is back` };
    } else {
      status = await handle.executeUpdate(stopUpdate);
    }
    await markStopped(services.db, ref);
    await revokeAgentTokens(services.db, agentId);
    await expireTimedOut(services.db, { agentId }, 'the agent was stopped');
    return status;
  } catch (err) {
    throw toApiError(err, agentId);
  }
}

/**
 * Delivers a message and waits for the agent's confirmation. When no worker answers for the
 * agent (its host's worker is down), the message is still accepted: it goes into the agent's
 * workflow as a signal, which Temporal keeps, and is delivered and confirmed once a worker is
 * back; the answer says `queued` at once instead of waiting.
 */
export async function sendMessage(services: Services, ref: AgentRef, text: string, from: string): Promise<AgentMessage> {
  const { handle, agentId, client, row } = await requireAgent(services, ref);
  // The id is chosen here, so a message queued while nobody can deliver it can be followed.
  const id = randomUUID();
  try {
    const reach = await reachAgent(client, row.workflowId, agentId, row.host);
    if (reach.status === null) {
      await handle.signal(enqueueMessageSignal, { id, text, from });
      return { id, from, text, state: 'queued', queuedAt: new Date().toISOString(), error: `${reach.problem}. The message is kept and will be delivered when a worker is back` };
    }
    return await handle.executeUpdate(sendMessageUpdate, { args: [{ id, text, from }] });
  } catch (err) {
    throw toApiError(err, agentId);
  }
}

export async function capturePane(services: Services, ref: AgentRef, lines: number): Promise<{ text: string }> {
  const { handle, agentId, client, row } = await requireAgent(services, ref);
  try {
    await requireWorker(client, row.workflowId, agentId, row.host);
    return await handle.executeUpdate(captureUpdate, { args: [{ lines }] });
  } catch (err) {
    throw toApiError(err, agentId);
  }
}

export interface AgentListEntry {
  id: string;
  team: string;
  agent: string;
  host: string;
  projectDir: string;
  /** `unreachable`: its host's worker is gone; `unknown`: no worker answered for it in time. */
  state: AgentStatus['state'] | 'unknown' | 'unreachable';
  inbox: number;
  nextCheckinAt: string | null;
  startedAt: string;
  problem: string | null;
  /** While paused on a usage limit: when orc resumes it. */
  pausedUntil?: string | null;
  /** While blocked: the dialog orc cannot answer that holds it, as its screen shows it. */
  blockedBy?: BlockedBy | null;
  /** Whether the agent runs confined by bubblewrap (its launch record). */
  sandboxed: boolean;
  /** Which kind of CLI it runs (its command): says which controls it has. */
  kind: AgentLaunchRecord['kind'];
}

/** Running agents and their live states; of one team only when `team` is given. */
export async function listAgents(services: Services, team: string | null = null): Promise<AgentListEntry[]> {
  const rows = await listActiveAgents(services.db, team);
  const client = await temporalClient(services, 'status');
  return Promise.all(
    rows.map(async (row): Promise<AgentListEntry> => {
      const base = {
        id: agentId(row.team, row.name),
        team: row.team,
        agent: row.name,
        host: row.host,
        projectDir: row.projectDir,
        startedAt: row.createdAt.toISOString(),
        sandboxed: row.sandbox,
        kind: kindOf(row.argv),
      };
      try {
        // Read with a short deadline: with no worker, the registry's facts still come back at once.
        const reach = await reachAgent(client, row.workflowId, base.id, row.host);
        if (reach.status === null) return { ...base, state: reach.hostUnreachable ? 'unreachable' : 'unknown', inbox: 0, nextCheckinAt: null, problem: reach.problem };
        const { status } = reach;
        return { ...base, state: status.state, inbox: status.inbox, nextCheckinAt: status.nextCheckinAt ?? null, problem: status.pauseReason ?? status.lastError, pausedUntil: status.pausedUntil ?? null, blockedBy: status.blockedBy ?? null };
      } catch (err) {
        return { ...base, state: 'unknown', inbox: 0, nextCheckinAt: null, problem: err instanceof Error ? err.message : String(err) };
      }
    }),
  );
}
