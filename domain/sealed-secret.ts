// Secrets that travel through Temporal (an agent's token, the environment a person gave it)
// are sealed with AES-256-GCM before they go into a workflow's input: Temporal keeps every
// input in its history, which its Web UI and CLI show to anyone who can reach them. Only the
// web server (which seals) and the host workers (which unseal to start the agent) hold the key.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SECRET_KEY_BYTES = 32;

export class UnsealError extends Error {
  override name = 'UnsealError';
}

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

export function seal(plaintext: string, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/**
 * Opens a sealed value. A value that was never sealed is returned as it is: workflows
 * started before sealing carry their secrets in clear and must still be able to run.
 */
export function unseal(value: string, key: Buffer): string {
  if (!isSealed(value)) return value;
  const raw = Buffer.from(value.slice(PREFIX.length), 'base64url');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new UnsealError('the sealed value is cut short');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new UnsealError(
      "a secret sealed by the orc server cannot be opened with this worker's key: give the worker the server's key " +
        '(ORC_SECRET_KEY, or ORC_SECRET_KEY_FILE naming the server\'s <data dir>/secret-key)',
    );
  }
}

/** Seals each value of an environment; the names stay readable. */
export function sealValues(values: Readonly<Record<string, string>>, key: Buffer): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, seal(value, key)]));
}

export function unsealValues(values: Readonly<Record<string, string>>, key: Buffer): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, unseal(value, key)]));
}
