// A PostgreSQL database that exists only for one test run. With ORC_TEST_DATABASE_URL (a
// server the tests may create databases on) a fresh database is created there; otherwise a
// whole throwaway cluster is made with the machine's initdb in a temp dir.
import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { freePort } from './free-port.ts';

const run = promisify(execFile);

export interface ThrowawayPostgres {
  url: string;
  stop(): Promise<void>;
}

function postgresBinDir(): string {
  const fromEnv = process.env.ORC_TEST_PG_BIN;
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => join(root, v, 'bin')).find((dir) => existsSync(join(dir, 'initdb')));
  if (!found) {
    throw new Error('no PostgreSQL found for the tests: install it (apt-get install -y postgresql), set ORC_TEST_PG_BIN to its bin dir, or set ORC_TEST_DATABASE_URL');
  }
  return found;
}

/** A new, empty database on a server the tests may create databases on; `stop` drops it. */
export async function createDatabaseOn(serverUrl: string): Promise<ThrowawayPostgres> {
  const name = `orc_test_${process.pid}_${Date.now()}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async stop() {
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => undefined });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

async function startCluster(): Promise<ThrowawayPostgres> {
  const bin = postgresBinDir();
  const dir = await mkdtemp(join(tmpdir(), 'orc-test-pg-'));
  const dataDir = join(dir, 'data');
  // initdb refuses to run as root; the cluster then belongs to the postgres user.
  const asRoot = process.getuid?.() === 0;
  // runuser lives in sbin, which a non-login PATH may lack.
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser'].find((p) => existsSync(p)) ?? 'runuser';
  const wrap = (cmd: string, args: string[]): [string, string[]] => (asRoot ? [runuser, ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  await run(...wrap(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']));
  const port = await freePort();
  const [cmd, args] = wrap(join(bin, 'postgres'), ['-D', dataDir, '-p', String(port), '-k', dir, '-h', '127.0.0.1', '-c', 'fsync=off']);
  const server = spawn(cmd, args, { stdio: 'ignore' });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const probe = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => undefined });
      await probe`select 1`;
      await probe.end();
      break;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`throwaway PostgreSQL did not start: ${String(err)}`, { cause: err });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    async stop() {
      // pg_ctl stops the postmaster itself; a signal to runuser would not reach it.
      await run(...wrap(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop'])).catch(() => undefined);
      if (server.exitCode === null) server.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const serverUrl = process.env.ORC_TEST_DATABASE_URL;
  return serverUrl ? createDatabaseOn(serverUrl) : startCluster();
}
