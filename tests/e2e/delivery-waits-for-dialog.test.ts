// A message never goes into a pane whose permission dialog is open: its keys would answer the
// dialog (a fake Codex takes any key, "y" meaning yes; Claude Code takes Enter as "Yes"). With
// agents without hooks, real panes and the real worker: a dialog waits for a person, a message
// sent meanwhile stays queued while the dialog stays unanswered, and once the person answers,
// the message arrives, exactly once.
import { access, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recognizeDialog } from '../../domain/permissions/dialog-recognition.ts';
import { claudeTestCommand, envFlags, prepareClaudeCodeEnv } from '../../testing/claude-code.ts';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName, type OrcResult } from '../../testing/run-orc.ts';
import { bashOnTrigger } from '../../testing/scripted-bash.ts';
import { startScriptedMessagesApi, type ScriptedMessagesApi } from '../../testing/scripted-messages-api.ts';

const FAKE_CLI = fileURLToPath(new URL('../../testing/fake-agent-cli.sh', import.meta.url));
const team = uniqueName('held');
const codex = `${team}/codex`;
const claude = `${team}/claude`;
let api: ScriptedMessagesApi;
let fakeProject: string;
let claudeProject: string;

type Pending = { id: string; agent: string; command: string | null; state: 'waiting' | 'in-dialog' };
const pendingFor = async (agent: string) => (JSON.parse(await orc(['approvals', '--json'])) as Pending[]).filter((p) => p.agent === agent);
const capture = async (agent: string) => (JSON.parse(await orc(['capture', agent, '--lines', '200', '--json'])) as { text: string }).text;
const inboxOf = async (agent: string) => (JSON.parse(await orc(['status', '--json'])) as Array<{ id: string; inbox: number }>).find((a) => a.id === agent)?.inbox;
const exists = (file: string) => access(file).then(() => true, () => false);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const count = (text: string, part: string) => text.split(part).length - 1;

async function pendingRequest(agent: string, command: string): Promise<string> {
  const [pending] = await eventually(async () => {
    const list = await pendingFor(agent);
    expect(list.map((p) => [p.command, p.state])).toEqual([[command, 'waiting']]);
    return list;
  });
  return pending?.id ?? '';
}

/** `orc send` started now; `settled` tells whether it has returned yet. */
function sendInBackground(agent: string, text: string) {
  const state = { settled: false };
  const result: Promise<OrcResult> = runOrc(['send', agent, text]).finally(() => {
    state.settled = true;
  });
  return { result, state };
}

beforeAll(async () => {
  api = await startScriptedMessagesApi(bashOnTrigger({ 'RUN-DEPLOY': 'npm run deploy' }));
  fakeProject = await mkdtemp(join(tmpdir(), 'orc-held-fake-'));
  claudeProject = await mkdtemp(join(tmpdir(), 'orc-held-claude-'));
  await writeFile(join(claudeProject, 'package.json'), JSON.stringify({ name: 'demo', private: true, scripts: { deploy: 'echo deployed-by-npm' } }));
  const env = await prepareClaudeCodeEnv({ apiUrl: api.url, projectDirs: [claudeProject] });
  await Promise.all([
    orc(['agent', 'start', codex, '--project', fakeProject, '--cmd', `bash ${FAKE_CLI} codex`]),
    orc(['agent', 'start', claude, '--no-hooks', '--project', claudeProject, '--cmd', claudeTestCommand(), ...envFlags(env)]),
  ]);
});

afterAll(async () => {
  await Promise.all([codex, claude].map((agent) => runOrc(['agent', 'stop', agent])));
  await api?.close();
});

