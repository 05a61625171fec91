// The zero-install database: PGlite (PostgreSQL compiled to WebAssembly) with its data in the
// data dir, served over the Postgres wire protocol on a Unix socket inside that dir, so only
// this user can reach it.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdir, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

const SOCKET_PORT = 5432;

function socketInUse(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startEmbeddedPostgres(dir: string): Promise<EmbeddedPostgres> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const socketPath = join(dir, `.s.PGSQL.${SOCKET_PORT}`);
  if (await socketInUse(socketPath)) {
    throw new Error(`the embedded database in ${dir} is in use by another orc; stop it first, or set ORC_DATA_DIR to another directory`);
  }
  await rm(socketPath, { force: true }); // left by a launcher that was killed
  const db = await PGlite.create(join(dir, 'data'));
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 16 });
  await server.start();
  return {
    url: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(dir)}`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
