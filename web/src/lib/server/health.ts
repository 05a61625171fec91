// GET /healthz: whether Temporal and the database answer (ok), and whether this host's worker is there.
import { sql } from 'drizzle-orm';
import { getServices } from './services.ts';
import { hostPresence } from './hosts/host-presence.ts';

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms))]);

async function probe(check: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
  try {
    await withTimeout(check(), 3000);
    return { ok: true };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

export async function checkHealth() {
  const services = getServices();
  const [temporal, database, worker] = await Promise.all([
    probe(async () => (await services.temporal()).workflowService.getSystemInfo({})),
    probe(() => services.db.execute(sql`select 1`)),
    // This server's own host's worker, by its presence; words without names (this answer is
    // unauthenticated). Not part of ok: the web app serves, and accepts work, without it.
    probe(async () => {
      const presence = await hostPresence(await services.temporal(), services.config.defaultHost);
      if (presence.state !== 'up') throw new Error(presence.state === 'unreachable' ? "no worker polls this server's host queue" : 'no worker has announced this server\'s host');
    }),
  ]);
  return { ok: temporal.ok && database.ok, temporal, database, worker };
}
