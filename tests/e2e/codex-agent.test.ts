// The real Codex CLI (0.171.0) as a team member, sandboxed by default, against a scripted
// Responses API on loopback: it gets its brief and orc confirms it from the screen; a command
// it wants to run outside its own sandbox (`sandbox_permissions: "require_escalated"`) asks in
// Codex's approval dialog, which orc's screen fallback puts in `orc approvals`; approved with
// --always, the next such command is answered by orc's rule with no person; and after its
// process is killed the agent is relaunched with `codex resume --last`, its conversation kept.
import { execFile } from 'node:child_process';
import { access, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dataLayout } from '../../domain/data-layout.ts';
import { codexEnv, codexTestCommand } from '../../testing/codex.ts';
import { envFlags } from '../../testing/claude-code.ts';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';
import { defaultResponsesScript, startScriptedResponsesApi, type ScriptedResponsesApi } from '../../testing/scripted-responses-api.ts';

const run = promisify(execFile);
const team = uniqueName('codex');
const id = `${team}/dev`;
let api: ScriptedResponsesApi;
let project: string;

/** `ESCALATE <file>`: Codex is asked to touch <file> in its workspace outside its own sandbox. */
const escalate = (text: string) => /ESCALATE (\S+)/.exec(text)?.[1];
const codexHome = () => dataLayout(inject('dataDir')).host('test-host').agent({ team, agent: 'dev' }).codexHome;

type LogEntry = { from: string; to: string; text: string; state: string };
type Pending = { id: string; agent: string; tool: string; command: string | null };
type AgentStats = { agent: string; requests: number; autoDecided: number; humanDecided: number };
const pendingFor = async () => (JSON.parse(await orc(['approvals', '--json'])) as Pending[]).filter((p) => p.agent === id);
const statsFor = async () => (JSON.parse(await orc(['stats', '--json'])) as { agents: AgentStats[] }).agents.find((a) => a.agent === id);
const status = async () => (JSON.parse(await orc(['status', '--json'])) as Array<{ id: string; state: string; sandboxed: boolean; problem: string | null }>).find((a) => a.id === id);
const exists = (file: string) => access(file).then(() => true, () => false);

beforeAll(async () => {
  api = await startScriptedResponsesApi((ctx) => {
    const file = escalate(ctx.lastUserText ?? '');
    if (file !== undefined && ctx.toolOutputs.length === 0) {
      return {
        functionCall: {
          name: 'exec_command',
          arguments: { cmd: `touch ${file}`, sandbox_permissions: 'require_escalated', justification: `May I create ${file}?` },
        },
      };
    }
    return defaultResponsesScript(ctx);
  });
  project = await mkdtemp(join(tmpdir(), 'orc-codex-'));
  const spec = [
    `team: ${team}`,
    `project: ${project}`,
    'agents:',
    `  - { name: dev, role: engineer, command: "${codexTestCommand()}", gitCheckpoint: "off", brief: "Build the health endpoint." }`,
  ].join('\n');
  await writeFile(join(project, 'team.yaml'), spec);
  expect(await orc(['team', 'deploy', join(project, 'team.yaml'), ...envFlags(codexEnv(api.url))])).toContain(`team ${team} running`);
}, 180_000);

afterAll(async () => {
  await runOrc(['team', 'stop', team]);
  await api?.close();
});