describe('message delivery while a permission dialog is open', () => {
  it('a fake Codex: the message waits, the dialog stays unanswered, and the message arrives once after the person answers', async () => {
    expect(await orc(['send', codex, 'run touch held-file'])).toContain('confirmed');
    const id = await pendingRequest(codex, 'touch held-file');
    expect(recognizeDialog(await capture(codex))).toMatchObject({ cli: 'codex', subject: 'touch held-file' });

    // Typed into the dialog, its first key "y" would allow the command.
    const sending = sendInBackground(codex, 'yes-typed-after-the-dialog');
    // The workflow tries at once and again after 1 s and 2 s.
    await sleep(4000);
    expect(sending.state.settled).toBe(false);
    expect(await inboxOf(codex)).toBe(1);
    const screen = await capture(codex);
    expect(recognizeDialog(screen)).toMatchObject({ cli: 'codex', subject: 'touch held-file' });
    expect(screen).not.toContain('yes-typed-after-the-dialog');
    expect(await exists(join(fakeProject, 'held-file'))).toBe(false);
    // Still open: waiting for the person, or (the wait is 20 s) left to the dialog, where `orc approve` presses the key.
    expect((await pendingFor(codex)).map((p) => p.id)).toEqual([id]);

    // The person answers: "1" is pressed in the dialog, the command runs, and then the message goes in.
    expect(await orc(['approve', id])).toContain(`allowed ${id}`);
    await eventually(async () => expect(await exists(join(fakeProject, 'held-file'))).toBe(true), { timeoutMs: 10_000 });
    const sent = await sending.result;
    expect(sent.stderr).toBe('');
    expect(sent.stdout).toContain('confirmed');
    const after = await capture(codex);
    expect(count(after, 'ok: yes-typed-after-the-dialog')).toBe(1);
    expect(count(after, 'yes-typed-after-the-dialog')).toBe(2); // the line typed at the prompt, and its echo
    expect(after).not.toContain('refused: touch held-file');
    expect(await inboxOf(codex)).toBe(0);
  }, 90_000);

  it('Claude Code without hooks: the Enter after a message would say "Yes"; the message waits for the person and is then submitted once', async () => {
    expect(await orc(['send', claude, 'RUN-DEPLOY please'])).toContain('confirmed');
    const id = await pendingRequest(claude, 'npm run deploy');
    expect(recognizeDialog(await capture(claude))).toMatchObject({ cli: 'claude-code', tool: 'Bash', subject: 'npm run deploy' });

    const sending = sendInBackground(claude, 'a second message while the dialog waits');
    await sleep(4000);
    expect(sending.state.settled).toBe(false);
    expect(await inboxOf(claude)).toBe(1);
    expect(recognizeDialog(await capture(claude))).toMatchObject({ cli: 'claude-code', subject: 'npm run deploy' });
    expect(api.requests.some((r) => JSON.stringify(r.body).includes('deployed-by-npm'))).toBe(false);
    expect(api.requests.some((r) => JSON.stringify(r.body).includes('a second message'))).toBe(false);
    expect((await pendingFor(claude)).map((p) => p.id)).toEqual([id]);

    expect(await orc(['approve', id])).toContain(`allowed ${id}`);
    // The command ran (its output went back to the model), and the message was typed after it.
    await eventually(async () => expect(api.requests.some((r) => JSON.stringify(r.body).includes('deployed-by-npm'))).toBe(true), { timeoutMs: 30_000 });
    expect((await sending.result).stdout).toContain('confirmed');
    // Submitted once: in the conversation the model is sent last, the message is there once (as
    // its own turn, or handed in beside the tool's result when Claude Code was still at work).
    const timesSent = () => {
      const last = api.requests.filter((r) => !r.sideQuery && JSON.stringify(r.body).includes('a second message')).at(-1);
      return count(JSON.stringify((last?.body as { messages?: unknown } | undefined)?.messages ?? []), 'a second message while the dialog waits');
    };
    await eventually(async () => expect(timesSent()).toBe(1), { timeoutMs: 20_000 });
    await sleep(1500);
    expect(timesSent()).toBe(1);
  }, 120_000);
});
