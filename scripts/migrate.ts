// Applies the database migrations to DATABASE_URL and makes sure an admin token exists
// (written to <ORC_DATA_DIR>/admin-token on first run). The compose setup runs this as a
// one-shot job before the web app starts; it is safe to run again at any time.
import { ensureAdminToken } from '../db/admin-token.ts';
import { createDatabase } from '../db/client.ts';
import { applyMigrations } from '../db/migrate.ts';
import { dataDirFrom, dataLayout } from '../domain/data-layout.ts';

async function run() {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set: migrations need a PostgreSQL to apply to');
  const dataDir = dataDirFrom(process.env);
  const { db, sql } = createDatabase(databaseUrl, { max: 1 });
  try {
    await applyMigrations(db);
    console.log('[migrate] migrations applied');
    const token = await ensureAdminToken(db, dataLayout(dataDir).adminToken);
    console.log(`[migrate] admin token ${token.created ? 'created in' : 'kept in'} ${token.file}`);
  } finally {
    await sql.end();
  }
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
