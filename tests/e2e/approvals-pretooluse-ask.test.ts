// Claude Code's own permission rules never allow more than orc does. Its PreToolUse hook reaches
// orc before Claude Code looks at its rules; what orc does not allow (here a built-in hold: a cd
// out of the project) gets "ask", so Claude Code shows its dialog and fires PermissionRequest,
// which orc holds for a person, even where Claude Code's settings would have run it silently:
// - a project whose .claude/settings.local.json (which the agent can write) allows all of Bash;
// - a project where orc taught Claude Code a rule (`orc approve --always`).
// What orc allows, and what Claude Code never asks about, still runs with no person.
import { access, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createDatabase } from '../../db/client.ts';
import { permissionRequests } from '../../db/schema/permission-requests.ts';
import { issueToken } from '../../db/tokens.ts';
import { claudeTestCommand, envFlags, prepareClaudeCodeEnv } from '../../testing/claude-code.ts';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';
import { bashOnTrigger } from '../../testing/scripted-bash.ts';
import { startScriptedMessagesApi, type ScriptedMessagesApi } from '../../testing/scripted-messages-api.ts';

const team = uniqueName('preask');
const planted = `${team}/planted`;
const taught = `${team}/taught`;
let api: ScriptedMessagesApi;
let plantedProject: string;
let taughtProject: string;
/** Directories outside both projects whose `npm run test` would leave a marker file. */
const outside: Record<'planted' | 'taught', { dir: string; marker: string }> = { planted: { dir: '', marker: '' }, taught: { dir: '', marker: '' } };

type Pending = { id: string; agent: string; state: 'waiting' | 'in-dialog'; tool: string; command: string | null };
const pendingFor = async (agent: string) => (JSON.parse(await orc(['approvals', '--json'])) as Pending[]).filter((p) => p.agent === agent);
const exists = (path: string) => access(path).then(() => true, () => false);

async function project(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'demo', private: true, scripts: { test: 'echo tests-ran' } }));
  return dir;
}

/** A place outside the project whose test script leaves `orc-pwned-<random>` behind if it ever runs. */
async function outsidePlace(): Promise<{ dir: string; marker: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'orc-preask-outside-'));
  const marker = join(dir, `orc-pwned-${randomBytes(4).toString('hex')}`);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'elsewhere', private: true, scripts: { test: `touch ${marker}` } }));
  return { dir, marker };
}

async function idle(agent: string): Promise<void> {
  await eventually(async () => {
    const status = JSON.parse(await orc(['status', '--json'])) as Array<{ id: string; state: string }>;
    expect(status.find((a) => a.id === agent)?.state).toBe('idle');
  }, { timeoutMs: 60_000 });
}

/** Sends the trigger, and returns the request orc holds for a person for `command`. */
async function heldForAPerson(agent: string, trigger: string, command: string): Promise<Pending> {
  await idle(agent);
  expect(await orc(['send', agent, `${trigger} please`])).toContain('confirmed');
  const [pending] = await eventually(async () => {
    const list = await pendingFor(agent);
    expect(list.map((p) => [p.tool, p.command, p.state])).toEqual([['Bash', command, 'waiting']]);
    return list;
  }, { timeoutMs: 30_000 });
  if (pending === undefined) throw new Error('no pending request');
  return pending;
}

/** Denies the held request and waits until the agent got the denial back. */
async function denyAndWait(pending: Pending, trigger: string, reason: string): Promise<void> {
  expect(await orc(['deny', pending.id, '--reason', reason])).toContain(`denied ${pending.id}`);
  await eventually(async () => {
    const result = api.toolResultAfter(trigger);
    expect(result?.isError).toBe(true);
    expect(result?.content).toContain(reason);
  }, { timeoutMs: 30_000 });
}

async function rowsFor(agent: string, command: string) {
  const { db, sql } = createDatabase(inject('databaseUrl'), { max: 1 });
  try {
    return await db
      .select({ hook: permissionRequests.hook, status: permissionRequests.status, decidedBy: permissionRequests.decidedBy })
      .from(permissionRequests)
      .where(and(eq(permissionRequests.agentId, agent), eq(permissionRequests.commandText, command)));
  } finally {
    await sql.end();
  }
}

beforeAll(async () => {
  outside.planted = await outsidePlace();
  outside.taught = await outsidePlace();
  api = await startScriptedMessagesApi(
    bashOnTrigger({
      'RUN-OUTSIDE-PLANTED': `cd ${outside.planted.dir} && npm run test`,
      'RUN-OUTSIDE-TAUGHT': `cd ${outside.taught.dir} && npm run test`,
      'RUN-READ': 'cat package.json',
      'RUN-WATCH': 'npm run test -- --watch',
      'RUN-CI': 'npm run test -- --ci',
    }),
  );
  plantedProject = await project('orc-preask-planted-');
  taughtProject = await project('orc-preask-taught-');
  // Planted by whoever could write the project (the agent itself, say): Claude Code would run any command.
  await mkdir(join(plantedProject, '.claude'));
  await writeFile(join(plantedProject, '.claude', 'settings.local.json'), JSON.stringify({ permissions: { allow: ['Bash'] } }));
  const env = await prepareClaudeCodeEnv({ apiUrl: api.url, projectDirs: [plantedProject, taughtProject] });
  await orc(['agent', 'start', planted, '--project', plantedProject, '--cmd', claudeTestCommand(), ...envFlags(env)]);
  await orc(['agent', 'start', taught, '--project', taughtProject, '--cmd', claudeTestCommand(), ...envFlags(env)]);
});

