// One factory for the database handle, so every process opens it the same way.
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.ts';

export type Database = ReturnType<typeof createDatabase>['db'];

export function createDatabase(url: string, { max = 5 }: { max?: number } = {}) {
  // Notices (e.g. "relation already exists, skipping") are not errors; keep them off stdout.
  // libpq's `?host=/socket/dir` form (a Unix socket) is honoured; postgres.js reads only the URL's host.
  const socketDir = new URL(url).searchParams.get('host');
  const sql = postgres(url, {
    max,
    onnotice: () => undefined,
    connect_timeout: 10,
    ...(socketDir ? { host: socketDir } : {}),
  });
  return { db: drizzle(sql, { schema }), sql };
}