describe('a Codex agent in a team', () => {
  it('runs sandboxed with its own CODEX_HOME: no update check, no analytics, its workspace untrusted', async () => {
    expect((await status())?.sandboxed).toBe(true);
    const config = await readFile(join(codexHome(), 'config.toml'), 'utf8');
    expect(config).toContain('check_for_update_on_startup = false');
    expect(config).toMatch(/\[analytics\]\nenabled = false/);
    expect(config).toContain(`base_url = "${api.url}"`);
    expect(config).toMatch(/trust_level = "untrusted"/);
  });

  it('gets its brief, confirmed from its screen, and the model sees it', async () => {
    await eventually(async () => {
      const briefs = (JSON.parse(await orc(['log', '--team', team, '--json'])) as LogEntry[]).filter((m) => m.from === `team:${team}`);
      expect(briefs.map((m) => [m.to, m.state])).toEqual([[id, 'confirmed']]);
    }, { timeoutMs: 90_000 });
    await eventually(async () => expect(api.requests.some((r) => !r.sideQuery && r.userText?.includes('Build the health endpoint.'))).toBe(true));
    // Codex said analytics were off in its own request metadata.
    const turn = api.requests.find((r) => !r.sideQuery);
    expect(JSON.parse(String(turn?.headers['x-codex-turn-metadata']))).toMatchObject({ analytics_enabled: false });
  }, 120_000);

  it('a message is typed, submitted and answered', async () => {
    await eventually(async () => expect((await status())?.state).toBe('idle'), { timeoutMs: 60_000 });
    expect(await orc(['send', id, 'reply with pong-1'])).toContain('confirmed');
    await eventually(async () => expect(await orc(['capture', id])).toContain('pong-1'), { timeoutMs: 30_000 });
  }, 90_000);

  it('a command beyond its sandbox waits in orc approvals; approved --always, it runs, and the next one runs unasked', async () => {
    expect(await orc(['send', id, 'ESCALATE first-escalated.txt'])).toContain('confirmed');
    const pending = await eventually(async () => {
      const list = await pendingFor();
      expect(list.map((p) => [p.tool, p.command])).toEqual([['Bash', 'touch first-escalated.txt']]);
      return list[0] as Pending;
    }, { timeoutMs: 40_000 });
    const approved = JSON.parse(await orc(['approve', pending.id, '--always', '--json'])) as { status: string; rules: { rule: string }[] };
    expect(approved.status).toBe('allowed');
    await eventually(async () => expect(await exists(join(project, 'first-escalated.txt'))).toBe(true), { timeoutMs: 30_000 });
    // The file appears before Codex sends its output back to the model.
    await eventually(async () => expect(api.toolOutputAfter('ESCALATE first-escalated.txt')?.output).toContain('exited with code 0'), { timeoutMs: 30_000 });

    await eventually(async () => expect((await status())?.state).toBe('idle'), { timeoutMs: 30_000 });
    expect(await orc(['send', id, 'ESCALATE first-escalated.txt again'])).toContain('confirmed');
    await eventually(async () => expect(api.toolOutputAfter('ESCALATE first-escalated.txt again')?.output).toContain('exited with code 0'), { timeoutMs: 30_000 });
    expect(await statsFor()).toMatchObject({ requests: 2, humanDecided: 1, autoDecided: 1 });
    expect(await pendingFor()).toEqual([]);
  }, 150_000);

  it('is relaunched after its process is killed, resuming its conversation', async () => {
    const { stdout } = await run('tmux', ['-L', inject('tmuxSocket'), 'list-panes', '-a', '-F', '#{pane_pid}\t#{window_name}\t#{session_name}']);
    const pid = stdout.split('\n').map((line) => line.split('\t')).find(([, window, session]) => window === 'dev' && session?.includes(team))?.[0];
    expect(pid, stdout).toMatch(/^\d+$/);
    process.kill(Number(pid), 'SIGKILL');
    await eventually(async () => {
      const now = await status();
      expect(now?.problem ?? '').toMatch(/relaunch 1 of 3/);
      expect(now?.state).toBe('idle');
    }, { timeoutMs: 90_000 });
    expect(await orc(['send', id, 'reply with after-the-crash'])).toContain('confirmed');
    const resumed = await eventually(async () => {
      const request = api.requests.find((r) => !r.sideQuery && r.userText === 'reply with after-the-crash');
      expect(request).toBeDefined();
      return request;
    }, { timeoutMs: 30_000 });
    // The relaunched Codex sent the earlier conversation along: `codex resume --last` kept it.
    expect(JSON.stringify(resumed?.body)).toContain('reply with pong-1');
  }, 150_000);
});