afterAll(async () => {
  await runOrc(['agent', 'stop', planted]);
  await runOrc(['agent', 'stop', taught]);
  await api?.close();
});

describe("Claude Code's own rules never outrun orc", () => {
  it('a project that allows all of Bash: a cd out of the project waits in orc approvals, and a denial keeps it from running', async () => {
    const command = `cd ${outside.planted.dir} && npm run test`;
    const pending = await heldForAPerson(planted, 'RUN-OUTSIDE-PLANTED', command);
    expect(await exists(outside.planted.marker)).toBe(false);
    await denyAndWait(pending, 'RUN-OUTSIDE-PLANTED', 'stay in the project');
    expect(await exists(outside.planted.marker)).toBe(false);
    // One request, the PermissionRequest that orc's "ask" brought about, decided by a person.
    expect(await rowsFor(planted, command)).toEqual([{ hook: 'permission-request', status: 'denied', decidedBy: 'human' }]);
  });

  it('what Claude Code never asks about still runs with no person', async () => {
    await idle(planted);
    expect(await orc(['send', planted, 'RUN-READ now'])).toContain('confirmed');
    await eventually(async () => expect(api.toolResultAfter('RUN-READ')?.content).toContain('tests-ran'), { timeoutMs: 30_000 });
    expect(await pendingFor(planted)).toEqual([]);
  });

  it('a rule orc taught Claude Code allows what orc allows, and nothing orc holds', async () => {
    const watch = await heldForAPerson(taught, 'RUN-WATCH', 'npm run test -- --watch');
    expect(JSON.parse(await orc(['approve', watch.id, '--always', '--json']))).toMatchObject({ status: 'allowed', rules: [{ rule: 'Bash(npm run test *)' }] });
    await eventually(async () => expect(api.toolResultAfter('RUN-WATCH')?.content).toContain('tests-ran'), { timeoutMs: 30_000 });
    await eventually(async () => {
      const settings = JSON.parse(await readFile(join(taughtProject, '.claude', 'settings.local.json'), 'utf8')) as { permissions?: { allow?: string[] } };
      expect(settings.permissions?.allow).toContain('Bash(npm run test *)');
    });

    // Allowed by orc's rule: Claude Code runs it from its copy, no person.
    await idle(taught);
    expect(await orc(['send', taught, 'RUN-CI now'])).toContain('confirmed');
    await eventually(async () => expect(api.toolResultAfter('RUN-CI')?.content).toContain('tests-ran'), { timeoutMs: 30_000 });
    expect(await pendingFor(taught)).toEqual([]);

    // The same script, after a cd out of the project: orc holds it whatever rule it learned.
    const command = `cd ${outside.taught.dir} && npm run test`;
    const pending = await heldForAPerson(taught, 'RUN-OUTSIDE-TAUGHT', command);
    expect(await exists(outside.taught.marker)).toBe(false);
    await denyAndWait(pending, 'RUN-OUTSIDE-TAUGHT', 'not there');
    expect(await exists(outside.taught.marker)).toBe(false);
  });

  it('the hook answers: ask for a hold, nothing for a read in the project, for orc\'s own commands, or with bypassPermissions', async () => {
    // Posted as the agent's hook would be (its token names the agent), to pin each answer.
    const { db, sql } = createDatabase(inject('databaseUrl'), { max: 1 });
    const token = (await issueToken(db, { role: 'agent', name: 'preask-test-agent', agentId: planted })).token;
    await sql.end();
    const preToolUse = async (command: string, mode = 'default') => {
      const response = await fetch(`${inject('orcUrl')}/hooks/claude/pre-tool-use`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ hook_event_name: 'PreToolUse', permission_mode: mode, tool_name: 'Bash', tool_input: { command }, cwd: plantedProject }),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { hookSpecificOutput?: { permissionDecision?: string; permissionDecisionReason?: string } };
    };
    const held = await preToolUse('cd /tmp && npm run test');
    expect(held.hookSpecificOutput?.permissionDecision).toBe('ask');
    expect(held.hookSpecificOutput?.permissionDecisionReason).toMatch(/orc holds this for a person.*leaves the project/);
    expect((await preToolUse('make deploy')).hookSpecificOutput?.permissionDecision).toBe('ask');
    expect(await preToolUse('cat package.json')).toEqual({});
    expect(await preToolUse(`orc send ${taught} "hello"`)).toEqual({});
    expect(await preToolUse('make deploy', 'bypassPermissions')).toEqual({});
    expect((await preToolUse('cd /tmp && rm -rf /tmp/x')).hookSpecificOutput?.permissionDecision).toBe('deny');
  });
});
