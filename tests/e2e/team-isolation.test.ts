// Two real teams of shell agents, and the `orc` CLI run with one agent's own token (read from
// its window's ORC_AGENT_TOKEN): it reads and acts on its own team, and every look at the other
// team (screen, log, pane histories, check-ins, status) is refused with one clear line. A
// message that would end a bracketed paste early is refused before anything reaches a pane.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';
import { makeRepo } from '../../host/git/git-testing.ts';

const a = uniqueName('iso-a');
const b = uniqueName('iso-b');
let agentToken: string;
const asAgent = (args: string[]) => runOrc(args, { ORC_TOKEN: agentToken });

/** A git project with one commit (worktree teams need one). */
const gitProject = async (): Promise<string> => makeRepo(await mkdtemp(join(tmpdir(), 'orc-isolation-')));

beforeAll(async () => {
  const flags = ['--profile', 'shell', '--git-checkpoint', 'off'];
  await orc(['team', 'create', a, '--project', await gitProject(), '--agents', 'x:engineer,z:qa', ...flags]);
  await orc(['team', 'create', b, '--project', await gitProject(), '--agents', 'y:engineer', ...flags]);
  // Something of team b's worth hiding: a message, a screen, a check-in.
  expect(await orc(['send', `${b}/y`, 'echo beta-secret-on-screen'])).toContain('confirmed');
  await orc(['checkin', '--agent', `${b}/y`, '1h', 'beta-secret-checkin']);
  // Team a's agent x, as its own window knows itself.
  expect(await orc(['send', `${a}/x`, 'echo "TOKEN=$ORC_AGENT_TOKEN"'])).toContain('confirmed');
  agentToken = await eventually(async () => {
    const token = /TOKEN=(orc_agt_\S+)/.exec(await orc(['capture', `${a}/x`, '--lines', '20']))?.[1];
    expect(token).toBeDefined();
    return token ?? '';
  });
});

afterAll(async () => {
  await runOrc(['team', 'stop', a]);
  await runOrc(['team', 'stop', b]);
});

describe("an agent's token and another team", () => {
  it.each([
    ['the screen', ['capture', `${b}/y`]],
    ['the log of an agent', ['log', '--agent', `${b}/y`]],
    ['pane histories', ['history', `${b}/y`]],
    ['check-ins of an agent', ['checkins', '--agent', `${b}/y`]],
  ])('refuses %s of the other team with one clear line', async (_, args) => {
    const refused = await asAgent(args);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(`orc: agent ${a}/x may read only team ${a}; ${b}/y is in team ${b}`);
    expect(refused.stdout).toBe('');
  });

  it.each([
    ['the log', ['log', '--team', b]],
    ['check-ins', ['checkins', '--team', b]],
    ['the team', ['team', 'show', b]],
  ])('refuses %s of the other team by name', async (_, args) => {
    const refused = await asAgent(args);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(`orc: agent ${a}/x may read only team ${a}, not team ${b}`);
  });

  it('cannot message the other team', async () => {
    const refused = await asAgent(['send', `${b}/y`, 'echo from-team-a']);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(`orc: agent ${a}/x may act on only team ${a}; ${b}/y is in team ${b}`);
    expect(await orc(['capture', `${b}/y`])).not.toContain('from-team-a');
  });

  it("never opens the dashboard's pages (they show every team) with its token", async () => {
    for (const path of ['/', `/agents/${b}/y`, '/log']) {
      const page = await fetch(`${inject('orcUrl')}${path}`, { headers: { authorization: `Bearer ${agentToken}` }, redirect: 'manual' });
      expect(page.status).toBe(403);
      expect(await page.text()).toBe(`agent ${a}/x's token cannot open the dashboard; use the API (orc)`);
    }
  });

  it('still reads and acts on its own team, and its lists hold nothing of the other', async () => {
    expect(await orc(['capture', `${a}/x`], { ORC_TOKEN: agentToken })).toContain('TOKEN=orc_agt_');
    expect((await asAgent(['history', `${a}/x`])).code).toBe(0);
    expect(await orc(['send', `${a}/z`, 'echo hello-teammate'], { ORC_TOKEN: agentToken })).toContain('confirmed');
    await orc(['checkin', '30m', 'alpha-own-checkin'], { ORC_TOKEN: agentToken });

    const status = JSON.parse(await orc(['status', '--json'], { ORC_TOKEN: agentToken })) as Array<{ id: string }>;
    expect(status.map((s) => s.id).sort()).toEqual([`${a}/x`, `${a}/z`]);
    const log = JSON.parse(await orc(['log', '--json'], { ORC_TOKEN: agentToken })) as Array<{ team: string; to: string; from: string }>;
    expect(log.length).toBeGreaterThanOrEqual(2);
    expect(log.every((m) => m.team === a)).toBe(true);
    expect(log).toContainEqual(expect.objectContaining({ from: `${a}/x`, to: `${a}/z` }));
    const checkins = JSON.parse(await orc(['checkins', '--json'], { ORC_TOKEN: agentToken })) as Array<{ agent: string; note: string }>;
    expect(checkins.map((c) => [c.agent, c.note])).toEqual([[`${a}/x`, 'alpha-own-checkin']]);
    const teams = JSON.parse(await orc(['team', 'list', '--json'], { ORC_TOKEN: agentToken })) as Array<{ team: string }>;
    expect(teams.map((t) => t.team)).toEqual([a]);
    const stats = JSON.parse(await orc(['stats', '--json'], { ORC_TOKEN: agentToken })) as { teams: Array<{ team: string }> };
    expect(stats.teams.every((t) => t.team === a)).toBe(true);

    // A person's token still sees both teams.
    const everyone = JSON.parse(await orc(['status', '--json'])) as Array<{ id: string }>;
    expect(everyone.map((s) => s.id)).toEqual(expect.arrayContaining([`${a}/x`, `${a}/z`, `${b}/y`]));
  });
});

describe('a message is text, never keystrokes', () => {
  it('refuses the end of a bracketed paste with the field, character and position, and types nothing', async () => {
    const hostile = 'echo pasted-\x1b[201~echo typed-as-keys';
    for (const env of [{ ORC_TOKEN: agentToken }, {}]) {
      const refused = await runOrc(['send', `${a}/z`, hostile], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr.trim()).toBe('orc: text: character 13 is ESC (0x1b), a terminal control character; only newlines and tabs are allowed');
    }
    const checkin = await runOrc(['checkin', '1h', 'wake\rup'], { ORC_TOKEN: agentToken });
    expect(checkin.stderr.trim()).toBe('orc: note: character 5 is CR (0x0d), a terminal control character; only newlines and tabs are allowed');

    // A message sent after it arrives: had the refused one been typed, it would be on screen before it.
    expect(await orc(['send', `${a}/z`, 'echo after-the-refusal'])).toContain('confirmed');
    const screen = await orc(['capture', `${a}/z`, '--lines', '200']);
    expect(screen).toContain('after-the-refusal');
    expect(screen).not.toContain('pasted-');
    expect(screen).not.toContain('typed-as-keys');
    const log = JSON.parse(await orc(['log', '--agent', `${a}/z`, '--json'])) as Array<{ text: string }>;
    expect(log.some((m) => m.text.includes('typed-as-keys'))).toBe(false);
  });
});
