// Approval learning with the real Claude Code CLI: a Bash command no rule covers waits for a
// person (`orc approvals`); `orc approve --always` lets it run, teaches orc a rule and makes
// Claude Code write the rule into the project's .claude/settings.local.json; the same kind of
// command is then decided without a person (by Claude Code's own copy in that project, by
// orc's rule for a teammate in another project), and `orc stats` counts both once, as decided by
// the rule; a deny rule blocks; a compound command with one unapproved part still waits; viewer
// and agent tokens cannot answer; a request whose wait ran out stays listed until the agent
// moves on.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
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

const team = uniqueName('approve');
const first = `${team}/first`;
const second = `${team}/second`;
let api: ScriptedMessagesApi;
let firstProject: string;
let viewerToken: string;
let agentToken: string;

// Each trigger word in a message makes the scripted model run one Bash command.
const COMMANDS: Record<string, string> = {
  'RUN-WATCH': 'npm run test -- --watch',
  'RUN-CI': 'npm run test -- --ci',
  'RUN-PUBLISH': 'npm publish --dry-run',
  'RUN-COMPOUND': 'npm run test -- --ci && make deploy',
};

type Pending = { id: string; agent: string; state: 'waiting' | 'in-dialog'; tool: string; command: string | null; ageMs: number; timedOutAt: string | null };
const pendingFor = async (agent: string) => (JSON.parse(await orc(['approvals', '--json'])) as Pending[]).filter((p) => p.agent === agent);

/** The tool_result the CLI sent back after running (or being refused) `command`. */
function toolResultAfter(command: string) {
  const trigger = Object.entries(COMMANDS).find(([, c]) => c === command)?.[0] ?? '';
  return api.toolResultAfter(trigger);
}

async function project(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'demo', private: true, scripts: { test: 'echo tests-ran' } }));
  return dir;
}

async function idle(agent: string): Promise<void> {
  await eventually(async () => {
    const status = JSON.parse(await orc(['status', '--json'])) as Array<{ id: string; state: string }>;
    expect(status.find((a) => a.id === agent)?.state).toBe('idle');
  }, { timeoutMs: 60_000 });
}

beforeAll(async () => {
  api = await startScriptedMessagesApi(bashOnTrigger(COMMANDS));
  firstProject = await project('orc-approvals-a-');
  const secondProject = await project('orc-approvals-b-');
  const env = await prepareClaudeCodeEnv({ apiUrl: api.url, projectDirs: [firstProject, secondProject] });
  const cmd = claudeTestCommand();
  await orc(['agent', 'start', first, '--project', firstProject, '--cmd', cmd, ...envFlags(env)]);
  await orc(['agent', 'start', second, '--project', secondProject, '--cmd', cmd, ...envFlags(env)]);

  const { db, sql } = createDatabase(inject('databaseUrl'), { max: 1 });
  viewerToken = (await issueToken(db, { role: 'viewer', name: 'approvals-test-viewer' })).token;
  agentToken = (await issueToken(db, { role: 'agent', name: 'approvals-test-agent', agentId: first })).token;
  await sql.end();
});

afterAll(async () => {
  await runOrc(['agent', 'stop', first]);
  await runOrc(['agent', 'stop', second]);
  await api?.close();
});

