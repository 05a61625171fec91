// Samples groups of processes once a second: CPU share (utime+stime delta over wall time,
// in % of one core; a group may exceed 100 on several cores) and resident memory (VmRSS,
// summed over the group). A group's pids are re-resolved each tick, so processes that
// come and go (agent CLIs) are counted while they live. Totals add groups up tick by tick,
// so their mean and max are those of the sum, not sums of each group's max.
import { readUsageSync } from './proc-stats.ts';

export type PidSource = () => Promise<number[]>;

export interface GroupSpec {
  pids: PidSource;
  /**
   * Also count the CPU of the group's children once they exited and were waited for
   * (cutime/cstime): the short-lived processes it runs (the worker's `tmux` clients, `git`).
   * Not for a group whose children are long-lived and counted elsewhere (the tmux server's
   * children are the agents).
   */
  withReapedChildren?: boolean;
}

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
  /** Usage by group name, then by total name. */
  stop(): Promise<Record<string, GroupUsage>>;
}

export interface SamplerOptions {
  intervalMs?: number;
  /** Name → the groups it adds up. */
  totals?: Record<string, string[]>;
}

export function startSampler(groups: Record<string, PidSource | GroupSpec>, options: SamplerOptions = {}): Sampler {
  const { intervalMs = 1_000, totals = {} } = options;
  const specs = new Map(Object.entries(groups).map(([name, g]) => [name, typeof g === 'function' ? { pids: g } : g]));
  for (const [total, names] of Object.entries(totals)) {
    for (const name of names) if (!specs.has(name)) throw new Error(`total ${total} names ${name}, which is not a sampled group`);
  }
  const ticks = new Map<string, Tick[]>([...specs.keys()].map((name) => [name, []]));
  // The last CPU reading per group and pid, so a delta is taken only over a process's own life.
  const last = new Map<string, Map<number, { cpuSeconds: number; at: number }>>();
  let running = true;

  async function sampleGroup(name: string, spec: GroupSpec): Promise<void> {
    const pids = await spec.pids().catch(() => []);
    const first = !last.has(name);
    const previous = last.get(name) ?? new Map<number, { cpuSeconds: number; at: number }>();
    const next = new Map<number, { cpuSeconds: number; at: number }>();
    let cpuPct = 0;
    let rssBytes = 0;
    for (const pid of pids) {
      const at = performance.now();
      const read = readUsageSync(pid);
      if (read === null) continue;
      const { stat, rssBytes: rss } = read;
      const cpuSeconds = stat.cpuSeconds + (spec.withReapedChildren ? stat.reapedChildrenCpuSeconds : 0);
      const before = previous.get(pid);
      if (before) {
        cpuPct += ((cpuSeconds - before.cpuSeconds) / ((at - before.at) / 1000)) * 100;
      }
      next.set(pid, { cpuSeconds, at });
      rssBytes += rss;
    }
    last.set(name, next);
    // The first tick only sets the baseline for CPU; it has no interval to measure over.
    if (!first) ticks.get(name)!.push({ cpuPct, rssBytes, processes: next.size });
  }

  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await Promise.all([...specs].map(([name, spec]) => sampleGroup(name, spec)));
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
      // Every group gets its n-th tick in the same round, so the lists line up.
      for (const [total, names] of Object.entries(totals)) {
        const lists = names.map((name) => ticks.get(name)!);
        const n = Math.min(...lists.map((l) => l.length));
        const summed = Array.from({ length: n }, (_, i) =>
          lists.reduce((acc, l) => ({ cpuPct: acc.cpuPct + l[i]!.cpuPct, rssBytes: acc.rssBytes + l[i]!.rssBytes, processes: acc.processes + l[i]!.processes }), {
            cpuPct: 0,
            rssBytes: 0,
            processes: 0,
          }),
        );
        usage[total] = summarize(summed);
      }
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
