// orc doctor's verdicts for machines in states this one is not in: each check's ok, warn and
// fail, and that every warn and fail carries its fix.
import { describe, expect, it } from 'vitest';
import {
  allPassed,
  checkBubblewrap,
  checkClaude,
  checkDatabase,
  checkNode,
  checkPorts,
  checkServer,
  checkTemporal,
  checkTmux,
  checkWorkers,
  judge,
  type DoctorFacts,
  type HealthFact,
  type PlannedPortFact,
  type WorkersFact,
} from './checks.ts';

const up: HealthFact = { reached: true, isOrc: true, temporal: { ok: true }, database: { ok: true } };
const down: HealthFact = { reached: false, error: 'connect ECONNREFUSED 127.0.0.1:3000' };
const URL = 'http://127.0.0.1:3000';

const healthy: DoctorFacts = {
  node: { version: '24.9.0', execPath: '/opt/node/bin/node' },
  tmux: { path: '/usr/bin/tmux', version: 'tmux 3.3a' },
  temporal: { address: null, cli: { path: '/repo/.tools/venv/bin/temporal', version: 'temporal version 1.9.1' }, toolsCli: '/repo/.tools/venv/bin/temporal' },
  server: { url: URL, health: up, token: { state: 'accepted' } },
  database: { external: null, direct: null, embeddedDir: '/repo/.data/pglite' },
  claude: { path: '/usr/local/bin/claude', version: '2.1.328 (Claude Code)', bundledForDemo: true },
  bubblewrap: { works: true, bwrap: '/usr/bin/bwrap', version: 'bubblewrap 0.8.0' },
  workers: { state: 'listed', hosts: [{ host: 'dev', presence: { state: 'up' }, pollers: 1, agents: 3 }], workflowPollers: 1 },
  ports: [{ host: '127.0.0.1', port: 3000, what: 'the web app', variable: 'PORT', inUse: true }],
};

describe('judge', () => {
  it('passes a machine with everything, one ok line per check', () => {
    const results = judge(healthy);
    expect(results.map((r) => [r.check, r.status])).toEqual([
      ['node', 'ok'], ['tmux', 'ok'], ['temporal', 'ok'], ['database', 'ok'], ['server', 'ok'], ['claude', 'ok'], ['workers', 'ok'], ['bubblewrap', 'ok'], ['ports', 'ok'],
    ]);
    expect(results.every((r) => r.fix === null)).toBe(true);
    expect(allPassed(results)).toBe(true);
  });

  it('gives every warning and failure a fix, and fails the run only on a failure', () => {
    const results = judge({
      ...healthy,
      claude: { path: null, version: null, bundledForDemo: false },
      server: { url: URL, health: down, token: { state: 'not-tried' } },
      workers: { state: 'not-tried', reason: 'the server did not take the token' },
      ports: [{ host: '127.0.0.1', port: 3000, what: 'the web app', variable: 'PORT', inUse: false }],
    });
    const notOk = results.filter((r) => r.status !== 'ok');
    expect(notOk.map((r) => [r.check, r.status])).toEqual([['server', 'fail'], ['claude', 'warn'], ['workers', 'warn']]);
    expect(notOk.every((r) => typeof r.fix === 'string' && r.fix.length > 0)).toBe(true);
    expect(allPassed(results)).toBe(false);
    expect(allPassed(results.filter((r) => r.status !== 'fail'))).toBe(true);
  });
});

describe('checkNode', () => {
  it('fails a Node that cannot run .ts files, naming the version and the fix', () => {
    expect(checkNode({ version: '22.17.1', execPath: '/usr/bin/node' })).toEqual({
      check: 'node',
      status: 'fail',
      detail: 'Node 22.17.1 at /usr/bin/node: orc needs >= 22.18 (24 LTS recommended)',
      fix: 'bash scripts/bootstrap.sh (installs Node 24 into .tools/)',
    });
    expect(checkNode({ version: '22.18.0', execPath: '/usr/bin/node' }).status).toBe('ok');
  });
});

