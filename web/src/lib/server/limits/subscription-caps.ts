// Live subscriptions held open per token. Each one is a connection kept open and, for a screen,
// a tmux capture several times a second (or a workflow update a second for another host's
// agent), for as long as it lasts: a token may hold only a few at once. Counted in memory,
// in this server, which is where they are held.
import { OverLimit } from '../errors.ts';

export interface SubscriptionCap {
  /** What is counted, for the refusal: "live screens". */
  what: string;
  perToken: number;
}

const held = new Map<string, number>();

/**
 * `source`'s items, while `holder` holds fewer than `cap.perToken` subscriptions of this kind;
 * else an OverLimit error (the API's TOO_MANY_REQUESTS) naming the limit. The place is given back when the
 * subscription ends, however it ends (the client went away, the source finished or failed).
 */
export async function* capped<T>(cap: SubscriptionCap, holder: string, source: () => AsyncGenerator<T>): AsyncGenerator<T> {
  const key = `${cap.what}\u0000${holder}`;
  const count = held.get(key) ?? 0;
  if (count >= cap.perToken) {
    throw new OverLimit(`this token already has ${count} ${cap.what} open, the most it may hold at once (${cap.perToken}); close one (a browser tab showing it) first`);
  }
  held.set(key, count + 1);
  try {
    yield* source();
  } finally {
    const left = (held.get(key) ?? 1) - 1;
    if (left > 0) held.set(key, left);
    else held.delete(key);
  }
}

/** How many `holder` holds now (for tests). */
export const heldBy = (cap: SubscriptionCap, holder: string): number => held.get(`${cap.what}\u0000${holder}`) ?? 0;
