// Brings the whole stack up in order (Temporal, PostgreSQL, migrations and the admin token,
// the host worker, the web app) and down in reverse. Used by `npm start` and the tests.
import { chmod, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSecretKey } from '../../host/secret-key.ts';
import { ensureAdminToken } from '../../db/admin-token.ts';
import { createDatabase } from '../../db/client.ts';
import { applyMigrations } from '../../db/migrate.ts';
import { checkPortsFree } from './ports.ts';
import { spawnRestartableService, waitUntil, type RestartableService } from './child-process.ts';
import type { SupervisorEvent } from './supervisor.ts';
import { writeWorkflowBundle } from './workflow-bundle.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { startTemporalDevServer, type TemporalServer } from './temporal-server.ts';
import { buildWeb, webBuildIsStale } from './web-build.ts';
import { dataLayout } from '../../domain/data-layout.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface StackOptions {
  dataDir: string;
  host: string;
  port: number;
  /** Use this Temporal server and start none. */
  temporalAddress?: string | undefined;
  temporalIp?: string;
  temporalPort: number;
  temporalUiPort: number | null;
  /** Keep Temporal's state in SQLite under the data dir (false: in memory, for tests). */
  persistTemporal: boolean;
  /** Use this PostgreSQL and start none. */
  databaseUrl?: string | undefined;
  /**
   * Start Temporal, the worker and the web app in sessions of their own, so that a Ctrl-C at
   * the terminal reaches only the launcher, which stops them in order. The demo needs this:
   * it stops its team through the worker and the web app after the Ctrl-C.
   */
  detachChildren?: boolean;
  /** Extra environment for the worker (and, through tmux, the agents) and the web app. */
  env?: NodeJS.ProcessEnv;
  /**
   * Start the worker and the web app again when they die on their own (`npm start` does; the
   * durability tests kill and restart them by hand instead), and the Temporal dev server too
   * when this stack started it with its state in SQLite (one kept in memory would come back
   * empty); each event says what happened.
   */
  supervise?: (event: SupervisorEvent) => void;
  progress(line: string): void;
}

