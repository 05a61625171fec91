// On first start an admin token is made and written, in clear, to <data dir>/admin-token
// (mode 0600) for the CLI to read. Later starts keep it while the database still knows it.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Database } from './client.ts';
import { findToken, issueToken } from './tokens.ts';


/** `file` is the data layout's adminToken. */
export async function ensureAdminToken(db: Database, file: string): Promise<{ file: string; created: boolean }> {
  const existing = await readFile(file, 'utf8').then((t) => t.trim(), () => null);
  if (existing) {
    const identity = await findToken(db, existing);
    if (identity?.role === 'admin') {
      await chmod(file, 0o600);
      return { file, created: false };
    }
  }
  const { token } = await issueToken(db, { role: 'admin', name: 'admin' });
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return { file, created: true };
}
