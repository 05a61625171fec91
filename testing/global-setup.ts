// One stack for the whole test run: a Temporal dev server (in memory), a throwaway
// PostgreSQL, an isolated tmux server (its own socket), the host worker and the web app.
import { execFile } from 'node:child_process';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { startStack } from '../scripts/stack/stack.ts';
import { freePort } from './free-port.ts';
import { startThrowawayPostgres } from './throwaway-postgres.ts';

const run = promisify(execFile);

declare module 'vitest' {
  export interface ProvidedContext {
    orcUrl: string;
    adminToken: string;
    dataDir: string;
    tmuxSocket: string;
    temporalAddress: string;
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  const log = (line: string) => process.stderr.write(`[test stack] ${line}\n`);
  const dataDir = await mkdtemp(join(tmpdir(), 'orc-test-data-'));
  const tmuxSocket = `orc-test-${process.pid}`;
  const database = await startThrowawayPostgres();
  log(`PostgreSQL ready (${new URL(database.url).host})`);
  const stack = await startStack({
    dataDir,
    host: '127.0.0.1',
    port: await freePort(),
    temporalPort: await freePort(),
    temporalUiPort: null,
    persistTemporal: false,
    databaseUrl: database.url,
    // A short usage-limit back-off, so the usage-limit test sees an agent resume within seconds.
    env: { ORC_TMUX_SOCKET: tmuxSocket, ORC_HOST_NAME: 'test-host', ORC_USAGE_LIMIT_RETRY: '4s' },
    progress: log,
  }).catch(async (err: unknown) => {
    await database.stop();
    throw err;
  });
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)}s at ${stack.url}`);

  project.provide('orcUrl', stack.url);
  project.provide('adminToken', (await readFile(stack.adminTokenFile, 'utf8')).trim());
  project.provide('dataDir', dataDir);
  project.provide('tmuxSocket', tmuxSocket);
  project.provide('temporalAddress', stack.temporalAddress);
  project.provide('databaseUrl', database.url);

  return async () => {
    await stack.stop();
    await run('tmux', ['-L', tmuxSocket, 'kill-server']).catch(() => undefined);
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
