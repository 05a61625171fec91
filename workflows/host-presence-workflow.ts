// One per host, started by its worker: keeps the presence activity running on the host's own
// queue. While the worker lives, the activity heartbeats; when it dies, the heartbeat times out
// and the retry waits on the queue until a worker polls it again. The web reads the pending
// activity (describe, which needs no worker) to tell "host unreachable" at once.
import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { HostPresenceActivities } from '../activities/host-presence-activities.ts';
import { PRESENCE_HEARTBEAT_TIMEOUT_MS } from '../domain/host-presence.ts';
import { hostTaskQueue } from '../domain/names.ts';

/** Each hold lasts this long; a few events per hold keeps the history small. */
const HOLD_MS = 10 * 60_000;
/** Holds per run before continuing as new (about a day). */
const HOLDS_PER_RUN = 150;

export interface HostPresenceInput {
  host: string;
}

export async function hostPresenceWorkflow(input: HostPresenceInput): Promise<void> {
  const { holdHostPresence } = proxyActivities<HostPresenceActivities>({
    taskQueue: hostTaskQueue(input.host),
    heartbeatTimeout: PRESENCE_HEARTBEAT_TIMEOUT_MS,
    startToCloseTimeout: HOLD_MS + 60_000,
    // Never gives up: an attempt waits on the queue for as long as the host is away.
    retry: { initialInterval: '1 second', backoffCoefficient: 1, maximumInterval: '1 second' },
  });
  for (let i = 0; i < HOLDS_PER_RUN && !workflowInfo().continueAsNewSuggested; i++) {
    await holdHostPresence({ holdMs: HOLD_MS });
  }
  await continueAsNew<typeof hostPresenceWorkflow>(input);
}
