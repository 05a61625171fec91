// The Temporal dev server (`temporal server start-dev`): SQLite persistence in the data dir
// and its Web UI. Found from TEMPORAL_CLI, then PATH, else downloaded by @temporalio/testing.
import { Connection } from '@temporalio/client';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { spawnRestartableService, type RestartableService, type Supervision } from './child-process.ts';

export interface TemporalServer {
  address: string;
  uiUrl: string | null;
  stop(): Promise<void>;
  /**
   * Starts the server again after stop(), on the same port and SQLite file (durability
   * tests: check-ins must survive a server's downtime). Does nothing while it runs.
   */
  start?(): Promise<void>;
  /** stop(), then start(). */
  restart?(): Promise<void>;
  /** The server's process id (the latest one after a restart); unknown for a downloaded server. */
  readonly pid?: number | undefined;
  /**
   * Sends `signal` and resolves once the process has exited: SIGKILL stands in for a crash,
   * which a supervised server recovers from by itself.
   */
  kill?(signal?: NodeJS.Signals): Promise<void>;
}

export function findTemporalCli(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.TEMPORAL_CLI) return env.TEMPORAL_CLI;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'temporal');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

export async function temporalAnswers(address: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: '2s' });
  try {
    await connection.workflowService.getSystemInfo({});
    return true;
  } finally {
    await connection.close();
  }
}

export interface DevServerOptions {
  ip: string;
  port: number;
  uiPort: number | null;
  /** SQLite file; null keeps the server's state in memory (tests). */
  dbFile: string | null;
  logFile: string;
  /** See SpawnServiceOptions.detached. */
  detached?: boolean;
  /**
   * Start the server again when it dies on its own, on the same ports and SQLite file, so the
   * worker and the web app find it where they left it (`npm start`). Only with the Temporal
   * CLI: a server that @temporalio/testing downloads and runs is not supervised.
   */
  supervision?: Supervision;
}

/** The CLI's arguments: the same on every start, so a restarted server keeps its address and its state. */
export function devServerArgs(options: Pick<DevServerOptions, 'ip' | 'port' | 'uiPort' | 'dbFile'>): string[] {
  const args = ['server', 'start-dev', '--ip', options.ip, '--port', String(options.port), '--log-level', 'warn'];
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  if (options.uiPort === null) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort), '--ui-ip', options.ip);
  return args;
}

export async function startTemporalDevServer(options: DevServerOptions, env: NodeJS.ProcessEnv = process.env): Promise<TemporalServer> {
  const address = `${options.ip}:${options.port}`;
  const uiUrl = options.uiPort === null ? null : `http://${options.ip}:${options.uiPort}`;
  const cli = findTemporalCli(env);
  if (cli === null) return downloadAndStart(options, address, uiUrl);
  const launch = () =>
    spawnRestartableService(
      {
        name: 'temporal',
        command: cli,
        args: devServerArgs(options),
        env,
        logFile: options.logFile,
        detached: options.detached ?? false,
        readyProbe: () => temporalAnswers(address),
        timeoutMs: 60_000,
      },
      options.supervision,
    );
  let service: RestartableService | null = await launch();
  // Always the latest process, so a restarted server is the one stopped at the end; a stop
  // asked for here is not a crash, so the supervisor does not start it again.
  const stop = async () => {
    await service?.stop();
    service = null;
  };
  const start = async () => {
    service ??= await launch();
  };
  return {
    address,
    uiUrl,
    stop,
    start,
    restart: () => stop().then(start),
    get pid() {
      return service?.pid;
    },
    kill: async (signal) => service?.kill(signal),
  };
}
/** On a machine with internet and no Temporal CLI, the SDK's test package fetches one. */
async function downloadAndStart(options: DevServerOptions, address: string, uiUrl: string | null): Promise<TemporalServer> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const settings = {
    server: {
      executable: { type: 'cached-download' },
      ip: options.ip,
      port: options.port,
      ui: options.uiPort !== null,
      ...(options.uiPort !== null ? { uiPort: options.uiPort } : {}),
      ...(options.dbFile ? { dbFilename: options.dbFile } : {}),
    },
  } satisfies Parameters<typeof TestWorkflowEnvironment.createLocal>[0];
  let current: Awaited<ReturnType<typeof TestWorkflowEnvironment.createLocal>> | null = await TestWorkflowEnvironment.createLocal(settings);
  const stop = async () => {
    await current?.teardown();
    current = null;
  };
  const start = async () => {
    current ??= await TestWorkflowEnvironment.createLocal(settings);
  };
  return { address, uiUrl, stop, start, restart: () => stop().then(start) };
}
