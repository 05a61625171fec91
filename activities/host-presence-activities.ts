// The activity that says a host's worker is there: it heartbeats while it holds, and a worker
// that dies stops heartbeating, which Temporal notices within the heartbeat timeout.
import { Context } from '@temporalio/activity';
import { PRESENCE_HEARTBEAT_EVERY_MS } from '../domain/host-presence.ts';

export interface HoldPresenceInput {
  /** How long to hold before returning, so the workflow's history grows by a few events per hold. */
  holdMs: number;
}

export function createHostPresenceActivities() {
  return {
    async holdHostPresence({ holdMs }: HoldPresenceInput): Promise<void> {
      const context = Context.current();
      const until = Date.now() + holdMs;
      while (Date.now() < until) {
        context.heartbeat();
        // Rejects when the worker shuts down or the workflow cancels: the retry brings it back.
        await context.sleep(Math.min(PRESENCE_HEARTBEAT_EVERY_MS, until - Date.now()));
      }
    },
  };
}

export type HostPresenceActivities = ReturnType<typeof createHostPresenceActivities>;
