// From inside an agent's window: it schedules its own check-in with `orc checkin` (as itself,
// by the token in its environment), messages a teammate with `orc send`; the check-in fires
// once, and everything shows in `orc checkins` and `orc log`.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';

const team = uniqueName('chk');
const dev = `${team}/dev`;
const pm = `${team}/pm`;

beforeAll(async () => {
  const project = await mkdtemp(join(tmpdir(), 'orc-checkins-'));
  for (const id of [dev, pm]) await orc(['agent', 'start', id, '--project', project, '--cmd', 'bash --norc --noprofile']);
});

afterAll(async () => {
  for (const id of [dev, pm]) await runOrc(['agent', 'stop', id]);
});

type LogEntry = { from: string; to: string; text: string; state: string };
const log = async () => JSON.parse(await orc(['log', '--team', team, '--json'])) as LogEntry[];

describe('check-ins and messages from inside an agent window', () => {
  it('an agent schedules its own check-in, which fires once with its note', async () => {
    expect(await orc(['send', dev, 'orc checkin 3s "look at the build"'])).toContain('confirmed');
    const pending = await eventually(async () => {
      const list = JSON.parse(await orc(['checkins', '--agent', dev, '--json'])) as Array<{ id: string; agent: string; note: string; createdBy: string }>;
      expect(list, await orc(['capture', dev])).toHaveLength(1);
      return list;
    });
    expect(pending[0]).toMatchObject({ agent: dev, note: 'look at the build', createdBy: dev });

    await eventually(async () => {
      const delivered = (await log()).filter((m) => m.text.includes('Check-in (scheduled by') && m.to === dev);
      expect(delivered.map((m) => m.state)).toEqual(['confirmed']);
    });
    expect(JSON.parse(await orc(['checkins', '--agent', dev, '--json']))).toEqual([]);
    // The note reached the agent's terminal, once.
    const pane = await orc(['capture', dev, '--lines', '60']);
    expect(pane.match(/Check-in \(scheduled by [^)]+\): look at the build/g)).toHaveLength(1);
  });

  it('an agent messages a teammate as itself, and the log records both messages', async () => {
    expect(await orc(['send', dev, `orc send ${pm} "echo from-dev-to-pm"`])).toContain('confirmed');
    await eventually(async () => {
      const fromDev = (await log()).find((m) => m.from === dev && m.to === pm);
      expect(fromDev).toMatchObject({ text: 'echo from-dev-to-pm', state: 'confirmed' });
    });
    await eventually(async () => expect(await orc(['capture', pm])).toMatch(/^from-dev-to-pm$/m));
    const humanToDev = (await log()).find((m) => m.to === dev && m.from.startsWith('human:'));
    expect(humanToDev?.state).toBe('confirmed');
  });

  it('people schedule for an agent with --agent, list and cancel', async () => {
    const checkin = JSON.parse(await orc(['checkin', '--agent', pm, '1h', 'review the PR', '--json'])) as { id: string };
    const status = JSON.parse(await orc(['status', '--json'])) as Array<{ id: string; nextCheckinAt: string | null }>;
    expect(status.find((a) => a.id === pm)?.nextCheckinAt).not.toBeNull();
    expect(await orc(['checkin', 'cancel', checkin.id])).toContain(`cancelled check-in ${checkin.id}`);
    const again = await runOrc(['checkin', 'cancel', checkin.id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`no pending check-in ${checkin.id}`);
    const noAgent = await runOrc(['checkin', '10m', 'who?']);
    expect(noAgent.stderr).toContain('say which agent');
    const badDuration = await runOrc(['checkin', '--agent', pm, 'soon', 'x']);
    expect(badDuration.code).toBe(1);
    expect(badDuration.stderr).toMatch(/duration "soon"|"soon" is not a duration/);
  });
});
