// Delivery is at-least-once underneath (activities retry) and exactly-once as the agent sees
// it: before a message's first keystroke, its id is written here and flushed to disk, and a
// retried delivery that finds its id here never types the text again.
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface DeliveryLedger {
  /** Records the id; returns false if it was recorded before (the text may already be typed). */
  claim(messageId: string): Promise<boolean>;
  /** Whether the id was recorded (a claim in flight may not show yet: claim decides). */
  has(messageId: string): boolean;
}

export async function openDeliveryLedger(file: string): Promise<DeliveryLedger> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const seen = new Set<string>();
  try {
    for (const line of (await readFile(file, 'utf8')).split('\n')) if (line) seen.add(line);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  let queue: Promise<unknown> = Promise.resolve();
  return {
    has: (messageId) => seen.has(messageId),
    claim(messageId) {
      // Serialised so two concurrent claims of one id cannot both win.
      const result = queue.then(async () => {
        if (seen.has(messageId)) return false;
        seen.add(messageId);
        const handle = await open(file, 'a', 0o600);
        try {
          await handle.appendFile(`${messageId}\n`);
          await handle.sync();
        } finally {
          await handle.close();
        }
        return true;
      });
      queue = result.catch(() => undefined);
      return result;
    },
  };
}
