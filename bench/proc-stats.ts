// Reading a process's CPU time and resident memory from /proc (Linux), and finding the
// stack's processes by parent and command line.
import { execFileSync } from 'node:child_process';
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
  ppid: number;
}

/** Null when the process is gone. */
export async function readStat(pid: number): Promise<ProcSample | null> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (text === null) return null;
  // The command name (field 2) may hold spaces and parentheses: fields are counted after the last ")".
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
  return { ppid: Number(fields[1]), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS };
}

/** VmRSS in bytes; null when the process is gone. */
export async function readRssBytes(pid: number): Promise<number | null> {
  const text = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const match = text === null ? null : /^VmRSS:\s+(\d+)\s+kB/m.exec(text);
  return match ? Number(match[1]) * 1024 : null;
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