describe('checkTmux', () => {
  it('fails when tmux is missing or older than 3.2', () => {
    expect(checkTmux({ path: null, version: null })).toMatchObject({ status: 'fail', fix: 'apt-get install -y tmux' });
    expect(checkTmux({ path: '/usr/bin/tmux', version: 'tmux 3.1c' })).toMatchObject({ status: 'fail', detail: 'tmux 3.1c at /usr/bin/tmux: orc needs tmux >= 3.2' });
    expect(checkTmux({ path: '/usr/bin/tmux', version: 'tmux 3.2' }).status).toBe('ok');
    expect(checkTmux({ path: '/usr/local/bin/tmux', version: 'tmux next-3.6' }).status).toBe('ok');
  });
});

describe('checkTemporal', () => {
  const none = { path: null, version: null };
  it('needs no CLI with TEMPORAL_ADDRESS', () => {
    expect(checkTemporal({ address: 'temporal:7233', cli: none, toolsCli: null })).toMatchObject({ status: 'ok', detail: expect.stringContaining('temporal:7233 (TEMPORAL_ADDRESS)') });
  });
  it('warns when npm start would download one, and points at the copy bootstrap installed', () => {
    expect(checkTemporal({ address: null, cli: none, toolsCli: '/repo/.tools/venv/bin/temporal' })).toMatchObject({
      status: 'warn',
      fix: 'start with bash scripts/bootstrap.sh, or export TEMPORAL_CLI=/repo/.tools/venv/bin/temporal',
    });
    expect(checkTemporal({ address: null, cli: none, toolsCli: null })).toMatchObject({ status: 'warn', fix: expect.stringContaining('bash scripts/bootstrap.sh') });
  });
  it('fails a CLI that is there but does not run', () => {
    expect(checkTemporal({ address: null, cli: { path: '/opt/temporal', version: null }, toolsCli: null })).toMatchObject({ status: 'fail', detail: '/opt/temporal (TEMPORAL_CLI or PATH) does not run' });
  });
});

describe('checkServer', () => {
  it('fails when orc does not answer, with the reason', () => {
    expect(checkServer({ url: URL, health: down, token: { state: 'not-tried' } })).toMatchObject({
      status: 'fail',
      detail: `orc does not answer at ${URL} (connect ECONNREFUSED 127.0.0.1:3000)`,
      fix: expect.stringContaining('npm start'),
    });
  });
  it('fails when something else listens there', () => {
    expect(checkServer({ url: URL, health: { reached: true, isOrc: false, status: 404 }, token: { state: 'not-tried' } })).toMatchObject({ status: 'fail', detail: expect.stringContaining('not as orc (GET /healthz: HTTP 404)') });
  });
  it('fails without a token, and with a refused one', () => {
    expect(checkServer({ url: URL, health: up, token: { state: 'missing', message: 'no token: set ORC_TOKEN' } })).toMatchObject({ status: 'fail', fix: expect.stringContaining('ORC_TOKEN') });
    expect(checkServer({ url: URL, health: up, token: { state: 'refused', message: 'unknown token' } })).toMatchObject({ status: 'fail', detail: `orc at ${URL} refused the token (unknown token)` });
  });
  it('fails when orc cannot reach Temporal', () => {
    const health: HealthFact = { ...up, temporal: { ok: false, error: 'no answer in 3000 ms' } } as HealthFact;
    expect(checkServer({ url: URL, health, token: { state: 'accepted' } })).toMatchObject({ status: 'fail', detail: expect.stringContaining('cannot reach Temporal (no answer in 3000 ms)') });
  });
});

describe('checkDatabase', () => {
  const embedded = { external: null, direct: null, embeddedDir: '/repo/.data/pglite' };
  it("takes the server's view when it answers", () => {
    expect(checkDatabase(embedded, up).status).toBe('ok');
    const health = { ...up, database: { ok: false, error: 'Connection terminated' } } as HealthFact;
    expect(checkDatabase(embedded, health)).toMatchObject({ status: 'fail', detail: 'orc cannot reach its database (Connection terminated)' });
  });
  it('without a server: the embedded one is fine, an external one must answer', () => {
    expect(checkDatabase(embedded, down)).toMatchObject({ status: 'ok', detail: 'embedded PostgreSQL (PGlite) in /repo/.data/pglite, started by npm start' });
    expect(checkDatabase({ ...embedded, external: 'db:5432/orc', direct: { ok: true } }, down).status).toBe('ok');
    expect(checkDatabase({ ...embedded, external: 'db:5432/orc', direct: { ok: false, error: 'getaddrinfo ENOTFOUND db' } }, down)).toMatchObject({
      status: 'fail',
      detail: 'PostgreSQL at db:5432/orc (DATABASE_URL) does not answer (getaddrinfo ENOTFOUND db)',
      fix: 'start PostgreSQL, or correct DATABASE_URL, or unset it to use the embedded one',
    });
  });
});

