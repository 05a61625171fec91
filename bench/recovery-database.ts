// Section 8, the database: the web app's and the worker's PostgreSQL connections are
// terminated from outside (pg_terminate_backend, as a failover or a DBA would), and the figure
// is how long until the API answers a query that reads the database again, by itself. The
// embedded PGlite is one session inside the launcher with nothing outside it to terminate, so
// this part runs a second `npm start` with DATABASE_URL on a throwaway PostgreSQL server.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { freePort } from '../testing/free-port.ts';
import { startThrowawayPostgres } from '../testing/throwaway-postgres.ts';
import { dataLayout } from '../domain/data-layout.ts';
import { onCleanup } from './cleanup.ts';
import { orc } from './orc-cli.ts';
import { TITLE, timeUntil } from './recovery.ts';
import { fmtMs, type Figures } from './report.ts';
import { startViaNpmStart } from './stack.ts';
import { killTmuxServerOnCleanup } from './tmux.ts';

/** The communication log through the API: answered only after a query to the database. */
async function apiReadsTheDatabase(url: string, token: string): Promise<boolean> {
  const input = encodeURIComponent(JSON.stringify({ limit: 1 }));
  const response = await fetch(`${url}/api/trpc/log.messages?input=${input}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(5_000) });
  return response.ok;
}

export async function databaseRecoverySection(baseEnv: NodeJS.ProcessEnv, project: string, figures: Figures) {
  const database = await startThrowawayPostgres();
  const stopDatabase = onCleanup({ name: 'throwaway PostgreSQL', timeoutMs: 30_000, run: () => database.stop() });
  const dataDir = await mkdtemp(join(tmpdir(), 'orc-bench-pg-'));
  const removeDataDir = onCleanup({ name: 'temp data dir (PostgreSQL stack)', timeoutMs: 30_000, run: () => rm(dataDir, { recursive: true, force: true }) });
  const tmuxSocket = `orc-bench-pg-${process.pid}`;
  killTmuxServerOnCleanup(tmuxSocket);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const agent = 'bench/db';
  console.log('  a second npm start, with DATABASE_URL on a throwaway PostgreSQL:');
  const stack = await startViaNpmStart({
    ...baseEnv,
    ORC_DATA_DIR: dataDir,
    PORT: String(port),
    ORC_TEMPORAL_PORT: String(await freePort()),
    ORC_TEMPORAL_UI_PORT: String(await freePort()),
    ORC_TMUX_SOCKET: tmuxSocket,
    TEMPORAL_ADDRESS: '',
    DATABASE_URL: database.url,
  });
  const admin = postgres(database.url, { max: 1, onnotice: () => undefined });
  let clientEnv: NodeJS.ProcessEnv = { ...process.env, ORC_URL: url };
  try {
    const token = (await readFile(dataLayout(dataDir).adminToken, 'utf8')).trim();
    clientEnv = { ...clientEnv, ORC_TOKEN: token };
    // Both pools have open connections to lose: the web app's (the API) and the worker's (the records of a send).
    await orc(['agent', 'start', agent, '--project', project, '--cmd', 'bash --norc --noprofile'], clientEnv);
    await orc(['send', agent, 'echo before-terminate'], clientEnv);
    await timeUntil('the API before the test', () => apiReadsTheDatabase(url, token));
    const terminated = await admin<Array<{ pid: number }>>`
      select pid, pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`;
    const firstAfter = await apiReadsTheDatabase(url, token).catch(() => false);
    const ms = await timeUntil('the API after its connections were terminated', () => apiReadsTheDatabase(url, token));
    const send = await orc(['send', agent, 'echo after-terminate'], clientEnv);
    console.log(
      `  ${terminated.length} database connections terminated → the API reads the database again: ${fmtMs(ms)} (the first request after ${firstAfter ? 'answered' : 'failed'}); ` +
        `the next send: ${send.stdout.trim()}\n`,
    );
    figures.add(TITLE, `database connections terminated (${terminated.length}) → API reads again`, `${fmtMs(ms)}, first request ${firstAfter ? 'ok' : 'failed'}`);
    return { connectionsTerminated: terminated.length, toApiReadsMs: Math.round(ms), firstRequestAfterOk: firstAfter, nextSend: send.stdout.trim() };
  } finally {
    await orc(['agent', 'stop', agent], clientEnv).catch(() => undefined);
    await admin.end({ timeout: 5 });
    await stack.stop();
    await removeDataDir();
    await stopDatabase();
  }
}
