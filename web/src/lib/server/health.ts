import { sql } from 'drizzle-orm';
import { getServices } from './services.ts';

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
  const [temporal, database] = await Promise.all([
    probe(async () => (await services.temporal()).workflowService.getSystemInfo({})),
    probe(() => services.db.execute(sql`select 1`)),
  ]);
  return { ok: temporal.ok && database.ok, temporal, database };
}
