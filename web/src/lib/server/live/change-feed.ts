// Tells open dashboards what changed, within a second. One loop per server, whatever the
// number of browsers, and only while at least one is listening: it compares fingerprints of
// the database (every half second) and of the agents' live states (every second), and
// anything that happens inside this server (a hook arriving, a person acting) nudges it to
// look at once. This is the "or equivalent" of LISTEN/NOTIFY that also works with the
// embedded database, which has a single connection and no notifications.
import { getServices } from '../services.ts';
import type { SubscriptionCap } from '../limits/subscription-caps.ts';
import { agentDigest, databaseDigests, type Digests, type Topic, TOPICS } from './digests.ts';

export interface Change {
  version: number;
  topics: Topic[];
  at: string;
}

const DATABASE_EVERY_MS = 500;
const AGENTS_EVERY_MS = 1000;
const NUDGE_DELAY_MS = 60;

type Listener = (change: Change) => void;

const listeners = new Set<Listener>();
let digests: Digests = {};
let version = 0;
let timer: NodeJS.Timeout | undefined;
let running = false;
let nudged = false;
let lastAgentsLook = 0;

export function currentVersion(): number {
  return version;
}

/** Something changed in this server (hook, decision, send): look now rather than at the next tick. */
export function nudge(): void {
  if (listeners.size === 0) return;
  nudged = true;
  schedule(NUDGE_DELAY_MS);
}

export function listen(listener: Listener): () => void {
  listeners.add(listener);
  if (listeners.size === 1) schedule(0);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearTimeout(timer);
      timer = undefined;
    }
  };
}

function schedule(delayMs: number): void {
  if (running) return; // the running look re-schedules itself
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => void look(), delayMs);
}

async function look(): Promise<void> {
  timer = undefined;
  running = true;
  const withAgents = nudged || Date.now() - lastAgentsLook >= AGENTS_EVERY_MS;
  nudged = false;
  try {
    const services = getServices();
    const next: Digests = { ...(await databaseDigests(services)) };
    if (withAgents) {
      lastAgentsLook = Date.now();
      Object.assign(next, await agentDigest(services));
    } else {
      next.agents = digests.agents;
    }
    const changed = TOPICS.filter((topic) => next[topic] !== digests[topic]);
    const first = Object.keys(digests).length === 0;
    digests = next;
    if (changed.length > 0 && !first) {
      version += 1;
      const change = { version, topics: changed, at: new Date().toISOString() };
      for (const listener of listeners) listener(change);
    }
  } catch (err) {
    // A dependency being down is shown by the pages themselves; keep looking.
    console.error(`live updates: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    running = false;
    if (listeners.size > 0) schedule(nudged ? NUDGE_DELAY_MS : DATABASE_EVERY_MS);
  }
}

/** Dashboards (a tab each) a token may hold open at once; browsers open about six connections per server anyway. */
export const LIVE_FEEDS_PER_TOKEN: SubscriptionCap = { what: 'live update feeds', perToken: 16 };

/** Changes a listener that does not read is left behind by before they are folded into one. */
const MAX_QUEUED = 20;

/** The changes as an async iterable, for a tRPC subscription; ends when the signal aborts. */
export async function* changes(signal: AbortSignal | undefined): AsyncGenerator<Change> {
  const queue: Change[] = [];
  let wake: (() => void) | undefined;
  const stop = listen((change) => {
    // A reader that stalls holds no more than a few: the latest version with every topic seen.
    const last = queue.length >= MAX_QUEUED ? queue.pop() : undefined;
    queue.push(last ? { ...change, topics: [...new Set([...last.topics, ...change.topics])] } : change);
    wake?.();
  });
  const aborted = new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
  try {
    while (!signal?.aborted) {
      const change = queue.shift();
      if (change) {
        yield change;
        continue;
      }
      await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
      wake = undefined;
    }
  } finally {
    stop();
  }
}
