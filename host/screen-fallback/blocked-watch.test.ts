// The blocked watch against a scripted tmux and clock: a dialog orc cannot answer is reported
// once it has stayed on an unchanged screen, once per dialog, and its going is reported, also by
// a worker that restarted meanwhile (the pane's option remembers).
import { describe, expect, it } from 'vitest';
import { BLOCKED_PANE_OPTION, createBlockedWatch, type BlockedReport } from './blocked-watch.ts';
import type { Tmux } from '../tmux/tmux.ts';

const DIALOG = '> update\n\n  Update available: fake-cli 2.0\n\n  1. Install now\n  2. Remind me later\n\n  Press enter to confirm or esc to cancel';
const PROMPT = '> update\nupdate: later\n> ';
const PERMISSION = "  $ make deploy\n\n› 1. Yes, proceed (y)\n  2. Yes, and don't ask again for this command (a)\n  3. No, and tell Codex what to do differently (esc)";
const pane = { paneId: '%1', agentId: 't/a' };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setUp(options: Record<string, string> = {}) {
  const reports: Array<[string, BlockedReport['kind']]> = [];
  const calls: string[][] = [];
  let clock = 0;
  const tmux: Tmux = {
    async run(args) {
      calls.push([...args]);
      if (args[0] === 'set-option') {
        if (args.includes('-u')) delete options[args.at(-1) ?? ''];
        else options[args.at(-2) ?? ''] = args.at(-1) ?? '';
      }
      if (args[0] === 'display-message') return `${options[BLOCKED_PANE_OPTION] ?? ''}\n`;
      return '';
    },
  };
  const watch = createBlockedWatch({ tmux, report: async (agentId, event) => void reports.push([agentId, event.kind]), blockedAfterMs: 5_000, now: () => clock, log: () => undefined });
  const look = async (text: string, at: number) => {
    clock = at;
    watch.observe(pane, text);
    await settle();
    await settle();
  };
  return { reports, calls, options, look };
}

describe('the blocked watch', () => {
  it('reports a dialog once its screen has stayed unchanged long enough, and once only', async () => {
    const { reports, options, look } = setUp();
    await look(PROMPT, 0);
    await look(DIALOG, 1_000);
    await look(DIALOG, 4_000);
    expect(reports).toEqual([]);
    await look(DIALOG, 6_000);
    await look(DIALOG, 7_000);
    await look(DIALOG, 60_000);
    expect(reports).toEqual([['t/a', 'blocked']]);
    expect(options[BLOCKED_PANE_OPTION]).toBe('1');
    await look(PROMPT, 61_000);
    expect(reports).toEqual([['t/a', 'blocked'], ['t/a', 'unblocked']]);
    expect(options[BLOCKED_PANE_OPTION]).toBeUndefined();
  });

  it('waits while the screen keeps changing, and never reports a permission dialog orc answers', async () => {
    const { reports, look } = setUp();
    // A clock or spinner in the dialog: its screen never settles.
    for (let at = 0; at < 20_000; at += 1_000) await look(DIALOG.replace('fake-cli 2.0', `fake-cli 2.0 (checked ${at / 1000}s ago)`), at);
    await look(PERMISSION, 20_000);
    await look(PERMISSION, 40_000);
    expect(reports).toEqual([]);
  });

  it('after a restart, says unblocked for a pane left blocked, and nothing for the others', async () => {
    const left = setUp({ [BLOCKED_PANE_OPTION]: '1' });
    await left.look(PROMPT, 0);
    expect(left.reports).toEqual([['t/a', 'unblocked']]);
    await left.look(PROMPT, 1_000);
    expect(left.reports).toHaveLength(1);
    const clear = setUp();
    await clear.look(PROMPT, 0);
    await clear.look(PROMPT, 1_000);
    expect(clear.reports).toEqual([]);
  });

  it('tries again when the workflow could not be told', async () => {
    const reports: string[] = [];
    let fail = true;
    const tmux: Tmux = { run: async () => '' };
    let clock = 0;
    const watch = createBlockedWatch({
      tmux,
      report: async (_agent, event) => {
        if (fail) throw new Error('no Temporal');
        reports.push(event.kind);
      },
      now: () => clock,
      log: () => undefined,
    });
    watch.observe(pane, DIALOG);
    clock = 6_000;
    watch.observe(pane, DIALOG);
    await settle();
    await settle();
    expect(reports).toEqual([]);
    fail = false;
    clock = 7_000;
    watch.observe(pane, DIALOG);
    await settle();
    expect(reports).toEqual(['blocked']);
  });
});
