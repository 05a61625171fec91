// The hosts orc knows (the server's own and every running agent's), each with whether its
// worker is there and which workers poll its queue, as Temporal's task-queue description says.
import type { Client } from '@temporalio/client';
import type { HostPresence } from '$domain/host-presence.ts';
import { hostTaskQueue, WORKFLOW_TASK_QUEUE } from '$domain/names.ts';
import type { Services } from '../services.ts';
import { listActiveAgents } from '../agents/agent-registry.ts';
import { temporalClient } from '../temporal/temporal-access.ts';
import { hostPresence } from './host-presence.ts';

export interface Poller {
  identity: string;
  lastAccessTime: string | null;
}

export interface HostEntry {
  host: string;
  presence: HostPresence;
  /** Workers that polled the host's activity queue lately (Temporal keeps a dead one listed a few minutes). */
  pollers: Poller[];
  agents: number;
}

export interface HostList {
  hosts: HostEntry[];
  /** Workers that polled the shared workflow queue lately: any of them runs every agent's workflow. */
  workflowPollers: Poller[];
}

const DESCRIBE_DEADLINE_MS = 2_000;
/** Temporal's TaskQueueType values (its proto enum), named here rather than importing the proto package. */
const TASK_QUEUE_TYPE_WORKFLOW = 1;
const TASK_QUEUE_TYPE_ACTIVITY = 2;

async function pollersOf(client: Client, taskQueue: string, type: typeof TASK_QUEUE_TYPE_WORKFLOW | typeof TASK_QUEUE_TYPE_ACTIVITY): Promise<Poller[]> {
  const answer = await client.withDeadline(Date.now() + DESCRIBE_DEADLINE_MS, () =>
    client.workflowService.describeTaskQueue({ namespace: client.options.namespace, taskQueue: { name: taskQueue }, taskQueueType: type }),
  );
  return (answer.pollers ?? []).map((p) => ({
    identity: p.identity ?? '',
    lastAccessTime: p.lastAccessTime?.seconds ? new Date(Number(p.lastAccessTime.seconds) * 1000).toISOString() : null,
  }));
}

export async function listHosts(services: Services): Promise<HostList> {
  const client = await temporalClient(services, 'the host list');
  const counts = new Map<string, number>([[services.config.defaultHost, 0]]);
  for (const row of await listActiveAgents(services.db)) counts.set(row.host, (counts.get(row.host) ?? 0) + 1);
  const [hosts, workflowPollers] = await Promise.all([
    Promise.all(
      [...counts].sort(([a], [b]) => a.localeCompare(b)).map(async ([host, agents]): Promise<HostEntry> => ({
        host,
        agents,
        presence: await hostPresence(client, host),
        pollers: await pollersOf(client, hostTaskQueue(host), TASK_QUEUE_TYPE_ACTIVITY),
      })),
    ),
    pollersOf(client, WORKFLOW_TASK_QUEUE, TASK_QUEUE_TYPE_WORKFLOW),
  ]);
  return { hosts, workflowPollers };
}
