// The server's long-lived handles (database, Temporal client), made lazily on first use so
// that a down dependency shows up as a clear error on the request that needs it.
import { Client, Connection } from '@temporalio/client';
import { loadSecretKey } from '$host/secret-key.ts';
import { createDatabase, type Database } from '$db/client.ts';
import { readServerConfig, type ServerConfig } from './config.ts';

export interface Services {
  config: ServerConfig;
  db: Database;
  temporal(): Promise<Client>;
  /** Seals what goes into workflow inputs in secret (see domain/sealed-secret.ts); made on first use. */
  secretKey(): Promise<Buffer>;
}

let services: Services | undefined;

export function getServices(): Services {
  if (services) return services;
  const config = readServerConfig();
  const { db, sql } = createDatabase(config.databaseUrl, { max: config.databasePoolMax });
  let client: Promise<Client> | undefined;
  let secretKey: Promise<Buffer> | undefined;
  // adapter-node closes the HTTP server on SIGTERM; open connections would keep the process alive.
  process.once('sveltekit:shutdown', () => {
    void sql.end({ timeout: 2 });
    void client?.then((c) => c.connection.close()).catch(() => undefined);
  });
  services = {
    config,
    db,
    temporal() {
      client ??= Connection.connect({ address: config.temporalAddress, connectTimeout: '5s' })
        .then((connection) => new Client({ connection, namespace: config.namespace }))
        .catch((err: unknown) => {
          client = undefined; // try again on the next request
          throw err;
        });
      return client;
    },
    secretKey() {
      secretKey ??= loadSecretKey(process.env, config.dataDir, { create: true }).catch((err: unknown) => {
        secretKey = undefined;
        throw err;
      });
      return secretKey;
    },
  };
  return services;
}
