import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataLayout } from '../domain/data-layout.ts';
import { loadSecretKey } from './secret-key.ts';

const secretKeyFile = (dir: string) => dataLayout(dir).secretKey;

const freshDir = () => mkdtemp(join(tmpdir(), 'orc-secret-key-'));

describe('loadSecretKey', () => {
  it('makes <data dir>/secret-key once, readable by its owner only, and reads the same key after', async () => {
    const dir = await freshDir();
    const made = await loadSecretKey({}, dir, { create: true });
    expect(made).toHaveLength(32);
    expect((await stat(secretKeyFile(dir))).mode & 0o777).toBe(0o600);
    expect(await loadSecretKey({}, dir, { create: false })).toEqual(made);
    // Two starting at once end with one key.
    const other = await freshDir();
    const [a, b] = await Promise.all([loadSecretKey({}, other, { create: true }), loadSecretKey({}, other, { create: true })]);
    expect(a).toEqual(b);
  });

  it('prefers ORC_SECRET_KEY, then ORC_SECRET_KEY_FILE', async () => {
    const dir = await freshDir();
    const fromEnv = randomBytes(32);
    expect(await loadSecretKey({ ORC_SECRET_KEY: fromEnv.toString('base64') }, dir, { create: true })).toEqual(fromEnv);
    const file = join(dir, 'shared-key');
    const fromFile = randomBytes(32);
    await writeFile(file, fromFile.toString('base64'));
    expect(await loadSecretKey({ ORC_SECRET_KEY_FILE: file }, dir, { create: true })).toEqual(fromFile);
    // Neither made a key file in the data dir.
    await expect(readFile(secretKeyFile(dir))).rejects.toThrow();
  });

  it('says what to set when a worker finds no key, or a key of the wrong size', async () => {
    const dir = await freshDir();
    await expect(loadSecretKey({}, dir, { create: false })).rejects.toThrow(/no secret key: .*secret-key does not exist; set ORC_SECRET_KEY or ORC_SECRET_KEY_FILE/);
    await expect(loadSecretKey({ ORC_SECRET_KEY: 'c2hvcnQ=' }, dir, { create: false })).rejects.toThrow(/ORC_SECRET_KEY is not a secret key: it must be 32 bytes in base64/);
    await expect(loadSecretKey({ ORC_SECRET_KEY_FILE: join(dir, 'nope') }, dir, { create: false })).rejects.toThrow(/ORC_SECRET_KEY_FILE names .*nope, which cannot be read/);
  });
});