describe('approval learning', () => {
  it('holds an unknown command for a person; only an admin may answer; --always teaches orc and Claude Code', async () => {
    expect(await orc(['send', first, 'RUN-WATCH please'])).toContain('confirmed');
    // The hook waits 20 s (ORC_APPROVAL_WAIT_MS) for an answer: everything below happens inside it.
    const [pending] = await eventually(async () => {
      const list = await pendingFor(first);
      expect(list.map((p) => [p.tool, p.command, p.state])).toEqual([['Bash', 'npm run test -- --watch', 'waiting']]);
      return list;
    });
    const id = pending?.id ?? '';

    const asViewer = await runOrc(['approve', id], { ORC_TOKEN: viewerToken });
    expect(asViewer.code).not.toBe(0);
    expect(asViewer.stderr).toMatch(/viewer token can only read/);
    const asAgent = await runOrc(['approve', id, '--always'], { ORC_TOKEN: agentToken });
    expect(asAgent.code).not.toBe(0);
    expect(asAgent.stderr).toMatch(/agent token .* can never approve/);
    expect((await pendingFor(first)).map((p) => p.id)).toEqual([id]);

    const approved = JSON.parse(await orc(['approve', id, '--always', '--scope', 'team', '--json'])) as { status: string; rules: { rule: string }[] };
    expect(approved).toMatchObject({ status: 'allowed', rules: [{ rule: 'Bash(npm run test *)' }] });

    // The command ran: the model got its output back.
    await eventually(async () => expect(toolResultAfter('npm run test -- --watch')?.content).toContain('tests-ran'), { timeoutMs: 30_000 });
    // Claude Code wrote the rule, in its own syntax, into the project's local settings.
    await eventually(async () => {
      const settings = JSON.parse(await readFile(join(firstProject, '.claude', 'settings.local.json'), 'utf8')) as { permissions?: { allow?: string[] } };
      expect(settings.permissions?.allow).toContain('Bash(npm run test *)');
    });
    const rules = JSON.parse(await orc(['rules', 'list', '--json'])) as Array<{ rule: string; effect: string; scope: string; scopeKey: string; source: string }>;
    expect(rules).toContainEqual(expect.objectContaining({ rule: 'Bash(npm run test *)', effect: 'allow', scope: 'team', scopeKey: team, source: 'human' }));
  });

  it('decides the same kind of command with no person: in the project by Claude Code, for a teammate by orc\'s rule', async () => {
    await idle(first);
    expect(await orc(['send', first, 'RUN-CI in the first project'])).toContain('confirmed');
    await eventually(async () => expect(toolResultAfter('npm run test -- --ci')?.content).toContain('tests-ran'), { timeoutMs: 30_000 });

    await idle(second);
    expect(await orc(['send', second, 'RUN-CI in the second project'])).toContain('confirmed');
    await eventually(async () => {
      const results = api.requests.filter((r) => !r.sideQuery && r.userText?.includes('RUN-CI in the second') && r.toolResults.length > 0);
      expect(results[0]?.toolResults[0]?.content).toContain('tests-ran');
    }, { timeoutMs: 30_000 });
    expect(await pendingFor(second)).toEqual([]);
    type Stats = { agents: Array<{ agent: string; requests: number; autoDecided: number; humanDecided: number }>; topRules: Array<{ rule: string; hitCount: number }> };
    const stats = JSON.parse(await orc(['stats', '--json'])) as Stats;
    // Claude Code ran the first project's command by itself, from its copy of the rule; orc
    // heard of it through PreToolUse and counts it as decided by the rule, once.
    expect(stats.agents.find((a) => a.agent === first)).toMatchObject({ requests: 2, autoDecided: 1, humanDecided: 1 });
    // The teammate's Claude Code asked: PreToolUse and PermissionRequest are one request.
    expect(stats.agents.find((a) => a.agent === second)).toMatchObject({ requests: 1, autoDecided: 1, humanDecided: 0 });
    expect(stats.topRules.find((r) => r.rule === 'Bash(npm run test *)')?.hitCount).toBe(2);

    const { db, sql } = createDatabase(inject('databaseUrl'), { max: 1 });
    try {
      const rows = await db
        .select({ agent: permissionRequests.agentId, hook: permissionRequests.hook, status: permissionRequests.status, decidedBy: permissionRequests.decidedBy, toolUseId: permissionRequests.toolUseId })
        .from(permissionRequests)
        .where(and(eq(permissionRequests.team, team), eq(permissionRequests.commandText, 'npm run test -- --ci')));
      expect(rows.map((row) => [row.agent, row.hook, row.status, row.decidedBy]).sort()).toEqual([
        [first, 'pre-tool-use', 'allowed', 'rule'],
        [second, 'permission-request', 'allowed', 'rule'],
      ]);
      // Both carry the tool use Claude Code named in PreToolUse: the teammate's PermissionRequest took that row over.
      expect(rows.every((row) => row.toolUseId?.startsWith('toolu_'))).toBe(true);
    } finally {
      await sql.end();
    }
  });

  it('refuses a rule with bad syntax, saving nothing; a deny rule blocks the agent', async () => {
    const bad = await runOrc(['rules', 'add', 'bash(npm publish *)', '--deny', '--scope', 'team', '--team', team]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/Invalid permission rule .*tool names are case-sensitive: Bash.*nothing was saved/);
    expect(await orc(['rules', 'add', 'Bash(npm publish *)', '--deny', '--scope', 'team', '--team', team])).toMatch(/^added rule [0-9a-f]{10}: deny Bash\(npm publish \*\)/);
    // This team's rules only: other test files add publish rules of their own meanwhile.
    const rules = JSON.parse(await orc(['rules', 'list', '--json'])) as Array<{ rule: string; scope: string; scopeKey: string | null }>;
    expect(rules.filter((r) => r.scope === 'team' && r.scopeKey === team && /publish/i.test(r.rule)).map((r) => r.rule)).toEqual(['Bash(npm publish *)']);

    await idle(second);
    expect(await orc(['send', second, 'RUN-PUBLISH now'])).toContain('confirmed');
    await eventually(async () => {
      const result = toolResultAfter('npm publish --dry-run');
      expect(result?.isError).toBe(true);
      expect(result?.content).toContain('denied by orc');
    }, { timeoutMs: 30_000 });
    expect(await pendingFor(second)).toEqual([]);
  });

  it('holds a compound command with one unapproved part; a denial with a reason reaches the agent', async () => {
    await idle(second);
    expect(await orc(['send', second, 'RUN-COMPOUND now'])).toContain('confirmed');
    const [pending] = await eventually(async () => {
      const list = await pendingFor(second);
      expect(list.map((p) => p.command)).toEqual(['npm run test -- --ci && make deploy']);
      return list;
    });
    expect(await orc(['deny', pending?.id ?? '', '--reason', 'no deploys today'])).toContain(`denied ${pending?.id ?? ''}`);
    await eventually(async () => {
      const result = toolResultAfter('npm run test -- --ci && make deploy');
      expect(result?.isError).toBe(true);
      expect(result?.content).toContain('no deploys today');
    }, { timeoutMs: 30_000 });
  });

  it('refuses a command too long to judge, recording nothing', async () => {
    type Stats = { overall: { requests: number } };
    const before = (JSON.parse(await orc(['stats', '--json'])) as Stats).overall.requests;
    const ask = (command: string) =>
      fetch(`${inject('orcUrl')}/hooks/claude/permission-request`, {
        method: 'POST',
        headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ hook_event_name: 'PermissionRequest', tool_name: 'Bash', tool_input: { command } }),
      });
    // 1 MB: the web server's body limit refuses it before orc reads it.
    expect([400, 413]).toContain((await ask(`echo ${'x'.repeat(1_000_000)}`)).status);
    // Under the body limit but over what orc judges: refused with the field named.
    const long = await ask(`echo ${'x'.repeat(200_000)}`);
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('tool_input.command');
    expect((JSON.parse(await orc(['stats', '--json'])) as Stats).overall.requests).toBe(before);
  });

  it('gives up after the wait bound: "no decision" (the agent\'s own dialog); a late answer with no such dialog on screen presses nothing', async () => {
    // Posted as the agent's hook would be, so the test need not leave a real dialog open.
    const answer = fetch(`${inject('orcUrl')}/hooks/claude/permission-request`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ hook_event_name: 'PermissionRequest', tool_name: 'Bash', tool_input: { command: 'make release' }, cwd: firstProject }),
    });
    const [pending] = await eventually(async () => {
      const list = await pendingFor(first);
      expect(list.map((p) => p.command)).toEqual(['make release']);
      return list;
    });
    const response = await answer;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    // Still answerable, in the agent's own dialog: listed as such.
    const [timedOut] = await pendingFor(first);
    expect(timedOut).toMatchObject({ id: pending?.id, state: 'in-dialog', command: 'make release' });
    expect(timedOut?.timedOutAt).not.toBeNull();
    expect(await orc(['approvals'])).toMatch(/in dialog \(timed out\)\s+\d+s\s+make release/);
    const late = await runOrc(['approve', pending?.id ?? '']);
    expect(late.code).not.toBe(0);
    expect(late.stderr).toMatch(/timed out, and its dialog cannot be answered from orc: no permission dialog is showing/);
    type Counts = { agents: Array<{ agent: string; timedOut: number; requests: number }> };
    const before = (JSON.parse(await orc(['stats', '--json'])) as Counts).agents.find((a) => a.agent === first);
    expect(before?.timedOut).toBe(1);

    // The agent moves on (its next tool use): the request is closed as expired, and leaves the list.
    const hook = (event: string, body: unknown) =>
      fetch(`${inject('orcUrl')}/hooks/claude/${event}`, { method: 'POST', headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await hook('pre-tool-use', { hook_event_name: 'PreToolUse', tool_input: {} })).status).toBe(400);
    const moved = await hook('pre-tool-use', { hook_event_name: 'PreToolUse', session_id: 's1', tool_name: 'Read', tool_input: { file_path: join(firstProject, 'package.json') }, tool_use_id: 'toolu_x', cwd: firstProject });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toEqual({});
    expect(await pendingFor(first)).toEqual([]);
    const expired = await runOrc(['approve', pending?.id ?? '']);
    expect(expired.code).not.toBe(0);
    expect(expired.stderr).toMatch(/expired: .*the agent went on to its next tool use \(Read\)/);
    // Still counted as timed out; and a read inside the project is no permission request, so
    // PreToolUse recorded nothing for it.
    expect((JSON.parse(await orc(['stats', '--json'])) as Counts).agents.find((a) => a.agent === first)).toEqual(before);
  }, 60_000);
});
