// Unauthenticated on purpose (for probes): it says only whether Temporal and the database answer
// (its status code) and whether this server's host has a worker.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { checkHealth } from '#lib/server/health.ts';

export const GET: RequestHandler = async () => {
  const health = await checkHealth();
  return json(health, { status: health.ok ? 200 : 503 });
};
