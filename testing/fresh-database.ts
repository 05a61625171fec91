// A database of a test's own, on the test run's PostgreSQL server, with orc's migrations
// applied: for tests that count rows (statistics, lists) and must not see, or disturb, what
// the other suites do on the shared stack at the same time.
import { inject } from 'vitest';
import { createDatabase, type Database } from '../db/client.ts';
import { applyMigrations } from '../db/migrate.ts';
import { createDatabaseOn } from './throwaway-postgres.ts';

export interface FreshDatabase {
  db: Database;
  url: string;
  drop(): Promise<void>;
}

export async function freshDatabase(): Promise<FreshDatabase> {
  const server = await createDatabaseOn(inject('databaseUrl'));
  const { db, sql } = createDatabase(server.url, { max: 2 });
  await applyMigrations(db);
  return {
    db,
    url: server.url,
    async drop() {
      await sql.end();
      await server.stop();
    },
  };
}
