// The control runner against a fake tmux whose screen changes as keys arrive: what it presses,
// when it stops, and what it reports. (The real Claude Code: tests/e2e/agent-controls.test.ts.)
import { describe, expect, it } from 'vitest';
import type { ControlPlan } from '../domain/agent-controls.ts';
import { runControl } from './agent-controls.ts';
import type { Tmux } from './tmux/tmux.ts';

/** A pane whose text is `screen`; each send-keys is recorded and may change it through `onKeys`. */
function fakeTmux(initial: string, onKeys: (keys: string[], screen: string) => string = (_, s) => s) {
  let screen = initial;
  const sent: string[][] = [];
  const tmux: Tmux = {
    async run(args) {
      if (args[0] === 'capture-pane') return screen;
      if (args[0] === 'send-keys') {
        sent.push([...args]);
        screen = onKeys(args.slice(3), screen);
        return '';
      }
      throw new Error(`unexpected tmux ${args.join(' ')}`);
    },
  };
  return { tmux, sent, show: (text: string) => (screen = text) };
}

const MODES = ['default', 'acceptEdits', 'plan', 'auto'];
const cycle = (overrides: Partial<Extract<ControlPlan, { how: 'cycle' }>> = {}): ControlPlan => ({
  how: 'cycle',
  what: 'switched to plan mode',
  refuseWhen: () => null,
  key: 'BTab',
  read: (pane) => /mode: (\w+)/.exec(pane)?.[1] ?? null,
  want: 'plan',
  maxPresses: 4,
  pressTimeoutMs: 300,
  ...overrides,
});
const nextMode = (_keys: string[], screen: string) => `mode: ${MODES[(MODES.indexOf(/mode: (\w+)/.exec(screen)?.[1] ?? '') + 1) % MODES.length]}`;

describe('runControl', () => {
  it('presses nothing when the screen refuses, and says why with the screen', async () => {
    const { tmux, sent } = fakeTmux('a dialog is up');
    const outcome = await runControl(tmux, '%1', 'mode', cycle({ refuseWhen: (pane) => (pane.includes('dialog') ? 'a dialog is open' : null) }));
    expect(outcome).toEqual({ control: 'mode', done: false, detail: 'nothing pressed: a dialog is open', screen: 'a dialog is up' });
    expect(sent).toEqual([]);
  });

  it('cycles until the wanted mode shows, pressing only as often as needed', async () => {
    const { tmux, sent } = fakeTmux('mode: default', nextMode);
    const outcome = await runControl(tmux, '%1', 'mode', cycle());
    expect(outcome).toMatchObject({ done: true, screen: 'mode: plan' });
    expect(outcome.detail).toContain('pressed BTab 2 time(s)');
    expect(sent).toEqual([['send-keys', '-t', '%1', 'BTab'], ['send-keys', '-t', '%1', 'BTab']]);
  });

  it('is done at once when the mode already shows', async () => {
    const { tmux, sent } = fakeTmux('mode: plan', nextMode);
    expect(await runControl(tmux, '%1', 'mode', cycle())).toMatchObject({ done: true, detail: 'already in plan mode; nothing pressed' });
    expect(sent).toEqual([]);
  });

  it('gives up when a press changes nothing, saying what the screen still showed', async () => {
    const { tmux, sent } = fakeTmux('mode: default');
    const outcome = await runControl(tmux, '%1', 'mode', cycle());
    expect(outcome.done).toBe(false);
    expect(outcome.detail).toBe('pressed BTab 1 time(s), but the screen still showed default 0.3 s later, not plan');
    expect(sent).toHaveLength(1);
  });

  it('stops after the bounded presses when the mode never comes round', async () => {
    const { tmux, sent } = fakeTmux('mode: default', nextMode);
    const outcome = await runControl(tmux, '%1', 'mode', cycle({ want: 'bypassPermissions' }));
    expect(outcome).toMatchObject({ done: false, detail: 'pressed BTab 4 times and the screen never showed bypassPermissions mode (last: default)' });
    expect(sent).toHaveLength(4);
  });

  it('types text and keys in one tmux command, answers a question once, and reports a failure the screen shows', async () => {
    const { tmux, sent } = fakeTmux('prompt', (keys, screen) => {
      if (keys.includes('-l')) return 'Switch model?';
      return screen === 'Switch model?' ? 'Error: no such model' : screen;
    });
    const plan: ControlPlan = {
      how: 'press',
      what: 'switched its model',
      refuseWhen: () => null,
      text: '/model x',
      keys: ['Enter'],
      confirm: { shows: (pane) => pane === 'Switch model?', keys: ['Enter'] },
      outcome: (pane) => (pane.startsWith('Error') ? `Claude Code answered: ${pane}` : null),
      timeoutMs: 2_000,
    };
    expect(await runControl(tmux, '%1', 'model', plan)).toMatchObject({ done: false, detail: 'Claude Code answered: Error: no such model' });
    expect(sent).toEqual([
      ['send-keys', '-t', '%1', '-l', '--', '/model x', ';', 'send-keys', '-t', '%1', 'Enter'],
      ['send-keys', '-t', '%1', 'Enter'],
    ]);
  });

  it('presses again while the screen still says it works, then tidies what was left', async () => {
    let escapes = 0;
    const { tmux, sent } = fakeTmux('working', (keys, screen) => {
      if (keys[0] === 'Escape') return ++escapes >= 2 ? 'stopped, text put back' : screen;
      if (keys[0] === 'C-u') return 'stopped';
      return screen;
    });
    const plan: ControlPlan = {
      how: 'press',
      what: 'interrupted its turn',
      refuseWhen: () => null,
      keys: ['Escape'],
      outcome: (pane) => (pane.startsWith('stopped') ? true : null),
      repress: { everyMs: 200, max: 3, still: (pane) => pane === 'working' },
      tidy: { needed: (pane) => pane.includes('text put back'), keys: () => ['C-u', 'C-u'], what: 'cleared the prompt' },
      timeoutMs: 3_000,
    };
    const outcome = await runControl(tmux, '%1', 'interrupt', plan);
    expect(outcome).toMatchObject({ done: true, detail: 'interrupted its turn (pressed 2 times); cleared the prompt', screen: 'stopped' });
    expect(sent.map((args) => args.slice(3))).toEqual([['Escape'], ['Escape'], ['C-u', 'C-u']]);
  });

  it('reports a control its screen never confirmed', async () => {
    const { tmux } = fakeTmux('working');
    const plan: ControlPlan = { how: 'press', what: 'compacted', refuseWhen: () => null, text: '/compact', keys: ['Enter'], outcome: () => null, timeoutMs: 300 };
    expect(await runControl(tmux, '%1', 'compact', plan)).toMatchObject({ done: false, detail: 'pressed /compact and Enter, but its screen did not show it took effect within 0.3 s' });
  });
});
