// A late answer, with the real Claude Code CLI: nobody answers a Bash request within the
// hook's wait (20 s, the default), so Claude Code shows its own dialog and `orc approvals`
// lists the request as "in dialog"; `orc approve` (or `orc deny`) then makes the agent's host
// press the key in that dialog. The command runs (or is refused), the dialog goes, and the
// request records a person's decision. Answered in the dialog by hand instead, the request
// expires once the agent moves on or the dialog goes. After "No" (from orc or by hand) Claude
// Code fires no hook, yet the agent shows idle: the host worker saw its dialog close.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { tmuxSessionName } from '../../domain/names.ts';
import { recognizeDialog } from '../../domain/permissions/dialog-recognition.ts';
import { claudeTestCommand, envFlags, prepareClaudeCodeEnv } from '../../testing/claude-code.ts';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';
import { bashOnTrigger } from '../../testing/scripted-bash.ts';
import { startScriptedMessagesApi, type ScriptedMessagesApi } from '../../testing/scripted-messages-api.ts';

const team = uniqueName('dialog');
const agent = `${team}/dev`;
let api: ScriptedMessagesApi;

const COMMANDS: Record<string, string> = {
  'RUN-GREET': 'npm run greet',
  'RUN-SHIP': 'npm run ship',
  'RUN-LOOK': 'npm run look',
  'RUN-DROP': 'npm run drop',
};

type Pending = { id: string; agent: string; state: 'waiting' | 'in-dialog'; command: string | null };
const pendingFor = async () => (JSON.parse(await orc(['approvals', '--json'])) as Pending[]).filter((p) => p.agent === agent);
const capture = async () => (JSON.parse(await orc(['capture', agent, '--json'])) as { text: string }).text;

const stateOf = async () => (JSON.parse(await orc(['status', '--json'])) as Array<{ id: string; state: string }>).find((a) => a.id === agent)?.state;

async function idle(timeoutMs = 60_000): Promise<void> {
  await eventually(async () => expect(await stateOf()).toBe('idle'), { timeoutMs });
}

/** Sends the trigger, lets the hook's wait run out, and returns the request id once the dialog shows. */
async function leaveUnanswered(trigger: string): Promise<string> {
  await idle();
  expect(await orc(['send', agent, `${trigger} please`])).toContain('confirmed');
  const [pending] = await eventually(async () => {
    const list = await pendingFor();
    expect(list.map((p) => [p.command, p.state])).toEqual([[COMMANDS[trigger], 'waiting']]);
    return list;
  });
  // Nobody answers: after the wait (20 s) the dialog shows, and the request is listed as in it.
  await eventually(async () => expect((await pendingFor()).map((p) => [p.id, p.state])).toEqual([[pending?.id, 'in-dialog']]), { timeoutMs: 40_000 });
  await eventually(async () => {
    const text = await capture();
    expect(text).toContain('Do you want to proceed?');
    expect(recognizeDialog(text)).toMatchObject({ cli: 'claude-code', tool: 'Bash', subject: COMMANDS[trigger] });
  }, { timeoutMs: 20_000 });
  return pending?.id ?? '';
}

beforeAll(async () => {
  api = await startScriptedMessagesApi(bashOnTrigger(COMMANDS));
  const projectDir = await mkdtemp(join(tmpdir(), 'orc-dialog-'));
  await writeFile(join(projectDir, 'package.json'), JSON.stringify({ name: 'demo', private: true, scripts: { greet: 'echo greeted-by-npm', ship: 'echo shipped', look: 'echo looked', drop: 'echo dropped' } }));
  const env = await prepareClaudeCodeEnv({ apiUrl: api.url, projectDirs: [projectDir] });
  await orc(['agent', 'start', agent, '--project', projectDir, '--cmd', claudeTestCommand(), ...envFlags(env)]);
});

afterAll(async () => {
  await runOrc(['agent', 'stop', agent]);
  await api?.close();
});

