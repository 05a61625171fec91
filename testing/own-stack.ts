// A whole stack for one test file, apart from the shared one of the global setup: its own
// data dir, ports, tmux server, PostgreSQL and Temporal (persisted in SQLite). Durability
// tests kill its worker and stop its Temporal server without disturbing other test files.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startStack, type RunningStack } from '../scripts/stack/stack.ts';
import { formatSupervisorEvent, type SupervisorEvent } from '../scripts/stack/supervisor.ts';
import { findTemporalCli } from '../scripts/stack/temporal-server.ts';
import { freePort } from './free-port.ts';
import { orc, runOrc, type OrcResult } from './run-orc.ts';
import { startThrowawayPostgres } from './throwaway-postgres.ts';

const run = promisify(execFile);

export interface OwnStack {
  stack: RunningStack;
  dataDir: string;
  tmuxSocket: string;
  /** Its throwaway database, for a test that sets up rows a long history would have left. */
  databaseUrl: string;
  /** What the supervisor did (with `supervise`), in order. */
  supervisorEvents: SupervisorEvent[];
  /** The real `orc` CLI against this stack; fails with its stderr on a non-zero exit. */
  orc(args: string[]): Promise<string>;
  runOrc(args: string[]): Promise<OrcResult>;
  stop(): Promise<void>;
}

/** Fails with what to install, instead of a test that skips or times out unexplained. */
async function checkPrerequisites(): Promise<void> {
  await run('tmux', ['-V']).catch(() => {
    throw new Error('durability tests need tmux (>= 3.2) on PATH: apt-get install -y tmux');
  });
  if (findTemporalCli() === null) {
    process.stderr.write('[own stack] no Temporal CLI on PATH or in TEMPORAL_CLI: @temporalio/testing will download one (needs internet)\n');
  }
}

export interface OwnStackOptions {
  /** For the worker (and through tmux its agents) and the web app. */
  env?: NodeJS.ProcessEnv;
  /** Also serve the Temporal Web UI (on a free port); the dashboard then links to it. */
  temporalUi?: boolean;
  /** Supervise the worker, the web app and the Temporal dev server as `npm start` does; what the supervisor does is collected in `supervisorEvents`. */
  supervise?: boolean;
}

export async function startOwnStack(label: string, { env = {}, temporalUi = false, supervise = false }: OwnStackOptions = {}): Promise<OwnStack> {
  const supervisorEvents: SupervisorEvent[] = [];
  await checkPrerequisites();
  const log = (line: string) => process.stderr.write(`[${label} stack] ${line}\n`);
  const dataDir = await mkdtemp(join(tmpdir(), `orc-${label}-`));
  const tmuxSocket = `orc-${label}-${process.pid}`;
  const database = await startThrowawayPostgres().catch(async (err: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  });
  let stack: RunningStack;
  try {
    stack = await startStack({
      dataDir,
      host: '127.0.0.1',
      port: await freePort(),
      temporalPort: await freePort(),
      temporalUiPort: temporalUi ? await freePort() : null,
      persistTemporal: true,
      databaseUrl: database.url,
      env: { ...env, ORC_TMUX_SOCKET: tmuxSocket, ORC_HOST_NAME: `${label}-host` },
      progress: log,
      ...(supervise
        ? {
            supervise: (event: SupervisorEvent) => {
              supervisorEvents.push(event);
              log(formatSupervisorEvent(event));
            },
          }
        : {}),
    });
  } catch (err) {
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  const cliEnv = { ORC_URL: stack.url, ORC_TOKEN: (await readFile(stack.adminTokenFile, 'utf8')).trim() };
  return {
    stack,
    dataDir,
    tmuxSocket,
    databaseUrl: database.url,
    supervisorEvents,
    orc: (args) => orc(args, cliEnv),
    runOrc: (args) => runOrc(args, cliEnv),
    async stop() {
      await stack.stop();
      // tmux 3.3 leaves its socket file behind after kill-server; remove it too.
      const socketPath = (await run('tmux', ['-L', tmuxSocket, 'display-message', '-p', '#{socket_path}']).catch(() => ({ stdout: '' }))).stdout.trim();
      await run('tmux', ['-L', tmuxSocket, 'kill-server']).catch(() => undefined);
      if (socketPath !== '') await rm(socketPath, { force: true });
      await database.stop();
      // ORC_KEEP_OWN_STACK=1 keeps the data dir (logs, Temporal's SQLite) to read after a failure.
      if (process.env.ORC_KEEP_OWN_STACK === '1') log(`kept ${dataDir}`);
      else await rm(dataDir, { recursive: true, force: true });
    },
  };
}
