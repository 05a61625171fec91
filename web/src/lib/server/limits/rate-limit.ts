// Per-token rate limits, in memory: a token bucket per token and channel (the agents' hook
// endpoints, the API). A token's holder (an agent's hook payloads and `orc` calls are its to
// shape) can make the server work only so fast: past a burst, calls are refused with 429 and
// a message saying when to try again. One web server per orc, so memory is where the counts
// belong; a restart forgets them, which only hands every token a fresh burst.

export interface BucketSettings {
  /** Calls a token may make at once, after a quiet while. */
  burst: number;
  /** Calls per second it may keep up. */
  perSecond: number;
}

export interface RateVerdict {
  allowed: boolean;
  /** When refused: seconds until the call would be allowed. */
  retryAfterS: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export interface RateLimiter {
  /** Takes `cost` calls from `key`'s bucket, or refuses them all. */
  take(key: string, cost?: number, now?: number): RateVerdict;
  /** A refusal's message, naming the limit. */
  describe(verdict: RateVerdict): string;
}

/** More keys than this and the fullest buckets (idle tokens) are forgotten: memory stays bounded. */
const MAX_KEYS = 10_000;

export function createRateLimiter(name: string, settings: BucketSettings, clock: () => number = () => performance.now()): RateLimiter {
  const { burst, perSecond } = settings;
  const buckets = new Map<string, Bucket>();

  const refill = (bucket: Bucket, now: number) => {
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
  };

  const forgetIdle = (now: number) => {
    for (const [key, bucket] of buckets) {
      refill(bucket, now);
      if (bucket.tokens >= burst) buckets.delete(key);
    }
    // Still full of busy tokens: the oldest entries go (a Map keeps insertion order).
    for (const key of buckets.keys()) {
      if (buckets.size < MAX_KEYS) break;
      buckets.delete(key);
    }
  };

  return {
    take(key, cost = 1, now = clock()) {
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= MAX_KEYS) forgetIdle(now);
        bucket = { tokens: burst, at: now };
        buckets.set(key, bucket);
      }
      refill(bucket, now);
      if (bucket.tokens >= cost) {
        bucket.tokens -= cost;
        return { allowed: true, retryAfterS: 0 };
      }
      // A cost above the burst can never be paid at once: the wait is for a full bucket.
      const missing = Math.min(cost, burst) - bucket.tokens;
      return { allowed: false, retryAfterS: Math.max(1, Math.ceil(missing / perSecond)) };
    },
    describe(verdict) {
      return `rate limit: this token made more than ${burst} ${name} in a burst (${perSecond} a second sustained); try again in ${verdict.retryAfterS} s`;
    },
  };
}

/**
 * Claude Code posts PreToolUse for every tool use and PermissionRequest, UserPromptSubmit,
 * Stop and Notification around them; subagents working side by side add bursts to that. A busy
 * agent stays under a few a second, with bursts of tens; a flood does not.
 */
export const hookRateLimiter = createRateLimiter('hook calls', { burst: 60, perSecond: 10 });

/**
 * Claude Code exports its log events (model calls, prompts, tool decisions) in one batch every
 * two seconds at most, as orc launches it (host/claude-telemetry.ts); a flood is far more.
 */
export const telemetryRateLimiter = createRateLimiter('telemetry exports', { burst: 30, perSecond: 2 });

/**
 * The CLI makes one call per command; a dashboard's browser opens its live feeds and screens
 * and sends a person's actions (its page loads are not counted: api/page-caller.ts). People and
 * agents alike stay far below this; a script looping on one token does not.
 */
export const apiRateLimiter = createRateLimiter('API calls', { burst: 120, perSecond: 30 });

/** Calls of one key that may be at work at once; the next wait their turn, in order. */
export interface ConcurrencyLimit {
  /** Resolves when `key` may go on; call the function returned when done. */
  enter(key: string): Promise<() => void>;
}

export function createConcurrencyLimit(atOnce: number): ConcurrencyLimit {
  const slots = new Map<string, { working: number; waiting: Array<() => void> }>();
  return {
    enter(key) {
      let slot = slots.get(key);
      if (!slot) {
        slot = { working: 0, waiting: [] };
        slots.set(key, slot);
      }
      const mine = slot;
      const leave = () => {
        const next = mine.waiting.shift();
        if (next) return next(); // the place passes straight on
        mine.working--;
        if (mine.working === 0) slots.delete(key);
      };
      if (mine.working < atOnce) {
        mine.working++;
        return Promise.resolve(once(leave));
      }
      return new Promise((resolve) => mine.waiting.push(() => resolve(once(leave))));
    },
  };
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

/**
 * Hook calls of one token at work at once. The rate limit bounds how many a token makes; this
 * bounds how many hold database connections together, so that a token's burst queues here, in
 * memory, and not in the connection pool ahead of everyone else's queries. A call waiting for
 * a person (at most one per agent) holds its place.
 */
export const hookConcurrency = createConcurrencyLimit(4);

/**
 * Telemetry exports of one token at work at once: apart from its hooks' places, so a busy
 * exporter never makes a PreToolUse or PermissionRequest of the same agent wait.
 */
export const telemetryConcurrency = createConcurrencyLimit(2);
