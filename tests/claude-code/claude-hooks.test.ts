// Pins the hook behaviour orc relies on (observed on 2.1.328, see CLAUDE-CODE-NOTES.md):
// HTTP hooks from a --settings file, the token header, pastes as one prompt, --continue.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareClaudeCodeEnv } from '../../testing/claude-code.ts';
import { launchClaude, submitPrompt, waitForPane } from '../../testing/claude-in-tmux.ts';
import { startHookRecorder, type HookRecorder, type RecordedHook } from '../../testing/hook-recorder.ts';
import { startScriptedMessagesApi, type ScriptedMessagesApi } from '../../testing/scripted-messages-api.ts';
import { startTmuxServer, type TmuxServer } from '../../testing/tmux-server.ts';
import { waitFor } from '../../testing/wait-for.ts';

const CLI_TIMEOUT_MS = 60_000;

describe('Claude Code HTTP hooks', () => {
  let api: ScriptedMessagesApi;
  let tmux: TmuxServer;
  let recorder: HookRecorder;
  const tempDirs: string[] = [];

  beforeAll(async () => {
    api = await startScriptedMessagesApi();
    tmux = await startTmuxServer();
    recorder = await startHookRecorder();
  });

  afterAll(async () => {
    await tmux?.kill();
    await recorder?.close();
    await api?.close();
    for (const dir of tempDirs) await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  function nthHook(event: string, n: number): Promise<RecordedHook> {
    return waitFor(async () => recorder.hooks.filter((h) => h.event === event)[n], { describe: `${event} hook #${n + 1}`, timeoutMs: 15_000 });
  }

  it('posts UserPromptSubmit and Stop, pastes as one prompt, and resumes with --continue', async () => {
    const project = await mkdtemp(join(tmpdir(), 'orc-test-project-'));
    const env = await prepareClaudeCodeEnv({ apiUrl: api.url, projectDirs: [project] });
    const settings = join(env.CLAUDE_CONFIG_DIR ?? project, 'orc-hooks.json');
    tempDirs.push(project, env.CLAUDE_CONFIG_DIR ?? project);
    await recorder.writeSettings(settings, { tokenEnvVar: 'ORC_AGENT_TOKEN' });
    const opts = { tmux, apiUrl: api.url, project, env, extraEnv: { ORC_AGENT_TOKEN: 'token-123' } };
    const { target } = await launchClaude({ ...opts, name: 'hooked', args: ['--settings', settings] });

    await submitPrompt(tmux, target, 'reply with hooked-1');
    const submitted = await nthHook('UserPromptSubmit', 0);
    expect(submitted.body.prompt).toBe('reply with hooked-1');
    expect(submitted.headers.authorization).toBe('Bearer token-123');
    expect((await nthHook('Stop', 0)).body.last_assistant_message).toBe('hooked-1');

    await waitForPane(tmux, target, (p) => p.includes('? for shortcuts') && p.includes('● hooked-1'), 'the idle prompt');
    await tmux.paste(target, 'line one\nline two');
    await waitForPane(tmux, target, (p) => p.includes('  line two'), 'the pasted lines in the input box');
    await tmux.sendKeys(target, 'Enter');
    expect((await nthHook('UserPromptSubmit', 1)).body.prompt).toBe('line one\nline two');

    await nthHook('Stop', 1);
    await tmux.tmux(['kill-session', '-t', 'hooked']);
    const resumed = await launchClaude({ ...opts, name: 'resumed', args: ['--settings', settings, '--continue'] });
    await waitForPane(tmux, resumed.target, (p) => p.includes('● hooked-1'), 'the earlier conversation');
    await submitPrompt(tmux, resumed.target, 'reply with hooked-2');
    const afterResume = await nthHook('UserPromptSubmit', 2);
    expect(afterResume.body.session_id).toBe(submitted.body.session_id);
  }, CLI_TIMEOUT_MS);
});