describe('answering the agent\'s own dialog after the wait ran out', () => {
  it('orc approve presses "Yes": the command runs and the dialog goes', async () => {
    const id = await leaveUnanswered('RUN-GREET');
    const approved = await orc(['approve', id]);
    expect(approved).toContain(`allowed ${id}`);
    expect(approved).toMatch(/pressed 1 \(Yes\) in the agent's dialog/);
    await eventually(async () => expect(api.toolResultAfter('RUN-GREET')?.content).toContain('greeted-by-npm'), { timeoutMs: 30_000 });
    expect(await capture()).not.toContain('Do you want to proceed?');
    expect(await pendingFor()).toEqual([]);
    // Answered once: a second answer finds no request to answer.
    const again = await runOrc(['approve', id]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/was already allowed/);
  }, 150_000);

  it('answered by hand in the dialog, the request expires when the agent moves on', async () => {
    const id = await leaveUnanswered('RUN-LOOK');
    await promisify(execFile)('tmux', ['-L', inject('tmuxSocket'), 'send-keys', '-t', `=${tmuxSessionName(team)}:dev`, '1']);
    await eventually(async () => expect(api.toolResultAfter('RUN-LOOK')?.content).toContain('looked'), { timeoutMs: 30_000 });
    // The turn ends (Stop): the dialog is gone, and so is the request from the list.
    await eventually(async () => expect(await pendingFor()).toEqual([]), { timeoutMs: 20_000 });
    const late = await runOrc(['approve', id]);
    expect(late.code).not.toBe(0);
    expect(late.stderr).toMatch(/expired: .*(the agent (finished its turn|went on)|its dialog closed on screen)/);
    const stats = JSON.parse(await orc(['stats', '--json'])) as { agents: Array<{ agent: string; humanDecided: number; timedOut: number }> };
    expect(stats.agents.find((a) => a.agent === agent)).toMatchObject({ humanDecided: 1, timedOut: 1 });
  }, 150_000);

  it('orc deny presses "No": the command does not run, and the request records a person\'s denial', async () => {
    const id = await leaveUnanswered('RUN-SHIP');
    const denied = JSON.parse(await orc(['deny', id, '--json'])) as { status: string; answeredInDialog: string | null };
    expect(denied.status).toBe('denied');
    // The dialog orc's PreToolUse "ask" brings up has only Yes and No (testing/CLAUDE-CODE-NOTES.md e).
    expect(denied.answeredInDialog).toMatch(/pressed 2 \(No\)/);
    await eventually(async () => expect(recognizeDialog(await capture())).toBeNull(), { timeoutMs: 10_000 });
    expect(api.toolResultAfter('RUN-SHIP')?.content ?? '').not.toContain('shipped');
    // "No" ended Claude Code's turn with no hook; the worker saw the dialog go and the screen
    // say so: the agent waits to be told what to do instead, and needs no approval.
    await idle(10_000);
    const stats = JSON.parse(await orc(['stats', '--json'])) as { agents: Array<{ agent: string; humanDecided: number; denied: number; timedOut: number }> };
    // The request answered by hand in its dialog counts as timed out: no one answered through orc.
    expect(stats.agents.find((a) => a.agent === agent)).toMatchObject({ humanDecided: 2, denied: 1, timedOut: 1 });
  }, 150_000);

  it('"No" pressed by hand in the dialog: the request leaves orc approvals at once and the agent shows idle', async () => {
    const id = await leaveUnanswered('RUN-DROP');
    expect(await stateOf()).toBe('waiting-approval');
    await promisify(execFile)('tmux', ['-L', inject('tmuxSocket'), 'send-keys', '-t', `=${tmuxSessionName(team)}:dev`, 'Escape']);
    // No hook follows a "No"; the host worker sees the dialog close, within about a second.
    await eventually(async () => expect(await pendingFor()).toEqual([]), { timeoutMs: 10_000 });
    await idle(10_000);
    expect(await capture()).toContain('Interrupted');
    const late = await runOrc(['approve', id]);
    expect(late.code).not.toBe(0);
    expect(late.stderr).toMatch(/expired: .*its dialog closed on screen/);
    expect(api.toolResultAfter('RUN-DROP')?.content ?? '').not.toContain('dropped');
  }, 150_000);
});
