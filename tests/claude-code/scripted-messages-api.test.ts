// End-to-end check of the offline harness: the real Claude Code CLI in an isolated tmux
// server, talking to the scripted Messages API. If this fails, every CLI-driving test will.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchClaude, submitPrompt, waitForPane } from '../../testing/claude-in-tmux.ts';
import { PERMISSION_QUESTION } from '../../testing/claude-pane.ts';
import { startScriptedMessagesApi, type ScriptedMessagesApi } from '../../testing/scripted-messages-api.ts';
import { startTmuxServer, type TmuxServer } from '../../testing/tmux-server.ts';

const CLI_TIMEOUT_MS = 60_000;

describe('scripted Messages API with the real Claude Code CLI', () => {
  let api: ScriptedMessagesApi;
  let tmux: TmuxServer;
  const tempDirs: string[] = [];

  beforeAll(async () => {
    api = await startScriptedMessagesApi();
    tmux = await startTmuxServer();
  });

  afterAll(async () => {
    await tmux?.kill();
    await api?.close();
    for (const dir of tempDirs) await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  async function launch(name: string): Promise<string> {
    const { target, project, env } = await launchClaude({ tmux, apiUrl: api.url, name });
    tempDirs.push(project, env.CLAUDE_CONFIG_DIR ?? project);
    return target;
  }

  it('answers a typed prompt with the scripted text', async () => {
    const target = await launch('pong');
    await submitPrompt(tmux, target, 'reply with pong-42');
    // "● " marks an assistant message; the prompt echo "❯ reply with pong-42" must not count.
    const pane = await waitForPane(tmux, target, (p) => p.includes('● pong-42'), 'the reply in the pane');
    expect(pane).toContain('● pong-42');
    expect(api.requests.filter((r) => !r.sideQuery).map((r) => r.userText)).toContain('reply with pong-42');
  }, CLI_TIMEOUT_MS);

  it('shows the permission dialog for a scripted Bash tool use', async () => {
    api.setScript(({ toolResults }) =>
      toolResults.length > 0 ? { text: 'done' } : { toolUse: { name: 'Bash', input: { command: 'touch agent-file.txt', description: 'Create a file' } } },
    );
    const target = await launch('permission');
    await submitPrompt(tmux, target, 'make a file');
    const pane = await waitForPane(tmux, target, (p) => p.includes(PERMISSION_QUESTION), 'the permission dialog');
    expect(pane).toContain('touch agent-file.txt');
    expect(pane).toContain('❯ 1. Yes');
  }, CLI_TIMEOUT_MS);
});
