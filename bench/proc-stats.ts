// Reading a process's CPU time and resident memory from /proc (Linux), and finding the
// stack's processes by parent and command line.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';

/** Clock ticks per second, the unit of utime/stime in /proc/<pid>/stat. */
export const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface ProcSample {
  /** utime + stime, in seconds. */
  cpuSeconds: number;
  /**
   * cutime + cstime, in seconds: what its children that have exited and been waited for spent.
   * The worker runs a short `tmux` client for each look at the panes; those live a few
   * milliseconds, too short for a once-a-second sample to catch alive, and their CPU shows
   * only here once reaped.
   */
  reapedChildrenCpuSeconds: number;
  ppid: number;
}

function parseStat(text: string): ProcSample {
  // The command name (field 2) may hold spaces and parentheses: fields are counted after the last ")".
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
  return {
    ppid: Number(fields[1]),
    cpuSeconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS,
    reapedChildrenCpuSeconds: (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS,
  };
}

/** Null when the process is gone. */
export async function readStat(pid: number): Promise<ProcSample | null> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  return text === null ? null : parseStat(text);
}

const readSync = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

/**
 * A process's CPU time and resident memory, read synchronously, so that the moment the caller
 * notes just before is the moment they were read: on a loaded host an asynchronous read's
 * callback can run seconds after the read, and a CPU share over a mistimed interval is nonsense.
 */
export function readUsageSync(pid: number): { stat: ProcSample; rssBytes: number } | null {
  const stat = readSync(`/proc/${pid}/stat`);
  const status = readSync(`/proc/${pid}/status`);
  const match = status === null ? null : /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (stat === null || !match) return null;
  return { stat: parseStat(stat), rssBytes: Number(match[1]) * 1024 };
}

export async function readCmdline(pid: number): Promise<string[]> {
  const text = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return text.split('\0').filter(Boolean);
}

async function allPids(): Promise<number[]> {
  return (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
}

/** Direct children of `parent` whose command line contains `needle`. */
export async function childrenMatching(parent: number, needle: string): Promise<number[]> {
  const found: number[] = [];
  for (const pid of await allPids()) {
    const stat = await readStat(pid);
    if (stat?.ppid !== parent) continue;
    if ((await readCmdline(pid)).join(' ').includes(needle)) found.push(pid);
  }
  return found;
}

/** `roots` and all their descendants alive now. */
export async function processTree(roots: number[]): Promise<number[]> {
  const parentOf = new Map<number, number>();
  for (const pid of await allPids()) {
    const stat = await readStat(pid);
    if (stat) parentOf.set(pid, stat.ppid);
  }
  const tree = new Set(roots.filter((pid) => parentOf.has(pid)));
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parentOf) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return [...tree];
}