describe('checkClaude and checkBubblewrap', () => {
  it('only warns about Claude Code: agents can be other CLIs', () => {
    expect(checkClaude({ path: null, version: null, bundledForDemo: true })).toMatchObject({ status: 'warn', detail: expect.stringContaining('npm run demo uses the copy in node_modules') });
  });

  it('fails when agents cannot be sandboxed (they are by default), with why and how to turn it off', () => {
    expect(checkBubblewrap({ works: false, bwrap: null, problem: 'bubblewrap is not installed (no bwrap on PATH)', fix: 'apt-get install -y bubblewrap, or start agents with --no-sandbox (sandbox: off in a team spec)' })).toEqual({
      check: 'bubblewrap',
      status: 'fail',
      detail: 'agents cannot be sandboxed: bubblewrap is not installed (no bwrap on PATH)',
      fix: 'apt-get install -y bubblewrap, or start agents with --no-sandbox (sandbox: off in a team spec)',
    });
    expect(checkBubblewrap({ works: true, bwrap: '/usr/bin/bwrap', version: 'bubblewrap 0.8.0' })).toMatchObject({ status: 'ok', detail: "bubblewrap 0.8.0 at /usr/bin/bwrap builds agents' sandboxes" });
  });
});

describe('checkWorkers', () => {
  const listed = (hosts: Extract<WorkersFact, { state: 'listed' }>['hosts'], workflowPollers = 1): WorkersFact => ({ state: 'listed', hosts, workflowPollers });
  it('fails a host whose worker is gone, with the way to start it', () => {
    const problem = 'host vm unreachable: no worker has polled host/vm since 2026-11-30T12:00:00.000Z; on another machine start it with: ORC_HOST_NAME=vm node workers/host-worker.ts';
    expect(checkWorkers(listed([{ host: 'dev', presence: { state: 'up' }, pollers: 1, agents: 1 }, { host: 'vm', presence: { state: 'unreachable', problem }, pollers: 1, agents: 2 }]))).toEqual({
      check: 'workers',
      status: 'fail',
      detail: 'vm (2 agents): no worker polls its queue',
      fix: 'on another machine start it with: ORC_HOST_NAME=vm node workers/host-worker.ts',
    });
  });
  it('fails when nothing polls the workflow queue, and warns of a host never announced', () => {
    expect(checkWorkers(listed([{ host: 'dev', presence: { state: 'up' }, pollers: 1, agents: 0 }], 0))).toMatchObject({ status: 'fail', detail: 'no worker polls the workflow queue: no agent workflow can run' });
    expect(checkWorkers(listed([{ host: 'dev', presence: { state: 'unknown', problem: 'no worker has announced host dev' }, pollers: 0, agents: 0 }]))).toMatchObject({ status: 'warn' });
  });
  it('is ok with every host up, saying how many poll and run', () => {
    expect(checkWorkers(listed([{ host: 'dev', presence: { state: 'up' }, pollers: 1, agents: 3 }]))).toMatchObject({ status: 'ok', detail: 'dev: worker up, 1 polling, 3 agents' });
  });
});

describe('checkPorts', () => {
  const port = (n: number, inUse: boolean, variable = 'PORT'): PlannedPortFact => ({ host: '127.0.0.1', port: n, what: `thing ${n}`, variable, inUse });
  it('expects the ports in use while orc runs, and free while it does not', () => {
    expect(checkPorts([port(3000, true), port(7233, true)], up).status).toBe('ok');
    expect(checkPorts([port(3000, false), port(7233, false)], down)).toMatchObject({ status: 'ok', detail: 'free for npm start: 127.0.0.1:3000, 127.0.0.1:7233' });
  });
  it('fails a port taken by something else, naming the variable that moves it', () => {
    expect(checkPorts([port(3000, false), port(7233, true, 'ORC_TEMPORAL_PORT')], down)).toEqual({
      check: 'ports',
      status: 'fail',
      detail: 'in use while orc does not answer: 127.0.0.1:7233 (thing 7233)',
      fix: 'stop what listens there (ss -ltnp shows it), or set ORC_TEMPORAL_PORT to free ports',
    });
  });
});
