// `npm start`: the whole stack with one command. Ctrl-C stops everything it started.
import { startStack } from './stack/stack.ts';
import { formatSupervisorEvent, type SupervisorEvent } from './stack/supervisor.ts';
import { dataDirFrom } from '../domain/data-layout.ts';

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65_535) {
    throw new Error(`${name}=${raw} is not a port number (1 to 65535)`);
  }
  return value;
}

async function run() {
  const started = Date.now();
  let giveUp: (event: SupervisorEvent) => void = () => undefined;
  const stack = await startStack({
    dataDir: dataDirFrom(process.env),
    host: process.env.HOST ?? '127.0.0.1',
    port: intFromEnv('PORT', 3000),
    temporalAddress: process.env.TEMPORAL_ADDRESS || undefined,
    temporalPort: intFromEnv('ORC_TEMPORAL_PORT', 7233),
    temporalUiPort: intFromEnv('ORC_TEMPORAL_UI_PORT', 8233),
    persistTemporal: true,
    databaseUrl: process.env.DATABASE_URL || undefined,
    progress: (line) => console.log(`[orc] ${line}`),
    // A worker, web app or Temporal dev server that dies is started again; one that keeps dying stops the stack, loudly.
    supervise: (event) => {
      const line = `[orc] ${formatSupervisorEvent(event)}`;
      if (event.kind === 'gave-up') {
        console.error(line);
        giveUp(event);
      } else {
        console.log(line);
      }
    },
  });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[orc] ${signal}: stopping …`);
    stack.stop().then(
      () => {
        console.log('[orc] stopped');
        process.exit(0);
      },
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  giveUp = (event) => {
    if (stopping) return;
    stopping = true;
    void stack.stop().finally(() => process.exit(1));
    console.error(`[orc] stopping: ${event.name} cannot stay up`);
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `[orc] ready in ${seconds}s: dashboard ${stack.url}` +
      (stack.temporalUiUrl ? ` · Temporal Web UI ${stack.temporalUiUrl}` : ` · Temporal ${stack.temporalAddress}`) +
      ` · admin token in ${stack.adminTokenFile}`,
  );
}

run().catch((err: unknown) => {
  console.error(`[orc] could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
