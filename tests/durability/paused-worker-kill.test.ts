// The host worker dies (SIGKILL) while the real Claude Code (2.1.328, scripted model) is paused
// on a usage limit: nothing changes. Once the worker is back the agent is still paused until the
// same time (the timer is Temporal's, not the worker's), orc resumes it by itself at that time,
// and the messages sent meanwhile (one while the worker ran, one while it was dead) each reach
// the model once, after the resume message. Its own stack: killing the shared worker would break
// other test files; its back-off (ORC_USAGE_LIMIT_RETRY) is long enough for the kill and restart
// to happen inside one pause.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delay } from '../../scripts/stack/child-process.ts';
import { claudeTestCommand, envFlags, prepareClaudeCodeEnv } from '../../testing/claude-code.ts';
import { eventually } from '../../testing/eventually.ts';
import { startOwnStack, type OwnStack } from '../../testing/own-stack.ts';
import { defaultScript, startScriptedMessagesApi, type ScriptedMessagesApi } from '../../testing/scripted-messages-api.ts';
import { messageLog } from './deliveries.ts';

const AGENT = 'p/claude';
/** The back-off of this stack: the pause lasts this long (plus up to 15 s of jitter). */
const PAUSE_S = 150;

let own: OwnStack;
let api: ScriptedMessagesApi;
let project: string;
let limited = true;
/** When the model first saw orc's resume message. */
let resumeSeenAt: number | null = null;

interface StatusEntry {
  id: string;
  state: string;
  pausedUntil?: string | null;
}

const statusOf = async () => (JSON.parse(await own.orc(['status', '--json'])) as StatusEntry[]).find((a) => a.id === AGENT);
const modelPrompts = () => api.requests.filter((r) => !r.sideQuery).map((r) => r.userText ?? '');

beforeAll(async () => {
  // At its limit until the test lifts it, with the reset an hour away: Claude Code gives up at
  // once (StopFailure) and names no reset time, so orc backs off for ORC_USAGE_LIMIT_RETRY.
  api = await startScriptedMessagesApi((ctx) => {
    if (limited) return { rateLimited: { resetAt: new Date(Date.now() + 3_600_000) } };
    if (resumeSeenAt === null && (ctx.lastUserText ?? '').includes('the usage limit has reset')) resumeSeenAt = Date.now();
    return defaultScript(ctx);
  });
  own = await startOwnStack('paused-kill', { env: { ORC_USAGE_LIMIT_RETRY: `${PAUSE_S}s` } });
  project = await mkdtemp(join(tmpdir(), 'orc-paused-kill-project-'));
  const env = await prepareClaudeCodeEnv({ apiUrl: api.url, projectDirs: [project] });
  await own.orc(['agent', 'start', AGENT, '--project', project, '--cmd', claudeTestCommand(), ...envFlags(env)]);
}, 420_000);

afterAll(async () => {
  await own?.stop();
  await api?.close();
  if (project) await rm(project, { recursive: true, force: true });
});

describe('killing the worker while an agent is paused on a usage limit', () => {
  it('changes nothing: still paused until the same time, resumed by itself then, what was sent meanwhile delivered once', async () => {
    expect(JSON.parse(await own.orc(['send', AGENT, 'reply with before-limit', '--json'])).state).toBe('confirmed');
    const paused = await eventually(async () => {
      const entry = await statusOf();
      expect(entry?.state).toBe('paused');
      return entry;
    });
    const pausedUntil = paused?.pausedUntil ?? '';
    expect(Date.parse(pausedUntil)).toBeGreaterThan(Date.now() + (PAUSE_S - 15) * 1000);
    // The limit has lifted at the model's end, but orc does not know: it waits for its own timer.
    limited = false;

    // One message while the worker runs (it waits behind the pause), then the kill.
    const whilePaused = own.runOrc(['send', AGENT, 'reply with sent-while-paused']);
    await eventually(async () => expect(await own.orc(['log', '--team', 'p', '--json'])).toContain('sent-while-paused'));
    const killedPid = own.stack.worker.pid;
    await own.stack.worker.kill('SIGKILL');
    // One while no worker runs: accepted at once, queued.
    const whileDown = await own.runOrc(['send', AGENT, 'reply with sent-while-down']);
    expect(whileDown.code, whileDown.stderr).toBe(0);
    expect(whileDown.stdout).toMatch(/^queued for p\/claude: /);
    await delay(3_000);
    await own.stack.worker.restart();
    expect(own.stack.worker.pid).not.toBe(killedPid);

    // Back: still paused, until the very same time, and nothing reached the model meanwhile.
    const after = await eventually(async () => {
      const entry = await statusOf();
      expect(entry?.state).toBe('paused');
      return entry;
    }, { timeoutMs: 60_000 });
    expect(after?.pausedUntil).toBe(pausedUntil);
    expect(Date.now(), 'the worker came back within the pause').toBeLessThan(Date.parse(pausedUntil));
    expect(modelPrompts().filter((p) => /sent-while|usage limit has reset/.test(p))).toEqual([]);

    // At the reset time orc resumes it by itself; then what waited is delivered, once each.
    await eventually(async () => expect((await statusOf())?.state).toBe('idle'), { timeoutMs: (PAUSE_S + 60) * 1000, intervalMs: 1_000 });
    await eventually(
      async () => {
        const prompts = modelPrompts();
        expect(prompts.filter((p) => p === 'reply with sent-while-paused')).toHaveLength(1);
        expect(prompts.filter((p) => p === 'reply with sent-while-down')).toHaveLength(1);
      },
      { timeoutMs: 60_000 },
    );
    const prompts = modelPrompts();
    const resumeAt = prompts.findIndex((p) => p.includes('the usage limit has reset'));
    expect(resumeAt, prompts.join('\n')).toBeGreaterThan(-1);
    expect(prompts.indexOf('reply with sent-while-paused'), prompts.join('\n')).toBeGreaterThan(resumeAt);
    expect(prompts.indexOf('reply with sent-while-down'), prompts.join('\n')).toBeGreaterThan(resumeAt);
    // The resume came at the pause's end, not before it.
    expect(resumeSeenAt).not.toBeNull();
    expect(resumeSeenAt ?? 0).toBeGreaterThanOrEqual(Date.parse(pausedUntil));
    // Its sender waited on the worker that died and may have given up waiting: what counts is
    // that the message, accepted before the kill, is delivered once all the same.
    const sender = await whilePaused;
    process.stderr.write(`[paused-worker-kill] the send that waited across the kill exited ${sender.code}: ${(sender.stdout + sender.stderr).trim().slice(0, 300)}\n`);
    const log = (await messageLog(own, 'p')).filter((e) => e.to === AGENT && e.text.startsWith('reply with sent-while'));
    expect(log.map((e) => [e.text, e.state]).sort()).toEqual([
      ['reply with sent-while-down', 'confirmed'],
      ['reply with sent-while-paused', 'confirmed'],
    ]);
    await eventually(async () => expect(await own.orc(['capture', AGENT, '--lines', '80'])).toContain('sent-while-down'));
  }, 420_000);
});
