// Samples groups of processes once a second: CPU share (utime+stime delta over wall time,
// in % of one core; a group may exceed 100 on several cores) and resident memory (VmRSS,
// summed over the group). A group's pids are re-resolved each tick, so processes that
// come and go (agent CLIs) are counted while they live.
import { readRssBytes, readStat } from './proc-stats.ts';

export type PidSource = () => Promise<number[]>;

export interface GroupUsage {
  samples: number;
  cpuMeanPct: number;
  cpuMaxPct: number;
  rssMaxMiB: number;
  rssMeanMiB: number;
  /** How many processes the group held at most. */
  processesMax: number;
}

interface Tick {
  cpuPct: number;
  rssBytes: number;
  processes: number;
}

export interface Sampler {
  stop(): Promise<Record<string, GroupUsage>>;
}

export function startSampler(groups: Record<string, PidSource>, intervalMs = 1_000): Sampler {
  const ticks = new Map<string, Tick[]>(Object.keys(groups).map((name) => [name, []]));
  // The last CPU reading per group and pid, so a delta is taken only over a process's own life.
  const last = new Map<string, Map<number, { cpuSeconds: number; at: number }>>();
  let running = true;

  async function sampleGroup(name: string, source: PidSource): Promise<void> {
    const pids = await source().catch(() => []);
    const first = !last.has(name);
    const previous = last.get(name) ?? new Map<number, { cpuSeconds: number; at: number }>();
    const next = new Map<number, { cpuSeconds: number; at: number }>();
    let cpuPct = 0;
    let rssBytes = 0;
    for (const pid of pids) {
      const [stat, rss] = await Promise.all([readStat(pid), readRssBytes(pid)]);
      if (!stat || rss === null) continue;
      const at = performance.now();
      const before = previous.get(pid);
      if (before) {
        cpuPct += ((stat.cpuSeconds - before.cpuSeconds) / ((at - before.at) / 1000)) * 100;
      }
      next.set(pid, { cpuSeconds: stat.cpuSeconds, at });
      rssBytes += rss;
    }
    last.set(name, next);
    // The first tick only sets the baseline for CPU; it has no interval to measure over.
    if (!first) ticks.get(name)!.push({ cpuPct, rssBytes, processes: next.size });
  }

  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await Promise.all(Object.entries(groups).map(([name, source]) => sampleGroup(name, source)));
      const wait = intervalMs - (performance.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();

  return {
    async stop() {
      running = false;
      await loop;
      const usage: Record<string, GroupUsage> = {};
      for (const [name, list] of ticks) usage[name] = summarize(list);
      return usage;
    },
  };
}

const MiB = 1024 * 1024;

function summarize(list: Tick[]): GroupUsage {
  const n = list.length;
  const sum = (f: (t: Tick) => number) => list.reduce((acc, t) => acc + f(t), 0);
  const max = (f: (t: Tick) => number) => list.reduce((acc, t) => Math.max(acc, f(t)), n ? -Infinity : NaN);
  return {
    samples: n,
    cpuMeanPct: n ? sum((t) => t.cpuPct) / n : NaN,
    cpuMaxPct: max((t) => t.cpuPct),
    rssMeanMiB: n ? sum((t) => t.rssBytes) / n / MiB : NaN,
    rssMaxMiB: max((t) => t.rssBytes) / MiB,
    processesMax: max((t) => t.processes),
  };
}
