// orc's own processes on the bench's stack, as sampler groups: the worker, the web app, the
// database and Temporal, and their sum ("orc's processes together", the figure issue 13's
// targets are about), with the tmux server beside them. The bench's stack keeps its database
// in the launcher (embedded PostgreSQL, PGlite: `npm start` without DATABASE_URL), so the
// launcher process is the database here.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { childrenMatching } from './proc-stats.ts';
import type { GroupSpec } from './sampler.ts';

const run = promisify(execFile);

export const ORC_TOGETHER = "orc's processes together";
export const WITH_TMUX = '… and the tmux server';

export interface OrcProcesses {
  worker: number;
  web: number;
  launcher: number;
  temporal: number[];
  tmuxServer: number | null;
}

async function onlyChild(parent: number, needle: string): Promise<number> {
  const pids = await childrenMatching(parent, needle);
  if (pids.length !== 1) throw new Error(`expected one child of ${parent} running ${needle}, found ${pids.length}`);
  return pids[0]!;
}

export async function findOrcProcesses(launcherPid: number, tmuxSocket: string): Promise<OrcProcesses> {
  const tmuxServer = await run('tmux', ['-L', tmuxSocket, 'display-message', '-p', '#{pid}']).then(
    ({ stdout }) => Number(stdout.trim()) || null,
    () => null,
  );
  return {
    worker: await onlyChild(launcherPid, 'workers/host-worker.ts'),
    web: await onlyChild(launcherPid, 'web/build/index.js'),
    launcher: launcherPid,
    temporal: await childrenMatching(launcherPid, 'start-dev'),
    tmuxServer,
  };
}

/**
 * The sampler groups and totals. Each orc process also counts its children once reaped (the
 * worker's `tmux` clients, one per look at the panes, are most of what pane reading costs it);
 * the tmux server does not (its children are the agents), but its own CPU includes answering
 * those clients and, with control mode, streaming panes' output.
 */
export function orcGroups(p: OrcProcesses): { groups: Record<string, GroupSpec>; totals: Record<string, string[]> } {
  const groups: Record<string, GroupSpec> = {
    worker: { pids: async () => [p.worker], withReapedChildren: true },
    web: { pids: async () => [p.web], withReapedChildren: true },
    'database (PGlite, in the launcher)': { pids: async () => [p.launcher], withReapedChildren: false },
    'Temporal dev server': { pids: async () => p.temporal, withReapedChildren: true },
    'tmux server': { pids: async () => (p.tmuxServer ? [p.tmuxServer] : []) },
  };
  const orc = ['worker', 'web', 'database (PGlite, in the launcher)', 'Temporal dev server'];
  return { groups, totals: { [ORC_TOGETHER]: orc, [WITH_TMUX]: [...orc, 'tmux server'] } };
}
