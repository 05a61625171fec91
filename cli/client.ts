// The CLI's connection to the server: a typed tRPC client (it imports only the router's type).
import { createTRPCClient, httpLink } from '@trpc/client';
import { readFileSync } from 'node:fs';
import type { AppRouter } from '../web/src/lib/server/api/router.ts';
import { CliError } from './errors.ts';
import { readClientSettingsUrl } from './server-url.ts';
import { dataDirFrom, dataLayout } from '../domain/data-layout.ts';

export interface ClientSettings {
  url: string;
  token: string;
}

export function readClientSettings(env: NodeJS.ProcessEnv = process.env): ClientSettings {
  const url = readClientSettingsUrl(env);
  const token = env.ORC_TOKEN || env.ORC_AGENT_TOKEN || readTokenFile(env);
  return { url, token };
}

function readTokenFile(env: NodeJS.ProcessEnv): string {
  const file = dataLayout(dataDirFrom(env)).adminToken;
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    throw new CliError(`no token: set ORC_TOKEN, or run orc where ${file} exists (npm start writes it on first start)`);
  }
}

export type OrcClient = ReturnType<typeof createOrcClient>;

export function createOrcClient(settings: ClientSettings) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${settings.url}/api/trpc`, headers: { authorization: `Bearer ${settings.token}` } })],
  });
}
