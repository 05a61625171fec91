// The real Claude Code (2.1.328) hits a usage limit: the scripted Messages API answers 429 with
// the unified rate-limit headers, Claude Code ends the turn with its StopFailure hook
// (error rate_limit), and orc shows the agent paused until it resumes it. A message sent
// meanwhile waits, and arrives after orc resumed the agent by itself (the test stack's back-off
// is 4 s, ORC_USAGE_LIMIT_RETRY in testing/global-setup.ts).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claudeTestCommand, envFlags, prepareClaudeCodeEnv } from '../../testing/claude-code.ts';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';
import { defaultScript, startScriptedMessagesApi, type ScriptedMessagesApi } from '../../testing/scripted-messages-api.ts';

const id = `${uniqueName('limit')}/claude`;
let api: ScriptedMessagesApi;
let limited = true;

interface StatusEntry {
  id: string;
  state: string;
  pausedUntil?: string | null;
  problem: string | null;
}

const statusOf = async () => (JSON.parse(await orc(['status', '--json'])) as StatusEntry[]).find((a) => a.id === id);

beforeAll(async () => {
  // At its limit until the test lifts it: every model call is refused with a 429 whose reset is an
  // hour away (with a reset within a minute or so, Claude Code waits and retries by itself, showing
  // "5-hour limit reached · retrying in 52s (3:13pm) · attempt 1/10": see docs/usage-limits.md).
  api = await startScriptedMessagesApi((ctx) => (limited ? { rateLimited: { resetAt: new Date(Date.now() + 3_600_000) } } : defaultScript(ctx)));
  const project = await mkdtemp(join(tmpdir(), 'orc-limit-project-'));
  const env = await prepareClaudeCodeEnv({ apiUrl: api.url, projectDirs: [project] });
  await orc(['agent', 'start', id, '--project', project, '--cmd', claudeTestCommand(), ...envFlags(env)]);
});

afterAll(async () => {
  await runOrc(['agent', 'stop', id]);
  await api?.close();
});

describe('a usage limit', () => {
  it('pauses the agent with the time orc resumes it, holds what is sent meanwhile, and resumes it by itself', async () => {
    expect(JSON.parse(await orc(['send', id, 'reply with before-limit', '--json'])).state).toBe('confirmed');
    // Claude Code shows its own error, and orc shows the agent paused, not working, not idle.
    await eventually(async () => expect(await orc(['capture', id, '--lines', '40'])).toContain('API Error: Request rejected (429)'));
    const paused = await eventually(async () => {
      const entry = await statusOf();
      expect(entry).toMatchObject({ state: 'paused', problem: expect.stringContaining('rate limit') });
      return entry;
    });
    expect(Date.parse(paused?.pausedUntil ?? '')).toBeGreaterThan(Date.now() - 1_000);
    // Still limited, orc tries again after a back-off that doubles (4 s, 8 s, … in this stack), so
    // the agent is briefly idle then working between pauses.
    await eventually(async () => expect(await orc(['status'])).toMatch(new RegExp(`${id}\\s+paused \\(usage limit until \\S+\\)`)));

    // The limit lifts; a message sent now waits behind the resume.
    limited = false;
    const sent = JSON.parse(await orc(['send', id, 'reply with after-limit', '--json'])) as { state: string };
    expect(sent.state).toBe('confirmed');
    await eventually(async () => expect(await orc(['capture', id, '--lines', '60'])).toContain('after-limit'));
    // The model saw the resume message before the one that waited.
    const prompts = api.requests.filter((r) => !r.sideQuery).map((r) => r.userText ?? '');
    const resumeAt = prompts.findIndex((p) => p.includes('the usage limit has reset'));
    expect(resumeAt, prompts.join('\n')).toBeGreaterThan(-1);
    expect(prompts.lastIndexOf('reply with after-limit'), prompts.join('\n')).toBeGreaterThan(resumeAt);
    await eventually(async () => expect((await statusOf())?.state).toBe('idle'));
  });
});
