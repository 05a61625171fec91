// `orc doctor`, the real command, against the test stack and against nothing: it finds the
// running orc and its database, says what is wrong when they are not there (or the token is),
// and exits 1 exactly when a check fails.
import { describe, expect, inject, it } from 'vitest';
import type { CheckResult } from '../../cli/doctor/checks.ts';
import { freePort } from '../../testing/free-port.ts';
import { runOrc } from '../../testing/run-orc.ts';

interface Report {
  ok: boolean;
  checks: CheckResult[];
}

const byName = (report: Report) => Object.fromEntries(report.checks.map((c) => [c.check, c]));

/** npm start's ports moved to free ones, so that what else runs on this machine does not decide. */
async function freeStackPorts() {
  return { PORT: String(await freePort()), ORC_TEMPORAL_PORT: String(await freePort()), ORC_TEMPORAL_UI_PORT: String(await freePort()) };
}

describe('orc doctor', () => {
  it('finds the running orc, takes its token, and reaches its database through it', async () => {
    const result = await runOrc(['doctor', '--json']);
    const report = JSON.parse(result.stdout) as Report;
    const checks = byName(report);
    expect(Object.keys(checks)).toEqual(['node', 'tmux', 'temporal', 'database', 'server', 'claude', 'workers', 'bubblewrap', 'ports']);
    // The test stack's worker polls its host's queue, and its presence says so.
    expect(checks.workers).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^\S+: worker up, [1-9]\d* polling, \d+ agents$/) });
    expect(checks.server).toMatchObject({ status: 'ok', detail: `orc answers at ${inject('orcUrl')}, takes the token and reaches Temporal` });
    expect(checks.database).toMatchObject({ status: 'ok', detail: 'orc reaches its database' });
    expect(checks.node?.status).toBe('ok');
    expect(checks.tmux?.status).toBe('ok');
    expect(report.checks.every((c) => ['ok', 'warn', 'fail'].includes(c.status) && (c.status === 'ok') === (c.fix === null))).toBe(true);
    expect(report.ok).toBe(report.checks.every((c) => c.status !== 'fail'));
    expect(result.code).toBe(report.ok ? 0 : 1);
  });

  it('fails, with the fix, when no orc answers; asks the database itself then', async () => {
    const env = { ORC_URL: `http://127.0.0.1:${await freePort()}`, DATABASE_URL: inject('databaseUrl'), ...(await freeStackPorts()) };
    const json = await runOrc(['doctor', '--json'], env);
    expect(json.code).toBe(1);
    const checks = byName(JSON.parse(json.stdout) as Report);
    expect(checks.server).toMatchObject({ status: 'fail', fix: 'start it with npm start (or bash scripts/bootstrap.sh), or point ORC_URL at it' });
    expect(checks.server?.detail).toMatch(/^orc does not answer at http:\/\/127\.0\.0\.1:\d+ \(.*ECONNREFUSED.*\)$/);
    expect(checks.database).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^PostgreSQL at .+ \(DATABASE_URL\) answers$/) });
    expect(checks.ports).toMatchObject({ status: 'ok', detail: expect.stringContaining(`127.0.0.1:${env.PORT}`) });

    const human = await runOrc(['doctor'], env);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/^server +fail +orc does not answer at /m);
    expect(human.stdout).toContain('  server (fail): start it with npm start (or bash scripts/bootstrap.sh), or point ORC_URL at it\n');
    expect(human.stdout).toMatch(/\n\d+ checks? failed/);
  });

  it('fails a database that does not answer, and a token the server refuses', async () => {
    const noDatabase = await runOrc(['doctor', '--json'], { ORC_URL: `http://127.0.0.1:${await freePort()}`, DATABASE_URL: `postgres://orc:secret@127.0.0.1:${await freePort()}/orc`, ...(await freeStackPorts()) });
    const database = byName(JSON.parse(noDatabase.stdout) as Report).database;
    expect(database).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^PostgreSQL at 127\.0\.0\.1:\d+\/orc \(DATABASE_URL\) does not answer/) });
    expect(database?.detail).not.toContain('secret');

    const badToken = await runOrc(['doctor', '--json'], { ORC_TOKEN: 'orc_not-a-real-token' });
    expect(badToken.code).toBe(1);
    expect(byName(JSON.parse(badToken.stdout) as Report).server).toMatchObject({ status: 'fail', detail: expect.stringContaining('refused the token') });
  });
});