export interface RunningStack {
  url: string;
  temporalAddress: string;
  temporalUiUrl: string | null;
  databaseUrl: string;
  adminTokenFile: string;
  /** The host worker: durability tests kill it (SIGKILL) and restart it with the same env. */
  worker: RestartableService;
  web: RestartableService;
  /** The dev server this stack started (null with TEMPORAL_ADDRESS); tests stop and start it. */
  temporal: TemporalServer | null;
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions): Promise<RunningStack> {
  const dataDir = resolve(options.dataDir);
  const layout = dataLayout(dataDir);
  const logDir = layout.logDir;
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne().catch(() => undefined);
  };
  const { progress } = options;
  try {
    await checkPortsFree([
      { host: options.host, port: options.port, what: 'the web app', variable: 'PORT' },
      ...(options.temporalAddress
        ? []
        : [
            { host: options.temporalIp ?? '127.0.0.1', port: options.temporalPort, what: "Temporal's dev server", variable: 'ORC_TEMPORAL_PORT' },
            ...(options.temporalUiPort === null ? [] : [{ host: options.temporalIp ?? '127.0.0.1', port: options.temporalUiPort, what: "Temporal's Web UI", variable: 'ORC_TEMPORAL_UI_PORT' }]),
          ]),
    ]);
    await mkdir(logDir, { recursive: true, mode: 0o700 });
    await chmod(dataDir, 0o700);

    let temporalAddress = options.temporalAddress;
    let temporalUiUrl: string | null = null;
    let temporalServer: TemporalServer | null = null;
    if (temporalAddress) {
      progress(`temporal: using ${temporalAddress} (TEMPORAL_ADDRESS)`);
    } else {
      progress('temporal: starting the dev server …');
      const temporal = await startTemporalDevServer({
        ip: options.temporalIp ?? '127.0.0.1',
        port: options.temporalPort,
        uiPort: options.temporalUiPort,
        dbFile: options.persistTemporal ? layout.temporalDb : null,
        logFile: join(logDir, 'temporal.log'),
        detached: options.detachChildren ?? false,
        ...(options.supervise && options.persistTemporal ? { supervision: { onEvent: options.supervise } } : {}),
      });
      stops.push(temporal.stop);
      temporalServer = temporal;
      temporalAddress = temporal.address;
      temporalUiUrl = temporal.uiUrl;
      progress(`temporal: ready at ${temporalAddress}${temporalUiUrl ? `, Web UI ${temporalUiUrl}` : ''}`);
    }

    let databaseUrl = options.databaseUrl;
    let poolMax = '5';
    let embeddedDatabase = false;
    if (databaseUrl) {
      progress('database: using DATABASE_URL');
    } else {
      progress('database: starting embedded PostgreSQL (PGlite) …');
      const embedded = await startEmbeddedPostgres(layout.pgliteDir);
      stops.push(embedded.stop);
      databaseUrl = embedded.url;
      // PGlite is one database session: two clients' statements would interleave in it. So the
      // web app is its only client (one connection), and it also writes the workflows' records.
      poolMax = '1';
      embeddedDatabase = true;
      progress(`database: embedded PostgreSQL ready in ${layout.pgliteDir}`);
    }
    const { db, sql } = createDatabase(databaseUrl, { max: 1 });
    try {
      await applyMigrations(db);
      const token = await ensureAdminToken(db, layout.adminToken);
      progress(`database: migrations applied; admin token ${token.created ? 'created in' : 'kept in'} ${token.file}`);
    } finally {
      await sql.end();
    }
    // Made before the worker starts: a worker only reads the key the server seals with.
    await loadSecretKey({ ...process.env, ...options.env }, dataDir, { create: true });

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...options.env,
      ORC_DATA_DIR: dataDir,
      TEMPORAL_ADDRESS: temporalAddress,
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_MAX: poolMax,
      HOST: options.host,
      PORT: String(options.port),
      ...(temporalUiUrl ? { ORC_TEMPORAL_UI_URL: temporalUiUrl } : {}),
    };
    progress('worker: bundling the workflow code …');
    await writeWorkflowBundle(layout.workflowBundle);
    const workerEnv: NodeJS.ProcessEnv = { ...env, ORC_WORKFLOW_BUNDLE: layout.workflowBundle, ...(embeddedDatabase ? { DATABASE_URL: '' } : {}) };
    // The web runs beside the worker, as the same user: it may read screens from the worker's tmux.
    const webEnv: NodeJS.ProcessEnv = { ...env, ORC_WEB_SHARES_TMUX: '1', ...(embeddedDatabase ? { ORC_RECORDS_IN_WEB: '1' } : {}) };

    const supervision = options.supervise ? { onEvent: options.supervise } : undefined;
    progress('worker: starting the host worker …');
    const worker = await spawnRestartableService({
      name: 'worker',
      command: process.execPath,
      args: [join(REPO_ROOT, 'workers', 'host-worker.ts')],
      env: workerEnv,
      logFile: join(logDir, 'worker.log'),
      readyLine: /^worker ready/,
      timeoutMs: 120_000,
      detached: options.detachChildren ?? false,
    }, supervision);
    stops.push(worker.stop);
    progress('worker: polling its queues');

    if (await webBuildIsStale(REPO_ROOT)) {
      progress('web: building the app (first start, or sources changed) …');
      await buildWeb(REPO_ROOT, join(logDir, 'web-build.log'));
    }
    progress('web: starting …');
    const web = await spawnRestartableService({
      name: 'web',
      command: process.execPath,
      args: [join(REPO_ROOT, 'web', 'build', 'index.js')],
      env: webEnv,
      logFile: join(logDir, 'web.log'),
      readyLine: /^Listening on /,
      detached: options.detachChildren ?? false,
    }, supervision);
    stops.push(web.stop);
    const reachable = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
    const url = `http://${reachable}:${options.port}`;
    await waitUntil('web app', async () => (await fetch(`${url}/healthz`)).ok, 60_000);
    return {
      url,
      temporalAddress,
      temporalUiUrl,
      databaseUrl,
      adminTokenFile: layout.adminToken,
      worker,
      web,
      temporal: temporalServer,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
