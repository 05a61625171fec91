// The web server's settings, read from its environment once.
import { hostname } from 'node:os';
import type { TmuxSocket } from '$host/tmux/tmux.ts';
import { normalizeHostName } from '$domain/host-name.ts';
import { dataDirFrom } from '$domain/data-layout.ts';
import { parseDuration } from '$domain/durations.ts';

export interface ServerConfig {
  databaseUrl: string;
  /** The embedded PGlite serves one connection at a time, so the launcher sets this to 1. */
  databasePoolMax: number;
  temporalAddress: string;
  namespace: string;
  /** The host that agents run on when a request names none (the host of this server). */
  defaultHost: string;
  dataDir: string;
  /** Where agents' hooks and `orc` calls reach this server. */
  publicUrl: string;
  temporalUiUrl: string | null;
  /** The tmux server this host's worker runs agents in (same variables as the worker), for reading screens. */
  tmuxSocket: TmuxSocket;
  /**
   * Whether this server may read its host's agents' screens from the worker's tmux itself
   * (ORC_WEB_SHARES_TMUX=1, which `npm start` sets: same machine, same user). Otherwise, as in
   * Compose where the web's container has no tmux, screens are read through the agent's workflow.
   */
  sharesWorkerTmux: boolean;
  /**
   * How long an agent that stopped on a usage or rate limit waits before orc resumes it, when
   * its CLI named no reset time (ORC_USAGE_LIMIT_RETRY, default 5m; doubled at each hit in a row).
   */
  usageLimitRetryMs: number;
}

function usageLimitRetry(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 5 * 60_000;
  try {
    return parseDuration(raw);
  } catch (err) {
    throw new Error(`ORC_USAGE_LIMIT_RETRY=${raw} is not a duration: ${(err as Error).message} (for example 90s, 5m, 1h)`, { cause: err });
  }
}

export function readServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set: the web server needs PostgreSQL (npm start sets it for you)');
  const port = env.PORT ?? '3000';
  const host = env.HOST ?? '127.0.0.1';
  const reachableHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    databaseUrl,
    databasePoolMax: Number(env.DATABASE_POOL_MAX ?? '5'),
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    defaultHost: normalizeHostName(env.ORC_HOST_NAME ?? hostname()),
    dataDir: dataDirFrom(env),
    publicUrl: env.ORC_PUBLIC_URL ?? `http://${reachableHost}:${port}`,
    temporalUiUrl: env.ORC_TEMPORAL_UI_URL ?? null,
    tmuxSocket: { name: env.ORC_TMUX_SOCKET || undefined, path: env.ORC_TMUX_SOCKET_PATH || undefined },
    sharesWorkerTmux: ['1', 'true', 'yes'].includes((env.ORC_WEB_SHARES_TMUX ?? '').toLowerCase()),
    usageLimitRetryMs: usageLimitRetry(env.ORC_USAGE_LIMIT_RETRY),
  };
}
