// Everything the bench starts registers here how to stop it, so that a failed section, an
// exception, Ctrl-C or a SIGTERM still leaves no stack, agent or tmux server behind.

interface Cleanup {
  name: string;
  /** The orderly way; bounded by `timeoutMs`, after which `force` (if any) runs. */
  run(): Promise<void>;
  /** Synchronous last resort, also used from the `exit` event where nothing async runs. */
  force?(): void;
  timeoutMs: number;
}

const pending: Cleanup[] = [];

/** Registers a cleanup; the returned function runs it now (once) and unregisters it. */
export function onCleanup(cleanup: Cleanup): () => Promise<void> {
  pending.push(cleanup);
  return () => runOne(cleanup);
}

async function runOne(cleanup: Cleanup): Promise<void> {
  const index = pending.indexOf(cleanup);
  if (index < 0) return;
  pending.splice(index, 1);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), cleanup.timeoutMs);
  });
  const outcome = await Promise.race([cleanup.run().then(() => 'done' as const, (err: unknown) => err), timedOut]);
  clearTimeout(timer);
  if (outcome !== 'done') {
    const why = outcome === 'timeout' ? `did not finish within ${cleanup.timeoutMs / 1000}s` : String(outcome);
    console.error(`  cleanup: ${cleanup.name} ${why}${cleanup.force ? '; forcing' : ''}`);
    cleanup.force?.();
  }
}

/** Runs every registered cleanup, newest first (agents before the stack they run on). */
export async function cleanupAll(): Promise<void> {
  while (pending.length > 0) await runOne(pending[pending.length - 1]!);
}

let installed = false;

/** Ctrl-C and SIGTERM clean up before exiting; a hard exit still runs the synchronous forces. */
export function installCleanupHandlers(): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`\nbench: ${signal}, stopping what it started …`);
      void cleanupAll().finally(() => process.exit(130));
    });
  }
  process.once('exit', () => {
    for (const cleanup of pending.splice(0).reverse()) {
      try {
        cleanup.force?.();
      } catch {
        // Exiting anyway: nothing better to do with a failed last resort.
      }
    }
  });
}
