// The key that seals secrets passed through Temporal (see domain/sealed-secret.ts). The web
// server and every host worker must hold the same one. It is found, in order, in
// ORC_SECRET_KEY (base64 of 32 bytes), in the file ORC_SECRET_KEY_FILE names, or in
// <data dir>/secret-key, which the server (or `npm start`) creates on first start, mode 0600.
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { SECRET_KEY_BYTES } from '../domain/sealed-secret.ts';

import { dataLayout } from '../domain/data-layout.ts';

function decode(text: string, source: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== SECRET_KEY_BYTES) {
    throw new Error(`${source} is not a secret key: it must be ${SECRET_KEY_BYTES} bytes in base64 (make one with: openssl rand -base64 32)`);
  }
  return key;
}

/** With `create`, a missing <data dir>/secret-key is made (the server and the launcher do this; a worker only reads). */
export async function loadSecretKey(env: NodeJS.ProcessEnv, dataDir: string, { create }: { create: boolean }): Promise<Buffer> {
  if (env.ORC_SECRET_KEY) return decode(env.ORC_SECRET_KEY, 'ORC_SECRET_KEY');
  if (env.ORC_SECRET_KEY_FILE) {
    const text = await readFile(env.ORC_SECRET_KEY_FILE, 'utf8').catch(() => {
      throw new Error(`ORC_SECRET_KEY_FILE names ${env.ORC_SECRET_KEY_FILE}, which cannot be read`);
    });
    return decode(text, env.ORC_SECRET_KEY_FILE);
  }
  const file = dataLayout(dataDir).secretKey;
  const existing = await readFile(file, 'utf8').catch(() => null);
  if (existing !== null) return decode(existing, file);
  if (!create) {
    throw new Error(`no secret key: ${file} does not exist; set ORC_SECRET_KEY or ORC_SECRET_KEY_FILE to the orc server's key (its <data dir>/secret-key)`);
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // Written whole to a file of its own, then linked into place: link fails if the key is there
  // already, so two processes starting at once both end up with the first one's key, and
  // neither can read a key half written.
  const draft = `${file}.${randomBytes(6).toString('hex')}`;
  await writeFile(draft, `${randomBytes(SECRET_KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(draft, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await unlink(draft);
  }
  return decode(await readFile(file, 'utf8'), file);
}
