// The screen fallback, with real parts: agents without hooks (the real Claude Code CLI launched
// with --no-hooks, and a fake Codex/Aider-style CLI in a shell script) ask permission in their
// own dialogs; the host worker reads the dialog off the pane, asks orc as the agent's hook
// would, and presses the option that carries the decision: at once when a rule decides, when a
// person answers in time (`orc approve`, `orc deny`), or later through the agent's workflow.
import { access, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AGENT_PANE_OPTION } from '../../host/tmux/agent-pane.ts';
import { recognizeDialog } from '../../domain/permissions/dialog-recognition.ts';
import { claudeTestCommand, envFlags, prepareClaudeCodeEnv } from '../../testing/claude-code.ts';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';
import { bashOnTrigger } from '../../testing/scripted-bash.ts';
import { startScriptedMessagesApi, type ScriptedMessagesApi } from '../../testing/scripted-messages-api.ts';
import { dataLayout } from '../../domain/data-layout.ts';

const execFileAsync = promisify(execFile);
const FAKE_CLI = fileURLToPath(new URL('../../testing/fake-agent-cli.sh', import.meta.url));
const team = uniqueName('screen');
const claude = `${team}/claude`;
const codex = `${team}/codex`;
const aider = `${team}/aider`;
let api: ScriptedMessagesApi;
let claudeProject: string;
let fakeProject: string;

const COMMANDS: Record<string, string> = {
  'RUN-GREET': 'npm run greet',
  'RUN-SHIP': 'npm run ship',
};

type Pending = { id: string; agent: string; tool: string; command: string | null; state: 'waiting' | 'in-dialog' };
const pendingFor = async (agent: string) => (JSON.parse(await orc(['approvals', '--json'])) as Pending[]).filter((p) => p.agent === agent);
const capture = async (agent: string) => (JSON.parse(await orc(['capture', agent, '--json'])) as { text: string }).text;
const stateOf = async (agent: string) => (JSON.parse(await orc(['status', '--json'])) as Array<{ id: string; state: string }>).find((a) => a.id === agent)?.state;
type AgentStats = { agent: string; requests: number; autoDecided: number; humanDecided: number; denied: number; timedOut: number };
const statsFor = async (agent: string) => (JSON.parse(await orc(['stats', '--json'])) as { agents: AgentStats[] }).agents.find((a) => a.agent === agent);
const exists = (file: string) => access(file).then(() => true, () => false);

/** Waits until `agent`'s one pending request is `command`, and returns its id. */
async function pendingRequest(agent: string, command: string): Promise<string> {
  const [pending] = await eventually(async () => {
    const list = await pendingFor(agent);
    expect(list.map((p) => p.command)).toEqual([command]);
    return list;
  });
  return pending?.id ?? '';
}

beforeAll(async () => {
  api = await startScriptedMessagesApi(bashOnTrigger(COMMANDS));
  claudeProject = await mkdtemp(join(tmpdir(), 'orc-screen-claude-'));
  fakeProject = await mkdtemp(join(tmpdir(), 'orc-screen-fake-'));
  await writeFile(join(claudeProject, 'package.json'), JSON.stringify({ name: 'demo', private: true, scripts: { greet: 'echo greeted-by-npm', ship: 'echo shipped-by-npm' } }));
  const env = await prepareClaudeCodeEnv({ apiUrl: api.url, projectDirs: [claudeProject] });
  await Promise.all([
    orc(['agent', 'start', claude, '--no-hooks', '--project', claudeProject, '--cmd', claudeTestCommand(), ...envFlags(env)]),
    orc(['agent', 'start', codex, '--project', fakeProject, '--cmd', `bash ${FAKE_CLI} codex`]),
    orc(['agent', 'start', aider, '--project', fakeProject, '--cmd', `bash ${FAKE_CLI} aider`]),
  ]);
});

afterAll(async () => {
  await Promise.all([claude, codex, aider].map((agent) => runOrc(['agent', 'stop', agent])));
  await api?.close();
});

describe('screen fallback with Claude Code launched without hooks', () => {
  it('has no hooks in its settings', async () => {
    const settings = JSON.parse(await readFile(dataLayout(inject('dataDir')).host('test-host').agent({ team, agent: 'claude' }).claudeSettings, 'utf8')) as Record<string, unknown>;
    expect(settings).not.toHaveProperty('hooks');
  });

  it('a rule allows the command: the host presses "Yes" in the dialog and the command runs', async () => {
    expect(await orc(['rules', 'add', 'Bash(npm run greet)', '--allow', '--project', claudeProject])).toMatch(/added rule/);
    expect(await orc(['send', claude, 'RUN-GREET please'])).toContain('confirmed');
    await eventually(async () => expect(api.toolResultAfter('RUN-GREET')?.content).toContain('greeted-by-npm'), { timeoutMs: 40_000 });
    // Decided by orc's rule (the agent has no hooks: the request came off its screen).
    expect(await statsFor(claude)).toMatchObject({ requests: 1, autoDecided: 1, humanDecided: 0 });
    expect(await pendingFor(claude)).toEqual([]);
  }, 90_000);

  it('no rule decides: the request waits in orc approvals with the dialog on screen; orc approve presses "Yes"', async () => {
    expect(await orc(['send', claude, 'RUN-SHIP please'])).toContain('confirmed');
    const id = await pendingRequest(claude, 'npm run ship');
    expect(recognizeDialog(await capture(claude))).toMatchObject({ cli: 'claude-code', tool: 'Bash', subject: 'npm run ship' });
    await eventually(async () => expect(await stateOf(claude)).toBe('waiting-approval'));
    expect(await orc(['approve', id])).toContain(`allowed ${id}`);
    await eventually(async () => expect(api.toolResultAfter('RUN-SHIP')?.content).toContain('shipped-by-npm'), { timeoutMs: 30_000 });
    expect(recognizeDialog(await capture(claude))).toBeNull();
    // The host told the workflow the dialog went.
    await eventually(async () => expect(await stateOf(claude)).toBe('idle'));
    expect(await statsFor(claude)).toMatchObject({ requests: 2, autoDecided: 1, humanDecided: 1 });
  }, 90_000);
});

