// The dialog watcher against a scripted tmux: which panes it captures, and that it answers each
// live dialog once, never one that scrolled up, and says when an answered dialog has gone.
import { describe, expect, it } from 'vitest';
import type { PermissionDialog } from '../domain/permissions/dialog-recognition.ts';
import { watchDialogs } from './dialog-watcher.ts';
import type { FallbackOutcome } from './screen-fallback.ts';
import type { Tmux } from './tmux.ts';

interface ScriptedPane {
  id: string;
  agent: string;
  fallback?: boolean;
  inMode?: boolean;
  screen: string;
}

const DIALOG = "  $ make deploy\n\n› 1. Yes, proceed (y)\n  2. Yes, and don't ask again for this command (a)\n  3. No, and tell Codex what to do differently (esc)";
const SCROLLED_UP = `${DIALOG}\n\n✔ ran make deploy\n> `;
const PROMPT = '> ';

/** A tmux whose panes show, on the n-th look, the n-th entry of the script (the last one after that). */
function scriptedTmux(script: ScriptedPane[][]) {
  const captured: string[][] = [];
  let look = 0;
  const tmux: Tmux = {
    async run(args) {
      const nonce = (args[3] ?? '').split('\t')[0] ?? '';
      const panes = script[Math.min(look++, script.length - 1)] ?? [];
      const asked = args.flatMap((arg, i) => (arg === 'capture-pane' ? [args[i + 4] ?? ''] : []));
      captured.push(asked);
      const list = panes.map((p) => [nonce, p.id, p.agent, p.fallback === false ? '' : 'on', '0', p.inMode ? '1' : '0', '/proj'].join('\t'));
      const screens = asked.flatMap((id) => [panes.find((p) => p.id === id)?.screen ?? '', `${nonce}:${id}`]);
      return [...list, `${nonce}:listed`, ...screens, ''].join('\n');
    },
  };
  return { tmux, captured };
}

async function watch(script: ScriptedPane[][], looks: number, outcome: FallbackOutcome = 'pressed') {
  const { tmux, captured } = scriptedTmux(script);
  const answered: Array<{ pane: string; subject: string | null }> = [];
  const closed: string[] = [];
  const watcher = watchDialogs({
    tmux,
    hostDir: '/nonexistent',
    answer: async (pane, _access, dialog: PermissionDialog) => {
      answered.push({ pane: pane.paneId, subject: dialog.subject });
      return outcome;
    },
    onDialogClosed: async (agentId) => void closed.push(agentId),
    log: () => undefined,
    intervalMs: 2,
    idleIntervalMs: 2,
    retryAfterMs: 1,
  });
  const deadline = Date.now() + 5_000;
  while (captured.length < looks && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
  watcher.stop();
  return { answered, closed, captured: captured.slice(0, looks) };
}

const pane = (screen: string, extra: Partial<ScriptedPane> = {}): ScriptedPane => ({ id: '%1', agent: 't/a', screen, ...extra });

describe('watchDialogs', () => {
  it('answers a live dialog once while it shows, and reports it closed once it has gone', async () => {
    const { answered, closed } = await watch([[pane(PROMPT)], [pane(PROMPT)], [pane(DIALOG)], [pane(DIALOG)], [pane(DIALOG)], [pane(PROMPT)]], 10);
    expect(answered).toEqual([{ pane: '%1', subject: 'make deploy' }]);
    expect(closed).toEqual(['t/a']);
  });

  it('never answers a dialog that scrolled up', async () => {
    const { answered, closed } = await watch([[pane(SCROLLED_UP)]], 6);
    expect(answered).toEqual([]);
    expect(closed).toEqual([]);
  });

  it('answers the same question again once it has gone and come back', async () => {
    const { answered } = await watch([[pane(PROMPT)], [pane(DIALOG)], [pane(DIALOG)], [pane(SCROLLED_UP)], [pane(DIALOG)]], 8);
    expect(answered).toHaveLength(2);
  });

  it('captures only the panes of agents without hooks, and none in copy mode is answered', async () => {
    const panes = [pane(DIALOG), pane(DIALOG, { id: '%2', agent: 't/hooked', fallback: false }), pane(DIALOG, { id: '%3', agent: 't/scrolling', inMode: true })];
    const { answered, captured } = await watch([panes], 4);
    expect(captured[0]).toEqual([]); // the first look only learns which panes there are
    expect(captured.slice(1)).toEqual([['%1', '%3'], ['%1', '%3'], ['%1', '%3']]);
    expect(answered.map((a) => a.pane)).toEqual(['%1']);
  });

  it('takes a dialog up again after asking about it failed, and not after it was left unanswered', async () => {
    expect((await watch([[pane(DIALOG)]], 30, 'retry')).answered.length).toBeGreaterThan(1);
    expect((await watch([[pane(DIALOG)]], 30, 'unanswered')).answered).toHaveLength(1);
  });
});
