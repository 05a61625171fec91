// Everything a host worker needs, from its environment, checked once at start.
import { hostname } from 'node:os';
import { normalizeHostName } from '../domain/host-name.ts';
import { dataDirFrom } from '../domain/data-layout.ts';

export interface WorkerConfig {
  temporalAddress: string;
  namespace: string;
  hostName: string;
  dataDir: string;
  databaseUrl: string | null;
  tmuxSocket: { name?: string; path?: string };
  /** Hear panes print through tmux control mode (ORC_PANE_OUTPUT_EVENTS, on unless `0`); off: the screen fallback polls every pane. */
  paneOutputEvents: boolean;
}

function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (value === '1' || value === '0') return value === '1';
  throw new Error(`${name} must be 1 (on) or 0 (off), not ${JSON.stringify(value)}`);
}

export function readWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return {
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    hostName: normalizeHostName(env.ORC_HOST_NAME ?? hostname()),
    dataDir: dataDirFrom(env),
    databaseUrl: env.DATABASE_URL || null,
    tmuxSocket: { name: env.ORC_TMUX_SOCKET || undefined, path: env.ORC_TMUX_SOCKET_PATH || undefined },
    paneOutputEvents: onOff(env, 'ORC_PANE_OUTPUT_EVENTS', true),
  };
}