describe('screen fallback with other CLIs (a fake Codex and a fake Aider)', () => {
  it('Codex style: a rule allows it, "1" is pressed once, and the dialog left in the scrollback is never answered again', async () => {
    await orc(['rules', 'add', 'Bash(touch made-by-codex)', '--allow', '--project', fakeProject]);
    expect(await orc(['send', codex, 'run touch made-by-codex'])).toContain('confirmed');
    await eventually(async () => expect(await exists(join(fakeProject, 'made-by-codex'))).toBe(true), { timeoutMs: 20_000 });
    expect(await capture(codex)).toContain('› 1. Yes, proceed (y)');
    // Several looks later, still one request: the answered dialog above the prompt is not live.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await statsFor(codex)).toMatchObject({ requests: 1, autoDecided: 1 });
  }, 60_000);

  it('Aider style: a person denies it; "n" and Enter are pressed and the command does not run', async () => {
    expect(await orc(['send', aider, 'run touch made-by-aider'])).toContain('confirmed');
    const id = await pendingRequest(aider, 'touch made-by-aider');
    expect(await orc(['deny', id])).toContain(`denied ${id}`);
    await eventually(async () => expect(await capture(aider)).toContain('refused: touch made-by-aider'), { timeoutMs: 20_000 });
    expect(await exists(join(fakeProject, 'made-by-aider'))).toBe(false);
    expect(await statsFor(aider)).toMatchObject({ requests: 1, humanDecided: 1, denied: 1 });
  }, 60_000);

  it('nobody answers in time: the dialog stays, and a late orc approve presses the key through the agent\'s workflow', async () => {
    expect(await orc(['send', aider, 'run touch late-by-aider'])).toContain('confirmed');
    const id = await pendingRequest(aider, 'touch late-by-aider');
    // The wait (ORC_APPROVAL_WAIT_MS, 20 s) runs out: the request is listed as answerable in the
    // agent's own dialog, and the dialog stays.
    await eventually(async () => expect((await pendingFor(aider)).map((p) => [p.id, p.state])).toEqual([[id, 'in-dialog']]), { timeoutMs: 40_000 });
    expect(recognizeDialog(await capture(aider))).toMatchObject({ cli: 'aider', subject: 'touch late-by-aider' });
    const approved = JSON.parse(await orc(['approve', id, '--json'])) as { status: string; answeredInDialog: string | null };
    expect(approved.status).toBe('allowed');
    expect(approved.answeredInDialog).toMatch(/pressed y \(Yes\) and Enter/);
    await eventually(async () => expect(await exists(join(fakeProject, 'late-by-aider'))).toBe(true), { timeoutMs: 10_000 });
  }, 120_000);

  it('nobody answers in time and a person answers at the pane: the request expires and leaves orc approvals', async () => {
    expect(await orc(['send', codex, 'run touch by-hand-in-codex'])).toContain('confirmed');
    const id = await pendingRequest(codex, 'touch by-hand-in-codex');
    await eventually(async () => expect((await pendingFor(codex)).map((p) => [p.id, p.state])).toEqual([[id, 'in-dialog']]), { timeoutMs: 40_000 });
    // The agent's pane, found by the option orc sets on it (an empty target would press the key
    // into whichever pane tmux calls current).
    const { stdout: panes } = await execFileAsync('tmux', ['-L', inject('tmuxSocket'), 'list-panes', '-a', '-F', `#{pane_id}\t#{${AGENT_PANE_OPTION}}`]);
    const paneId = panes.split('\n').map((line) => line.split('\t')).find(([, owner]) => owner === codex)?.[0];
    expect(paneId, panes).toMatch(/^%\d+$/);
    expect(recognizeDialog(await capture(codex))).toMatchObject({ cli: 'codex', subject: 'touch by-hand-in-codex' });
    await execFileAsync('tmux', ['-L', inject('tmuxSocket'), 'send-keys', '-t', paneId ?? '', '3']);
    await eventually(async () => expect(await capture(codex)).toContain('refused: touch by-hand-in-codex'), { timeoutMs: 10_000 });
    // The dialog is gone from the screen, so the request goes too: nothing is left to answer.
    await eventually(async () => expect(await pendingFor(codex)).toEqual([]), { timeoutMs: 10_000 });
    const late = await runOrc(['approve', id]);
    expect(late.code).not.toBe(0);
    expect(late.stderr).toMatch(/expired/);
  }, 120_000);
});
