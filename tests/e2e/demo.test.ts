// `npm run demo`'s scenario against the test stack: the demo team (the real Claude Code CLI
// driven by the demo's scripted model) leaves what the dashboard is meant to show: the
// engineer's message in the project manager's log, the engineer's own check-in, and a
// permission request waiting for a person.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoModel, DEMO_NOTE, UNAPPROVED_COMMAND } from '../../scripts/demo/demo-model.ts';
import { DEMO_ENGINEER, DEMO_MANAGER, deployDemoTeam } from '../../scripts/demo/demo-scenario.ts';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';
import { startScriptedMessagesApi, type ScriptedMessagesApi } from '../../testing/scripted-messages-api.ts';

const team = uniqueName('demo');
const engineer = `${team}/${DEMO_ENGINEER}`;
const manager = `${team}/${DEMO_MANAGER}`;
let model: ScriptedMessagesApi;

beforeAll(async () => {
  model = await startScriptedMessagesApi(demoModel(team, DEMO_MANAGER));
  await deployDemoTeam({ orcUrl: inject('orcUrl'), adminToken: inject('adminToken'), apiUrl: model.url, team, progress: () => undefined });
});
afterAll(async () => {
  await runOrc(['team', 'stop', team]);
  await model?.close();
});

describe('the demo scenario', () => {
  it('has the engineer message the project manager, schedule its check-in and wait for a permission', async () => {
    type Message = { from: string; to: string; text: string };
    await eventually(async () => {
      const log = JSON.parse(await orc(['log', '--team', team, '--json'])) as Message[];
      expect(log.filter((m) => m.from === engineer && m.to === manager).map((m) => m.text)).toEqual([expect.stringContaining('(demo) Hi, engineer here')]);
    }, { timeoutMs: 90_000 });

    await eventually(async () => {
      const checkins = JSON.parse(await orc(['checkins', '--json'])) as { agent: string; note: string }[];
      expect(checkins).toContainEqual(expect.objectContaining({ agent: engineer, note: DEMO_NOTE }));
    }, { timeoutMs: 60_000 });

    await eventually(async () => {
      const pending = JSON.parse(await orc(['approvals', '--json'])) as { agent: string; tool: string; command: string | null }[];
      expect(pending.filter((p) => p.agent === engineer).map((p) => [p.tool, p.command])).toEqual([['Bash', UNAPPROVED_COMMAND]]);
    }, { timeoutMs: 60_000 });

    // Every answer came from the script, and the project manager's replies say so.
    const replies = model.requests.filter((r) => !r.sideQuery && r.reply && 'text' in r.reply).map((r) => (r.reply as { text: string }).text);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((text) => text.includes('(demo)'))).toBe(true);
  });
});
