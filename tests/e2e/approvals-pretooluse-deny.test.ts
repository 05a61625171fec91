// orc's deny rules hold even where Claude Code would not ask: the project's own settings allow
// `Bash(rm *)` and `Bash(npm publish *)`, so Claude Code runs those without a PermissionRequest.
// Its PreToolUse hook still reaches orc first, and orc denies what a built-in rule (rm -rf
// outside the workspace) or a learned deny rule forbids; what neither forbids nor allows waits
// for a person (orc answers "ask": see approvals-pretooluse-ask.test.ts), and runs once approved.
import { access, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createDatabase } from '../../db/client.ts';
import { permissionRequests } from '../../db/schema/permission-requests.ts';
import { claudeTestCommand, envFlags, prepareClaudeCodeEnv } from '../../testing/claude-code.ts';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';
import { bashOnTrigger } from '../../testing/scripted-bash.ts';
import { startScriptedMessagesApi, type ScriptedMessagesApi } from '../../testing/scripted-messages-api.ts';

const team = uniqueName('pretool');
const agent = `${team}/dev`;
let api: ScriptedMessagesApi;
let projectDir: string;
let outsideDir: string;

const exists = (path: string) => access(path).then(() => true, () => false);

async function idle(): Promise<void> {
  await eventually(async () => {
    const status = JSON.parse(await orc(['status', '--json'])) as Array<{ id: string; state: string }>;
    expect(status.find((a) => a.id === agent)?.state).toBe('idle');
  }, { timeoutMs: 60_000 });
}

/** Waits until Claude Code got orc's denial back for the tool use `trigger` asked for. */
async function deniedByOrc(trigger: string): Promise<void> {
  await eventually(async () => {
    const result = api.toolResultAfter(trigger);
    expect(result?.isError).toBe(true);
    expect(result?.content).toContain('denied by orc');
  }, { timeoutMs: 30_000 });
}

beforeAll(async () => {
  projectDir = await mkdtemp(join(tmpdir(), 'orc-pretool-project-'));
  outsideDir = await mkdtemp(join(tmpdir(), 'orc-pretool-outside-'));
  await writeFile(join(outsideDir, 'precious.txt'), 'keep me\n');
  await mkdir(join(projectDir, 'build'));
  await mkdir(join(projectDir, '.claude'));
  // The project's own, checked-in settings let Claude Code run these without asking anyone.
  await writeFile(join(projectDir, '.claude', 'settings.json'), JSON.stringify({ permissions: { allow: ['Bash(rm *)', 'Bash(npm publish *)'] } }));
  api = await startScriptedMessagesApi(
    bashOnTrigger({
      'RUN-RM-OUTSIDE': `rm -rf ${outsideDir}`,
      'RUN-PUBLISH': 'npm publish --dry-run',
      'RUN-RM-BUILD': 'rm -rf build',
    }),
  );
  const env = await prepareClaudeCodeEnv({ apiUrl: api.url, projectDirs: [projectDir] });
  await orc(['agent', 'start', agent, '--project', projectDir, '--cmd', claudeTestCommand(), ...envFlags(env)]);
});

afterAll(async () => {
  await runOrc(['agent', 'stop', agent]);
  await api?.close();
});

describe("orc's deny rules, where Claude Code's own rules allow", () => {
  it('a built-in deny stops rm -rf outside the workspace, and the row names the rule', async () => {
    await idle();
    expect(await orc(['send', agent, 'RUN-RM-OUTSIDE please'])).toContain('confirmed');
    await deniedByOrc('RUN-RM-OUTSIDE');
    expect(await exists(join(outsideDir, 'precious.txt'))).toBe(true);
    // Decided at once: nothing waits for a person.
    expect((JSON.parse(await orc(['approvals', '--json'])) as Array<{ agent: string }>).filter((p) => p.agent === agent)).toEqual([]);
    const { db, sql } = createDatabase(inject('databaseUrl'), { max: 1 });
    try {
      const rows = await db
        .select({ status: permissionRequests.status, decidedBy: permissionRequests.decidedBy, hook: permissionRequests.hook, command: permissionRequests.commandText })
        .from(permissionRequests)
        .where(and(eq(permissionRequests.agentId, agent), eq(permissionRequests.status, 'denied')));
      expect(rows).toEqual([{ status: 'denied', decidedBy: 'builtin', hook: 'pre-tool-use', command: `rm -rf ${outsideDir}` }]);
    } finally {
      await sql.end();
    }
  });

  it('a learned deny rule stops what the project allows; what no deny rule covers runs once a person approves', async () => {
    expect(await orc(['rules', 'add', 'Bash(npm publish *)', '--deny', '--project', projectDir])).toMatch(/added rule/);
    await idle();
    expect(await orc(['send', agent, 'RUN-PUBLISH now'])).toContain('confirmed');
    await deniedByOrc('RUN-PUBLISH');

    await idle();
    expect(await orc(['send', agent, 'RUN-RM-BUILD now'])).toContain('confirmed');
    // The project's Bash(rm *) no longer lets it through: no rule of orc's allows it.
    const [pending] = await eventually(async () => {
      const list = (JSON.parse(await orc(['approvals', '--json'])) as Array<{ id: string; agent: string; command: string | null }>).filter((p) => p.agent === agent);
      expect(list.map((p) => p.command)).toEqual(['rm -rf build']);
      return list;
    }, { timeoutMs: 30_000 });
    expect(await exists(join(projectDir, 'build'))).toBe(true);
    expect(await orc(['approve', pending?.id ?? ''])).toContain('allowed');
    await eventually(async () => expect(await exists(join(projectDir, 'build'))).toBe(false), { timeoutMs: 30_000 });
    expect(api.toolResultAfter('RUN-RM-BUILD')?.isError).not.toBe(true);
  });
});
