// The pane watcher against a scripted tmux: what it reports, once, and after pane ids are reused.
import { describe, expect, it } from 'vitest';
import { watchAgentPanes, type PaneExit } from './pane-watcher.ts';
import type { Tmux } from './tmux.ts';

function scriptedTmux(listings: string[]): Tmux {
  let call = 0;
  return {
    async run() {
      const listing = listings[Math.min(call++, listings.length - 1)] ?? '';
      return listing;
    },
  };
}

const row = (pane: string, dead: 0 | 1, status: string, agent: string) => `${pane}\t${dead}\t${status}\t\t${agent}`;

async function watch(listings: string[], ticks: number): Promise<PaneExit[]> {
  const exits: PaneExit[] = [];
  const watcher = watchAgentPanes(scriptedTmux(listings), async (exit) => void exits.push(exit), 5);
  await new Promise((r) => setTimeout(r, ticks * 25));
  watcher.stop();
  return exits;
}

describe('watchAgentPanes', () => {
  it('reports a dead pane once, with its exit status, once tmux has it', async () => {
    const exits = await watch([row('%1', 0, '', 't/a'), row('%1', 1, '', 't/a'), row('%1', 1, '3', 't/a')], 10);
    expect(exits).toEqual([{ agentId: 't/a', paneId: '%1', exitStatus: 3 }]);
  });

  it('reports a pane that vanished', async () => {
    const exits = await watch([row('%1', 0, '', 't/a'), ''], 10);
    expect(exits).toEqual([{ agentId: 't/a', paneId: '%1', exitStatus: null }]);
  });

  it('ignores panes that are not agents', async () => {
    const exits = await watch([`%1\t1\t0\t\t`], 10);
    expect(exits).toEqual([]);
  });

  it('reports again when tmux reuses a pane id for a new agent', async () => {
    const exits = await watch([row('%0', 0, '', 't/a'), '', row('%0', 0, '', 't/b'), row('%0', 1, '3', 't/b')], 12);
    expect(exits).toEqual([
      { agentId: 't/a', paneId: '%0', exitStatus: null },
      { agentId: 't/b', paneId: '%0', exitStatus: 3 },
    ]);
  });
});
