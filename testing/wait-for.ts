// Tests against a real terminal program can only observe, so they poll with a deadline.

/** Polls until check returns a value other than undefined, or fails with the last observation. */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  { timeoutMs = 30_000, intervalMs = 100, describe = 'condition' }: { timeoutMs?: number; intervalMs?: number; describe?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${describe}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
