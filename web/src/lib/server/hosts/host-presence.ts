// Reads whether each host's worker is there from Temporal (the presence workflow's pending
// activity, which the history service answers with no worker), briefly cached so a status of
// many agents asks once per host.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { presenceFrom, type HostPresence, type PresenceActivity } from '$domain/host-presence.ts';
import { hostPresenceWorkflowId } from '$domain/names.ts';
import { deadlineExceeded } from '../temporal/temporal-errors.ts';

/** A describe that takes longer than this means Temporal itself is in trouble. */
const DESCRIBE_DEADLINE_MS = 2_000;
/** How long one reading serves: shorter than the heartbeat timeout, so a death shows quickly. */
const CACHE_MS = 1_000;
const PENDING_ACTIVITY_STATE_STARTED = 2;

type Timestamp = { seconds?: { toNumber(): number } | number | null; nanos?: number | null } | null | undefined;

function timestampMs(ts: Timestamp): number | null {
  if (!ts || ts.seconds === null || ts.seconds === undefined) return null;
  const seconds = typeof ts.seconds === 'number' ? ts.seconds : ts.seconds.toNumber();
  return seconds * 1000 + Math.floor((ts.nanos ?? 0) / 1e6);
}

async function readPresence(client: Client, host: string): Promise<HostPresence> {
  try {
    const description = await client.withDeadline(Date.now() + DESCRIBE_DEADLINE_MS, () => client.workflow.getHandle(hostPresenceWorkflowId(host)).describe());
    if (description.status.name !== 'RUNNING') return presenceFrom(host, 'ended', null, Date.now());
    const pending = description.raw.pendingActivities?.[0];
    const activity: PresenceActivity | null = pending
      ? {
          started: pending.state === PENDING_ACTIVITY_STATE_STARTED,
          lastSignMs: timestampMs(pending.lastHeartbeatTime) ?? timestampMs(pending.lastStartedTime),
        }
      : null;
    return presenceFrom(host, 'running', activity, Date.now());
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return presenceFrom(host, 'missing', null, Date.now());
    // A slow answer is no answer about the host: on a loaded machine Temporal may take longer than
    // the deadline. Callers then ask the agent's workflow itself (with its own deadline) rather than
    // fail the call as if Temporal were down. A refused connection is still thrown.
    if (deadlineExceeded(err)) {
      return { host, state: 'unknown', lastSeenAt: null, problem: `Temporal took more than ${DESCRIBE_DEADLINE_MS / 1000} s to say whether host ${host}'s worker is there` };
    }
    throw err;
  }
}

const cache = new Map<string, { at: number; presence: Promise<HostPresence> }>();

/** Whether `host`'s worker is there now (read at most once a second per host). */
export function hostPresence(client: Client, host: string): Promise<HostPresence> {
  const cached = cache.get(host);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.presence;
  const presence = readPresence(client, host);
  cache.set(host, { at: Date.now(), presence });
  presence.catch(() => cache.delete(host));
  return presence;
}
