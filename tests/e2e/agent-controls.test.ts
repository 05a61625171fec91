// Agent controls on the real Claude Code CLI (scripted Messages API on loopback), run with the
// real `orc`: interrupt stops a working agent (its screen says so, orc's state is idle, and the
// next message arrives alone), plan mode shows on its screen, model and clear are confirmed on
// screen; a generic CLI refuses what it lacks, saying why.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claudeTestCommand, envFlags, prepareClaudeCodeEnv } from '../../testing/claude-code.ts';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';
import { startScriptedMessagesApi, defaultScript, type ScriptedMessagesApi } from '../../testing/scripted-messages-api.ts';

const team = uniqueName('ctl');
const claude = `${team}/claude`;
const shell = `${team}/shell`;
let api: ScriptedMessagesApi;

const stateOf = async (id: string) => (JSON.parse(await orc(['status', '--json'])) as Array<{ id: string; state: string }>).find((a) => a.id === id)?.state;
const screenOf = (id: string) => orc(['capture', id, '--lines', '60']);

beforeAll(async () => {
  // "think slowly" keeps the model answering for two minutes: the agent stays at work until interrupted.
  api = await startScriptedMessagesApi((ctx) => (/think slowly/.test(ctx.lastUserText ?? '') ? { text: 'finally done', delayMs: 120_000 } : defaultScript(ctx)));
  const project = await mkdtemp(join(tmpdir(), 'orc-controls-project-'));
  const env = await prepareClaudeCodeEnv({ apiUrl: api.url, projectDirs: [project] });
  await orc(['agent', 'start', claude, '--project', project, '--cmd', claudeTestCommand(), ...envFlags(env)]);
  await orc(['agent', 'start', shell, '--project', project, '--cmd', 'bash']);
});

afterAll(async () => {
  await runOrc(['agent', 'stop', claude]);
  await runOrc(['agent', 'stop', shell]);
  await api?.close();
});

describe('agent controls on Claude Code', () => {
  it('interrupt stops a working agent: Claude Code stops, orc says idle, the next message arrives alone', async () => {
    const sent = JSON.parse(await orc(['send', claude, 'think slowly about the plan', '--json'])) as { state: string };
    expect(sent.state).toBe('confirmed');
    await eventually(async () => expect(await stateOf(claude)).toBe('working'));
    await eventually(async () => expect(await screenOf(claude)).toContain('esc to interrupt'));

    const outcome = JSON.parse(await orc(['agent', 'interrupt', claude, '--json'])) as { control: string; done: boolean; detail: string; screen: string };
    expect(outcome).toMatchObject({ control: 'interrupt', done: true });
    expect(outcome.detail).toContain('interrupted its turn');
    expect(outcome.screen).not.toContain('esc to interrupt');
    // No Stop hook comes after an Esc: orc's state follows what the screen showed.
    expect(await stateOf(claude)).toBe('idle');
    expect(await screenOf(claude)).toContain('? for shortcuts');

    // The prompt Claude Code put back in its input box was cleared: the next message is not joined to it.
    const next = JSON.parse(await orc(['send', claude, 'reply with after-interrupt-7', '--json'])) as { state: string };
    expect(next.state).toBe('confirmed');
    await eventually(async () => expect(await screenOf(claude)).toContain('after-interrupt-7'));
    expect(api.requests.filter((r) => !r.sideQuery).at(-1)?.userText).toBe('reply with after-interrupt-7');
    await eventually(async () => expect(await stateOf(claude)).toBe('idle'));
  });

  it('refuses to interrupt an agent that is not working, saying what its screen shows', async () => {
    const result = await runOrc(['agent', 'interrupt', claude]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('there is nothing to interrupt');
  });

  it('switches to plan mode and back: the footer shows each', async () => {
    expect(await orc(['agent', 'mode', claude, 'plan'])).toContain('its footer shows plan mode');
    expect(await screenOf(claude)).toContain('⏸ plan mode on');
    expect(await orc(['agent', 'mode', claude, 'default'])).toContain('its footer shows default mode');
    expect(await screenOf(claude)).toContain('⏸ manual mode on');
    const auto = await runOrc(['agent', 'mode', claude, 'auto']);
    expect(auto.code).not.toBe(0);
    expect(auto.stderr).toContain('orc does not switch agents to auto mode');
  });

  it('switches the model and clears the conversation, each confirmed on its screen', async () => {
    expect(await orc(['agent', 'model', claude, 'sonnet'])).toContain('switched its model');
    expect(await screenOf(claude)).toMatch(/Set model to Sonnet/);
    expect(await orc(['agent', 'clear', claude])).toContain('cleared its conversation');
    expect(await screenOf(claude)).not.toContain('after-interrupt-7');
    const bad = await runOrc(['agent', 'model', claude, 'bad;model']);
    expect(bad.code).not.toBe(0);
  });
});

describe('agent controls on a generic CLI', () => {
  it('refuses plan mode with the reason, and presses nothing', async () => {
    const before = await screenOf(shell);
    const result = await runOrc(['agent', 'mode', shell, 'plan']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`${shell} runs a generic CLI: orc knows no plan mode for it`);
    const interrupt = await runOrc(['agent', 'interrupt', shell]);
    expect(interrupt.code).not.toBe(0);
    expect(interrupt.stderr).toContain('orc knows no interrupt key for it');
    expect(await screenOf(shell)).toBe(before);
  });
});
