// The one-process look at every agent pane: its command list, reading tmux's output back (also
// when tmux stopped part-way), and the same against a real tmux server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTmuxServer, type TmuxServer } from '../../testing/tmux-server.ts';
import { parseSweep, sweepArgs, sweepPanes } from './pane-sweep.ts';
import { createTmux } from './tmux.ts';

const N = 'orc-sweep-secret';
const row = (pane: string, agent: string, fallback = 'on', dead = '0', mode = '0', cwd = '/p') => [N, pane, agent, fallback, dead, mode, cwd].join('\t');

describe('sweepArgs', () => {
  it('lists, then captures each pane followed by its marker, as one command list', () => {
    const args = sweepArgs(N, ['%1', '%2']);
    expect(args.filter((a) => a === ';')).toHaveLength(5);
    expect(args.slice(0, 4)).toEqual(['list-panes', '-a', '-F', expect.stringContaining('#{@orc-screen-fallback}')]);
    expect(args.join(' ')).toContain(`; capture-pane -p -J -t %2 ; display-message -p -t %2 ${N}:#{pane_id}`);
  });
});

describe('parseSweep', () => {
  it('reads the panes and each screen in order', () => {
    const out = [row('%1', 't/a'), row('%2', 't/b', 'watch', '0', '1', '/p q'), row('%4', 't/c', ''), 'some\tother pane', `${N}:listed`, 'screen of a', '', `${N}:%1`, 'screen of b', `${N}:%2`, ''].join('\n');
    const sweep = parseSweep(out, N, ['%1', '%2']);
    expect(sweep?.panes).toEqual([
      { paneId: '%1', agentId: 't/a', dialogs: 'answer', dead: false, inMode: false, cwd: '/p' },
      { paneId: '%2', agentId: 't/b', dialogs: 'watch', dead: false, inMode: true, cwd: '/p q' },
      { paneId: '%4', agentId: 't/c', dialogs: null, dead: false, inMode: false, cwd: '/p' },
    ]);
    expect([...(sweep?.screens ?? [])]).toEqual([['%1', 'screen of a'], ['%2', 'screen of b']]);
  });

  it('skips panes that are not agents', () => {
    expect(parseSweep([[N, '%3', '', '', '0', '0', '/'].join('\t'), `${N}:listed`].join('\n'), N, [])?.panes).toEqual([]);
  });

  it('is null without the pane list', () => {
    expect(parseSweep('', N, ['%1'])).toBeNull();
    expect(parseSweep(`${row('%1', 't/a')}\n`, N, ['%1'])).toBeNull();
  });

  it('keeps the screens before a pane that vanished, and none after', () => {
    // tmux stops at the failing capture of %2: only %1's screen and marker came out.
    const out = [row('%1', 't/a'), `${N}:listed`, 'a', `${N}:%1`, ''].join('\n');
    expect([...(parseSweep(out, N, ['%1', '%2', '%3'])?.screens.keys() ?? [])]).toEqual(['%1']);
  });

  it('trusts nothing after a marker that names another pane', () => {
    const out = [`${N}:listed`, 'a', `${N}:%1`, 'b', `${N}:%9`, 'c', `${N}:%3`].join('\n');
    expect([...(parseSweep(out, N, ['%1', '%2', '%3'])?.screens.keys() ?? [])]).toEqual(['%1']);
  });

  it('does not take a screen line that merely looks like a marker of another secret', () => {
    const out = [`${N}:listed`, 'orc-sweep-guess:%2', `${N}:%1`].join('\n');
    expect(parseSweep(out, N, ['%1'])?.screens.get('%1')).toBe('orc-sweep-guess:%2');
  });
});

describe('sweepPanes against real tmux', () => {
  let server: TmuxServer;
  let panes: string[];

  beforeAll(async () => {
    server = await startTmuxServer();
    await server.newWindow({ name: 's', cwd: '/tmp', argv: ['sh', '-c', 'printf "first screen\\n"; exec sleep 600'] });
    const second = (await server.tmux(['new-window', '-d', '-t', 's:', '-c', '/tmp', '-P', '-F', '#{pane_id}', '--', 'sh', '-c', 'printf "second screen\\n"; exec sleep 600'])).trim();
    const first = (await server.tmux(['display-message', '-p', '-t', 's:0.0', '#{pane_id}'])).trim();
    panes = [first, second];
    for (const [i, pane] of panes.entries()) await server.tmux(['set-option', '-p', '-t', pane, '@orc-agent', `t/a${i}`, ';', 'set-option', '-p', '-t', pane, '@orc-screen-fallback', 'on']);
    await new Promise((r) => setTimeout(r, 300));
  });

  afterAll(async () => {
    await server?.kill();
  });

  it('captures every pane asked for with one tmux process', async () => {
    let calls = 0;
    const tmux = createTmux({ name: server.socket });
    const counting = { run: (args: readonly string[]) => (calls++, tmux.run(args)) };
    const sweep = await sweepPanes(counting, N, panes);
    expect(calls).toBe(1);
    expect(sweep?.panes.map((p) => [p.agentId, p.dialogs, p.cwd])).toEqual([['t/a0', 'answer', '/tmp'], ['t/a1', 'answer', '/tmp']]);
    expect(sweep?.screens.get(panes[0] ?? '')).toBe('first screen');
    expect(sweep?.screens.get(panes[1] ?? '')).toBe('second screen');
  });

  it('still returns the list and earlier screens when a pane asked for is gone', async () => {
    const sweep = await sweepPanes(createTmux({ name: server.socket }), N, [panes[0] ?? '', '%999', panes[1] ?? '']);
    expect(sweep?.panes).toHaveLength(2);
    expect([...(sweep?.screens.keys() ?? [])]).toEqual([panes[0]]);
  });
});
