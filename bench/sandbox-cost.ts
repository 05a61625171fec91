// What the bubblewrap sandbox costs an agent, side by side with an unconfined one: the time
// `orc agent start` takes until the agent is ready (the real CLI, so Node's start is in it),
// the wall time and CPU of building the sandbox itself (bwrap with an agent's namespaces and
// mounts around `true`, against `true` alone; the CPU is what the bench's reaped children
// spent, from /proc/self/stat), and a fork-heavy command run inside an agent (`for … /bin/true`),
// timed by the agent's own shell.
import { execFile, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { BWRAP_PROBE_ARGS } from '../domain/sandbox-probe.ts';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sleep } from './bounded.ts';
import { orc } from './orc-cli.ts';
import { CLOCK_TICKS, readCmdline } from './proc-stats.ts';
import { fmtMs, printLatency, type Figures } from './report.ts';
import { summary } from './stats.ts';

const run = promisify(execFile);
const SECTION = '9. sandbox cost (bash agent)';
const FORKS = 500;

interface ModeResult {
  startMs: ReturnType<typeof summary>;
  forkLoopMs: ReturnType<typeof summary>;
  execMs: ReturnType<typeof summary>;
  execCpuMs: number;
}

async function panePid(tmuxSocket: string, agent: string): Promise<number> {
  const { stdout } = await run('tmux', ['-L', tmuxSocket, 'list-panes', '-a', '-F', '#{@orc-agent} #{pane_pid}']);
  const pid = stdout.split('\n').find((line) => line.startsWith(`${agent} `))?.split(' ')[1];
  if (pid === undefined) throw new Error(`no pane for ${agent}`);
  return Number(pid);
}

/** CPU seconds of this process's reaped children (cutime + cstime). */
async function childrenCpuSeconds(): Promise<number> {
  const text = await readFile('/proc/self/stat', 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
}

const EXECS = 50;

/** `EXECS` runs of argv, one after another: wall time each, and CPU per run. */
async function execCost(argv: string[]): Promise<{ wallMs: number[]; cpuMsPerRun: number }> {
  const wallMs: number[] = [];
  const cpuBefore = await childrenCpuSeconds();
  for (let i = 0; i < EXECS; i++) {
    const started = performance.now();
    const result = spawnSync(argv[0] as string, argv.slice(1), { stdio: 'ignore' });
    if (result.status !== 0) throw new Error(`${argv.join(' ')} exited ${String(result.status)}`);
    wallMs.push(performance.now() - started);
  }
  return { wallMs, cpuMsPerRun: ((await childrenCpuSeconds()) - cpuBefore) * 1000 / EXECS };
}

/** Runs the fork loop in the agent's shell; its own clock says how long it took. */
async function forkLoopMs(clientEnv: NodeJS.ProcessEnv, agent: string, project: string, i: number): Promise<number> {
  const file = `fork-${agent.replace('/', '-')}-${i}.txt`;
  await orc(['send', agent, `s=$(date +%s%N); for n in $(seq ${FORKS}); do /bin/true; done; echo $(( ($(date +%s%N) - s) / 1000000 )) > ${file}`], clientEnv);
  for (let waited = 0; waited < 60_000; waited += 200) {
    const text = await readFile(join(project, file), 'utf8').catch(() => '');
    if (/^\d+\n$/.test(text)) return Number(text.trim());
    await sleep(200);
  }
  throw new Error(`${agent}: the fork loop did not finish within 60 s`);
}

export async function sandboxCostSection(
  clientEnv: NodeJS.ProcessEnv,
  tmuxSocket: string,
  project: string,
  starts: number,
  figures: Figures,
): Promise<Record<'sandboxed' | 'unconfined', ModeResult>> {
  console.log(`9. sandbox cost: ${starts} starts each of a bash agent with and without bubblewrap, alternating`);
  const samples = { sandboxed: { start: [] as number[], forks: [] as number[] }, unconfined: { start: [] as number[], forks: [] as number[] } };
  for (let i = 0; i < starts; i++) {
    // Alternating, so that whatever else the host is doing weighs on both alike.
    for (const mode of ['sandboxed', 'unconfined'] as const) {
      const agent = `bench-sandbox/${mode === 'sandboxed' ? 'on' : 'off'}-${i}`;
      const started = await orc(['agent', 'start', agent, '--project', project, '--cmd', 'bash --norc --noprofile', ...(mode === 'sandboxed' ? [] : ['--no-sandbox'])], clientEnv);
      try {
        samples[mode].start.push(started.ms);
        // What is measured is what it says: the sandboxed pane runs bwrap, the other does not.
        const program = (await readCmdline(await panePid(tmuxSocket, agent)))[0] ?? '';
        if (program.endsWith('bwrap') !== (mode === 'sandboxed')) throw new Error(`${agent}: its pane runs ${program}`);
        samples[mode].forks.push(await forkLoopMs(clientEnv, agent, project, i));
      } finally {
        await orc(['agent', 'stop', agent], clientEnv).catch(() => undefined);
      }
    }
  }
  const execs = { unconfined: await execCost(['true']), sandboxed: await execCost(['bwrap', ...BWRAP_PROBE_ARGS]) };
  const result = {} as Record<'sandboxed' | 'unconfined', ModeResult>;
  for (const mode of ['unconfined', 'sandboxed'] as const) {
    const s = samples[mode];
    console.log(`  ${`${mode === 'sandboxed' ? 'bwrap … -- true' : 'true'}: CPU per run`.padEnd(64)} ${execs[mode].cpuMsPerRun.toFixed(2)} ms`);
    result[mode] = {
      execMs: printLatency(`${mode === 'sandboxed' ? 'bwrap … -- true' : 'true'}, wall time per run`, execs[mode].wallMs),
      execCpuMs: execs[mode].cpuMsPerRun,
      startMs: printLatency(`orc agent start → ready, ${mode}`, s.start),
      forkLoopMs: printLatency(`${FORKS} × /bin/true in the agent's shell, ${mode}`, s.forks),
    };
  }
  const side = (pick: (r: ModeResult) => ReturnType<typeof summary>) => `unconfined p50 ${fmtMs(pick(result.unconfined).p50)} · sandboxed p50 ${fmtMs(pick(result.sandboxed).p50)} (n=${starts} each; max ${fmtMs(pick(result.unconfined).max)} / ${fmtMs(pick(result.sandboxed).max)})`;
  figures.add(SECTION, 'orc agent start → ready', side((r) => r.startMs));
  figures.add(SECTION, `building the sandbox: true vs bwrap … -- true`, `wall p50 ${fmtMs(result.unconfined.execMs.p50)} vs ${fmtMs(result.sandboxed.execMs.p50)} · CPU ${result.unconfined.execCpuMs.toFixed(2)} ms vs ${result.sandboxed.execCpuMs.toFixed(2)} ms per run (n=${EXECS})`);
  figures.add(SECTION, `${FORKS} × /bin/true inside the agent`, side((r) => r.forkLoopMs));
  console.log('');
  return result;
}
