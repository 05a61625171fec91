// Nothing waits on a worker that is not there. Queries and updates reach an agent's workflow
// only through a worker; with none polling, Temporal holds the call for many seconds. So every
// call that needs a worker first asks the workflow a cheap question with a short deadline, and
// when nobody answers, says so at once, naming what is missing and how to bring it back.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { hostTaskQueue, WORKFLOW_TASK_QUEUE } from '$domain/names.ts';
import { statusQuery } from '$workflows/agent-messages.ts';
import type { AgentStatus } from '$workflows/agent-types.ts';
import { Unavailable } from '../errors.ts';
import { hostPresence } from '../hosts/host-presence.ts';
import { deadlineExceeded } from '../temporal/temporal-errors.ts';

/** How long a worker has to answer a status query before orc says none is there. */
export const WORKER_ANSWER_MS = 2_500;

/** What a person reads when no worker answered for an agent on `host`. */
export function noWorkerProblem(agentId: string, host: string): string {
  return (
    `no worker answered for ${agentId} within ${WORKER_ANSWER_MS / 1000} s: no worker seems to poll ${WORKFLOW_TASK_QUEUE} and ${hostTaskQueue(host)}; ` +
    `npm start restarts its worker by itself, or start one on host ${host} with: ORC_HOST_NAME=${host} node workers/host-worker.ts (orc doctor checks)`
  );
}

/**
 * Whether a failed query means no worker took it: the deadline passed, or Temporal gave up on
 * the worker that last ran the workflow ("Failed to query Workflow", after a worker died).
 * A workflow that is gone, or Temporal itself being unreachable, are other answers.
 */
function noWorkerTookIt(err: unknown): boolean {
  if (err instanceof WorkflowNotFoundError) return false;
  if (deadlineExceeded(err)) return true;
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (/Failed to query Workflow/i.test(e.message)) return true;
  }
  return false;
}

/**
 * The workflow's status, asked with a short deadline: null when no worker answered in time.
 * Other errors (the workflow is gone, Temporal is down) are thrown as they are.
 */
export async function statusIfWorkerAnswers(client: Client, workflowId: string, ms = WORKER_ANSWER_MS): Promise<AgentStatus | null> {
  try {
    return await client.withDeadline(Date.now() + ms, () => client.workflow.getHandle(workflowId).query(statusQuery));
  } catch (err) {
    if (noWorkerTookIt(err)) return null;
    throw err;
  }
}

/** What asking an agent's workflow found: its status, or what is missing instead. */
export type AgentReach =
  | { status: AgentStatus }
  | { status: null; hostUnreachable: boolean; problem: string };

/**
 * Asks the agent's workflow for its status, unless its host is known to be gone: the host's
 * presence (read without a worker) answers at once then, instead of a query timing out.
 */
export async function reachAgent(client: Client, workflowId: string, agentId: string, host: string): Promise<AgentReach> {
  const presence = await hostPresence(client, host);
  if (presence.state === 'unreachable') return { status: null, hostUnreachable: true, problem: presence.problem };
  const status = await statusIfWorkerAnswers(client, workflowId);
  return status === null ? { status: null, hostUnreachable: false, problem: noWorkerProblem(agentId, host) } : { status };
}

/** Throws the "no worker" answer (503) when the agent's host is gone or no worker answers in time. */
export async function requireWorker(client: Client, workflowId: string, agentId: string, host: string): Promise<void> {
  const reach = await reachAgent(client, workflowId, agentId, host);
  if (reach.status === null) throw new Unavailable(reach.problem);
}
