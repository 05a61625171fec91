// `orc doctor`'s look at this machine: which programs answer, whether orc's server answers and
// takes the token, whether the database answers, which of npm start's ports are taken. Only
// gathers facts (checks.ts judges them); every program runs as an argument array, with a timeout.
import { TRPCClientError } from '@trpc/client';
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { portInUse } from '../../scripts/stack/ports.ts';
import { findTemporalCli } from '../../scripts/stack/temporal-server.ts';
import { createOrcClient, readClientSettings } from '../client.ts';
import { CliError } from '../errors.ts';
import { readClientSettingsUrl } from '../server-url.ts';
import type { DoctorFacts, HealthFact, PlannedPortFact, ProgramFact, TokenFact, WorkersFact } from './checks.ts';
import { dataDirFrom, dataLayout } from '../../domain/data-layout.ts';
import { BWRAP_PROBE_ARGS, explainProbeFailure, type SandboxProbe } from '../../domain/sandbox-probe.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TIMEOUT_MS = 5_000;

const messageOf = (err: unknown): string => {
  // fetch hides the reason (ECONNREFUSED, …) in its cause.
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  return cause instanceof Error ? cause.message : String(cause);
};

export function findOnPath(program: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

/** The first line a program prints for its version, or null when it cannot be run. */
function versionLine(path: string, args: string[], env: NodeJS.ProcessEnv): Promise<string | null> {
  return new Promise((done) => {
    execFile(path, args, { env, timeout: TIMEOUT_MS }, (error, stdout, stderr) => {
      const line = `${stdout}`.trim().split('\n')[0] || `${stderr}`.trim().split('\n')[0] || '';
      done(error || line === '' ? null : line);
    });
  });
}

async function program(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<ProgramFact> {
  const path = findOnPath(name, env);
  return { path, version: path === null ? null : await versionLine(path, args, env) };
}

const kernelSwitch = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
};

/** The worker's sandbox probe (host/sandbox/bwrap-probe.ts), run here as the worker would. */
async function sandbox(env: NodeJS.ProcessEnv): Promise<SandboxProbe> {
  const bwrap = env.ORC_BWRAP || findOnPath('bwrap', env);
  const failed = (stderr: string): SandboxProbe => ({
    works: false,
    bwrap,
    ...explainProbeFailure(bwrap, stderr, {
      unprivilegedUsernsClone: kernelSwitch('/proc/sys/kernel/unprivileged_userns_clone'),
      maxUserNamespaces: kernelSwitch('/proc/sys/user/max_user_namespaces'),
      apparmorRestrictsUserns: kernelSwitch('/proc/sys/kernel/apparmor_restrict_unprivileged_userns'),
    }, process.getuid?.() ?? -1),
  });
  if (bwrap === null) return failed('');
  const stderr = await new Promise<string | null>((done) => {
    execFile(bwrap, BWRAP_PROBE_ARGS, { env, timeout: TIMEOUT_MS }, (error, _stdout, err) => done(error === null ? null : `${err}` || `exited with status ${String(error.code)}`));
  });
  if (stderr !== null) return failed(stderr);
  return { works: true, bwrap, version: await versionLine(bwrap, ['--version'], env) };
}

async function health(url: string): Promise<HealthFact> {
  let response: Response;
  try {
    response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    return { reached: false, error: messageOf(err) };
  }
  const body = (await response.json().catch(() => null)) as { ok?: unknown; temporal?: { ok: boolean; error?: string }; database?: { ok: boolean; error?: string } } | null;
  if (typeof body?.ok !== 'boolean' || !body.temporal || !body.database) return { reached: true, isOrc: false, status: response.status };
  return { reached: true, isOrc: true, temporal: body.temporal, database: body.database };
}

/** The server's view of its hosts' workers; asked only with a token the server took. */
async function workers(env: NodeJS.ProcessEnv): Promise<WorkersFact> {
  try {
    const list = await createOrcClient(readClientSettings(env)).hosts.list.query(undefined, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    return {
      state: 'listed',
      hosts: list.hosts.map((h) => ({ host: h.host, presence: h.presence, pollers: h.pollers.length, agents: h.agents })),
      workflowPollers: list.workflowPollers.length,
    };
  } catch (err) {
    if (err instanceof TRPCClientError && (err.data as { code?: string } | undefined)?.code === 'FORBIDDEN') {
      return { state: 'not-tried', reason: 'the token is not an admin token' };
    }
    return { state: 'error', message: messageOf(err) };
  }
}

async function token(env: NodeJS.ProcessEnv): Promise<TokenFact> {
  let settings;
  try {
    settings = readClientSettings(env);
  } catch (err) {
    if (err instanceof CliError) return { state: 'missing', message: err.message };
    throw err;
  }
  try {
    await createOrcClient(settings).teams.list.query(undefined, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    return { state: 'accepted' };
  } catch (err) {
    if (err instanceof TRPCClientError && (err.data as { code?: string } | undefined)?.code === 'UNAUTHORIZED') return { state: 'refused', message: err.message };
    return { state: 'error', message: messageOf(err) };
  }
}

/** DATABASE_URL without its password: host, port and database, or the socket directory. */
function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const socketDir = parsed.searchParams.get('host');
    return `${socketDir ?? `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}`}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL (not a URL)';
  }
}

async function askDatabase(url: string): Promise<{ ok: boolean; error?: string }> {
  const sql = postgres(url, { max: 1, connect_timeout: TIMEOUT_MS / 1000, idle_timeout: 1, onnotice: () => undefined });
  try {
    await sql`select 1`;
    return { ok: true };
  } catch (err) {
    return { ok: false, error: messageOf(err) };
  } finally {
    await sql.end({ timeout: 1 });
  }
}

function portFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number | null {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  return Number.isInteger(value) && value >= 1 && value <= 65_535 ? value : null;
}

/** The ports npm start is about to listen on, read from the same variables as scripts/start.ts. */
async function plannedPorts(env: NodeJS.ProcessEnv): Promise<PlannedPortFact[]> {
  const planned: Omit<PlannedPortFact, 'inUse'>[] = [];
  const add = (host: string, variable: string, fallback: number, what: string) => {
    const port = portFrom(env, variable, fallback);
    if (port !== null) planned.push({ host, port, what, variable });
  };
  add(env.HOST ?? '127.0.0.1', 'PORT', 3000, 'the web app');
  if (!env.TEMPORAL_ADDRESS) {
    add('127.0.0.1', 'ORC_TEMPORAL_PORT', 7233, "Temporal's dev server");
    add('127.0.0.1', 'ORC_TEMPORAL_UI_PORT', 8233, "Temporal's Web UI");
  }
  // A port that cannot even be probed (a privileged one, an address not on this machine) is not free either.
  return Promise.all(planned.map(async (p) => ({ ...p, inUse: await portInUse(p).catch(() => true) })));
}

export async function gatherFacts(env: NodeJS.ProcessEnv = process.env): Promise<DoctorFacts> {
  const url = readClientSettingsUrl(env);
  const temporalCliPath = findTemporalCli(env);
  const toolsTemporal = join(REPO_ROOT, '.tools', 'venv', 'bin', 'temporal');
  const claudeForDemo = join(REPO_ROOT, 'node_modules', '@anthropic-ai', `claude-code-${process.platform}-${process.arch}`, 'claude');
  const [tmux, temporalVersion, claude, bubblewrap, healthFact, ports] = await Promise.all([
    program('tmux', ['-V'], env),
    temporalCliPath === null ? Promise.resolve(null) : versionLine(temporalCliPath, ['--version'], env),
    program('claude', ['--version'], env),
    sandbox(env),
    health(url),
    plannedPorts(env),
  ]);
  const serverAnswers = healthFact.reached && healthFact.isOrc;
  const databaseUrl = env.DATABASE_URL || null;
  const tokenFact: TokenFact = serverAnswers ? await token(env) : { state: 'not-tried' };
  return {
    node: { version: process.versions.node, execPath: process.execPath },
    tmux,
    temporal: {
      address: env.TEMPORAL_ADDRESS || null,
      cli: { path: temporalCliPath, version: temporalVersion },
      toolsCli: existsSync(toolsTemporal) ? toolsTemporal : null,
    },
    server: { url, health: healthFact, token: tokenFact },
    database: {
      external: databaseUrl === null ? null : describeDatabaseUrl(databaseUrl),
      // The server's own view is the one that counts; without a server, ask PostgreSQL directly.
      direct: !serverAnswers && databaseUrl !== null ? await askDatabase(databaseUrl) : null,
      embeddedDir: dataLayout(dataDirFrom(env)).pgliteDir,
    },
    claude: { ...claude, bundledForDemo: existsSync(claudeForDemo) },
    bubblewrap,
    workers: tokenFact.state === 'accepted' ? await workers(env) : { state: 'not-tried', reason: 'the server did not take the token' },
    ports,
  };
}
