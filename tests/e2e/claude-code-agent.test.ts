// The real Claude Code CLI as an orc agent, talking to a scripted Messages API on loopback:
// a message sent with `orc send` is confirmed by Claude Code's own UserPromptSubmit hook,
// and the scripted reply shows in `orc capture`.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claudeTestCommand, envFlags, prepareClaudeCodeEnv } from '../../testing/claude-code.ts';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';
import { startScriptedMessagesApi, type ScriptedMessagesApi } from '../../testing/scripted-messages-api.ts';

const id = `${uniqueName('cc')}/claude`;
let api: ScriptedMessagesApi;

beforeAll(async () => {
  api = await startScriptedMessagesApi();
  const project = await mkdtemp(join(tmpdir(), 'orc-claude-project-'));
  const env = await prepareClaudeCodeEnv({ apiUrl: api.url, projectDirs: [project] });
  await orc(['agent', 'start', id, '--project', project, '--cmd', claudeTestCommand(), ...envFlags(env)]);
});

afterAll(async () => {
  await runOrc(['agent', 'stop', id]);
  await api?.close();
});

describe('Claude Code as an agent', () => {
  it('confirms a sent message through its hook and shows the scripted reply', async () => {
    const sent = JSON.parse(await orc(['send', id, 'reply with pong-42', '--json'])) as { state: string; from: string };
    expect(sent.state).toBe('confirmed');
    expect(sent.from).toMatch(/^human:/);
    await eventually(async () => expect(await orc(['capture', id, '--lines', '40'])).toContain('pong-42')).catch((err: unknown) => {
      throw new Error(`${String(err)}\nrequests: ${JSON.stringify(api.requests.map((r) => [r.path, r.sideQuery, r.userText, r.reply]))}`);
    });
    // The Stop hook marks the end of the turn.
    await eventually(async () => {
      const status = JSON.parse(await orc(['status', '--json'])) as Array<{ id: string; state: string }>;
      expect(status.find((a) => a.id === id)?.state).toBe('idle');
    });
  });

  it('delivers a multi-line message as one prompt', async () => {
    const text = 'reply with multi-7\nsecond line of the same message\nthird "quoted" $(line)';
    const sent = JSON.parse(await orc(['send', id, text, '--json'])) as { state: string };
    expect(sent.state).toBe('confirmed');
    await eventually(async () => expect(await orc(['capture', id, '--lines', '40'])).toContain('multi-7'));
    const prompts = api.requests.filter((r) => !r.sideQuery).map((r) => r.userText);
    expect(prompts).toContain(text);
  });
});
