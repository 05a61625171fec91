// Whether a host's worker is there, read from the heartbeat of the activity its presence
// workflow keeps running on the host's queue. Temporal's history service answers that (a
// workflow's pending activities) without any worker, so orc can say "host unreachable" at
// once instead of waiting for a worker that is not coming.
import { hostTaskQueue } from './names.ts';

/** The presence activity's heartbeat timeout: a worker silent for longer is counted gone. */
export const PRESENCE_HEARTBEAT_TIMEOUT_MS = 3_000;
/** How often the presence activity heartbeats (the SDK throttles to 80 % of the timeout anyway). */
export const PRESENCE_HEARTBEAT_EVERY_MS = 1_000;
/** Slack for the heartbeat's trip to Temporal before a silent worker is called gone. */
const PRESENCE_GRACE_MS = 1_500;

export type HostPresence =
  | { host: string; state: 'up'; lastSeenAt: string }
  | { host: string; state: 'unreachable'; lastSeenAt: string | null; problem: string }
  | { host: string; state: 'unknown'; lastSeenAt: null; problem: string };

/** What Temporal says of the presence workflow's activity (null: none pending right now). */
export interface PresenceActivity {
  started: boolean;
  /** The last heartbeat, or the start when it has not heartbeat yet (ms since the epoch). */
  lastSignMs: number | null;
}

/** How to bring a host's worker back, in the words every "host unreachable" answer uses. */
export const startWorkerHint = (host: string): string =>
  `npm start restarts its worker by itself; on another machine start it with: ORC_HOST_NAME=${host} node workers/host-worker.ts (orc doctor checks)`;

export function presenceFrom(host: string, workflow: 'running' | 'missing' | 'ended', activity: PresenceActivity | null, nowMs: number): HostPresence {
  if (workflow === 'missing' || workflow === 'ended') {
    return { host, state: 'unknown', lastSeenAt: null, problem: `no worker has announced host ${host} since Temporal was set up; ${startWorkerHint(host)}` };
  }
  const lastSeenAt = activity?.lastSignMs ? new Date(activity.lastSignMs).toISOString() : null;
  if (activity?.started && activity.lastSignMs !== null && nowMs - activity.lastSignMs <= PRESENCE_HEARTBEAT_TIMEOUT_MS + PRESENCE_GRACE_MS) {
    return { host, state: 'up', lastSeenAt: lastSeenAt ?? new Date(nowMs).toISOString() };
  }
  if (activity === null) {
    // Between two holds of the presence activity (a moment every few minutes), or no worker at
    // all to schedule the next: not evidence either way.
    return { host, state: 'unknown', lastSeenAt: null, problem: `host ${host}'s worker has not reported in the last moment; ask again shortly` };
  }
  const since = lastSeenAt ? ` since ${lastSeenAt}` : '';
  return {
    host,
    state: 'unreachable',
    lastSeenAt,
    problem: `host ${host} unreachable: no worker has polled ${hostTaskQueue(host)}${since}; ${startWorkerHint(host)}`,
  };
}
