// The dialog watcher against a scripted tmux: which panes it captures, and that it answers each
// live dialog once, never one that scrolled up, and says when an answered dialog has gone.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PermissionDialog } from '../../domain/permissions/dialog-recognition.ts';
import { watchDialogs } from './dialog-watcher.ts';
import { hostLayout } from '../../domain/data-layout.ts';
import { parseAgentRef } from '../../domain/names.ts';
import { writeFallbackAccess } from './screen-fallback-access.ts';
import type { FallbackOutcome } from './screen-fallback.ts';
import type { PaneOutputEvents } from '../tmux/pane-output-events.ts';
import type { Tmux } from '../tmux/tmux.ts';

interface ScriptedPane {
  id: string;
  agent: string;
  /** The pane's dialog duty as tmux holds it: `on` (answer, the default), `watch` (hooked), or none. */
  duty?: 'on' | 'watch' | '';
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
      const list = panes.map((p) => [nonce, p.id, p.agent, p.duty ?? 'on', '0', p.inMode ? '1' : '0', '/proj'].join('\t'));
      const screens = asked.flatMap((id) => [panes.find((p) => p.id === id)?.screen ?? '', `${nonce}:${id}`]);
      return [...list, `${nonce}:listed`, ...screens, ''].join('\n');
    },
  };
  return { tmux, captured };
}

async function watch(script: ScriptedPane[][], looks: number, outcome: FallbackOutcome = 'pressed', watchIntervalMs = 0, hostDir = '/nonexistent') {
  const { tmux, captured } = scriptedTmux(script);
  const answered: Array<{ pane: string; subject: string | null; token?: string }> = [];
  const closed: string[] = [];
  const interrupted: boolean[] = [];
  const watcher = watchDialogs({
    tmux,
    hostDir,
    answer: async (pane, access, dialog: PermissionDialog) => {
      answered.push({ pane: pane.paneId, subject: dialog.subject, ...(access ? { token: access.token } : {}) });
      return outcome;
    },
    onDialogClosed: async (agentId, _access, closing) => {
      closed.push(agentId);
      interrupted.push(closing.interrupted);
    },
    log: () => undefined,
    intervalMs: 2,
    idleIntervalMs: 2,
    watchIntervalMs,
    retryAfterMs: 1,
  });
  const deadline = Date.now() + 5_000;
  while (captured.length < looks && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
  watcher.stop();
  return { answered, closed, interrupted, captured: captured.slice(0, looks) };
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

  it('captures the panes of agents without hooks at every look, hooked ones seldom, and answers none in copy mode', async () => {
    const panes = [
      pane(DIALOG),
      pane(DIALOG, { id: '%2', agent: 't/hooked', duty: 'watch' }),
      pane(DIALOG, { id: '%3', agent: 't/scrolling', inMode: true }),
      pane(DIALOG, { id: '%4', agent: 't/older', duty: '' }),
    ];
    const { answered, captured } = await watch([panes], 4, 'pressed', 60_000);
    expect(captured[0]).toEqual([]); // the first look only learns which panes there are
    expect(captured.slice(1)).toEqual([['%1', '%2', '%3'], ['%1', '%3'], ['%1', '%3']]);
    // The hooked pane's dialog was seen, and left to its hook.
    expect(answered.map((a) => a.pane)).toEqual(['%1']);
  });

  it("reports a hooked pane's dialog closing, and whether Claude Code's turn ended with it", async () => {
    const hooked = (screen: string) => pane(screen, { duty: 'watch' });
    const claudeDialog = ' Bash command\n   npm run ship\n Do you want to proceed?\n ❯ 1. Yes\n   2. No\n Esc to cancel · Tab to amend';
    const rule = '─'.repeat(40);
    const afterNo = `  ⎿  Interrupted · What should Claude do instead?\n${rule}\n❯\n${rule}\n  ? for shortcuts`;
    const afterYes = `● Bash(npm run ship)\n  ⎿  Running…\n${rule}\n❯\n${rule}\n  ? for shortcuts`;
    const no = await watch([[hooked(PROMPT)], [hooked(claudeDialog)], [hooked(claudeDialog)], [hooked(afterNo)]], 6);
    expect(no.answered).toEqual([]);
    expect([no.closed, no.interrupted]).toEqual([['t/a'], [true]]);
    const yes = await watch([[hooked(PROMPT)], [hooked(claudeDialog)], [hooked(afterYes)]], 5);
    expect([yes.closed, yes.interrupted]).toEqual([['t/a'], [false]]);
  });

  it('asks as the agent now in a pane, when a restarted tmux gave its id to another agent', async () => {
    const hostDir = await mkdtemp(join(tmpdir(), 'orc-watcher-'));
    for (const agent of ['t/stopped', 't/new']) {
      await writeFallbackAccess(hostLayout(hostDir).agent(parseAgentRef(agent)).screenFallbackAccess, { agentId: agent, orcUrl: 'http://127.0.0.1:1', token: `token-of-${agent}`, workDir: '/proj' });
    }
    const { answered } = await watch([[pane(PROMPT, { agent: 't/stopped' })], [pane(DIALOG, { agent: 't/stopped' })], [pane(PROMPT, { agent: 't/new' })], [pane(DIALOG, { agent: 't/new' })]], 8, 'pressed', 0, hostDir);
    expect(answered.map((a) => a.token)).toEqual(['token-of-t/stopped', 'token-of-t/new']);
  });

  it('takes a dialog up again after asking about it failed, and not after it was left unanswered', async () => {
    expect((await watch([[pane(DIALOG)]], 30, 'retry')).answered.length).toBeGreaterThan(1);
    expect((await watch([[pane(DIALOG)]], 30, 'unanswered')).answered).toHaveLength(1);
  });

  it('with pane output heard, reads a heard pane only after it printed, and one not heard at every look', async () => {
    // %1's output is heard, %2's is not (its session's control client is down, say).
    let listener: (paneId: string) => void = () => undefined;
    const paneOutput: PaneOutputEvents = {
      covers: (paneId) => paneId === '%1',
      subscribe: (l) => ((listener = l), () => undefined),
      stop: () => undefined,
    };
    // From the fourth look on, %1 shows a dialog; nothing says so until it is heard printing.
    const { tmux, captured } = scriptedTmux([[pane(PROMPT), pane(PROMPT, { id: '%2', agent: 't/b' })], [pane(PROMPT), pane(PROMPT, { id: '%2', agent: 't/b' })], [pane(DIALOG), pane(PROMPT, { id: '%2', agent: 't/b' })]]);
    const answered: string[] = [];
    const watcher = watchDialogs({
      tmux,
      hostDir: '/nonexistent',
      answer: async (p) => (answered.push(p.paneId), 'pressed'),
      onDialogClosed: async () => undefined,
      log: () => undefined,
      intervalMs: 2,
      idleIntervalMs: 2,
      safetyIntervalMs: 60_000,
      minOutputGapMs: 0,
      paneOutput,
    });
    const until = async (check: () => boolean) => {
      const deadline = Date.now() + 5_000;
      while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    };
    try {
      await until(() => captured.length >= 8);
      // The first look learns the panes, the second reads both (new ones are read whatever they printed).
      expect(captured.slice(0, 2)).toEqual([[], ['%1', '%2']]);
      expect(captured.slice(2, 8)).toEqual(Array(6).fill(['%2']));
      expect(answered).toEqual([]);
      listener('%1');
      await until(() => answered.length > 0);
      expect(answered).toEqual(['%1']);
      expect(captured.slice(8)).toContainEqual(['%1', '%2']);
    } finally {
      watcher.stop();
    }
  });
});
