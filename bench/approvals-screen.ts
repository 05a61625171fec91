// The screen fallback under load: 20 agents without hooks live on the host (fake Codex- and
// Aider-style CLIs, testing/fake-agent-cli.sh), each asked again and again, at random moments,
// to run a command a learned rule allows. Each CLI itself measures how long its dialog waited
// for its key: from printing the dialog to reading the keypress, so the figure holds the whole
// path (tmux drawing it, the worker's next look, the hook endpoint's decision, the key).
import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createOrcClient } from '../cli/client.ts';
import { tmuxSessionName } from '../domain/names.ts';
import { bounded, sleep } from './bounded.ts';
import { onCleanup } from './cleanup.ts';
import { ROOT } from './paths.ts';
import { mapPool } from './pool.ts';
import { findOrcProcesses, orcGroups } from './orc-processes.ts';
import { printLatency, type Figures } from './report.ts';
import { startSampler, type GroupUsage } from './sampler.ts';
import { summary } from './stats.ts';
import { agentId } from '../domain/names.ts';

const run = promisify(execFile);
const TEAM = 'screen-bench';
const RULE = 'Bash(echo screen-bench *)';
const FAKE_CLI = join(ROOT, 'testing', 'fake-agent-cli.sh');
const ANSWER_TIMEOUT_MS = 15_000;
const REQUEST_TIMEOUT_MS = 90_000;
const IDLE_SAMPLE_MS = 10_000;

export interface ScreenContext {
  url: string;
  token: string;
  tmuxSocket: string;
  launcherPid: number;
  projectRoot: string;
}

export interface ScreenOptions {
  agents: number;
  dialogsPerAgent: number;
  /** Each agent waits a random time up to this before each of its dialogs (after the last one was answered). */
  gapMs: number;
}

async function timingsOf(file: string): Promise<number[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').filter((line) => line.trim() !== '').map((line) => Number(line) / 1000);
}

export async function screenFallbackSection(ctx: ScreenContext, options: ScreenOptions, figures: Figures) {
  const title = '6. screen fallback, dialog → keypress';
  console.log(
    `\n${title}: ${options.agents} fake agent CLIs without hooks live (half Codex-style, half Aider-style), ` +
      `${options.dialogsPerAgent} dialogs each, the next one up to ${options.gapMs / 1000} s (at random) after the last was answered, ` +
      `allowed by the learned rule ${RULE} (target p95 < 300 ms)`,
  );
  const client = createOrcClient({ url: ctx.url, token: ctx.token });
  const project = join(ctx.projectRoot, 'screen');
  // Inside the project: the agents' sandbox lets them write their workspace and nothing else.
  const timingsDir = join(project, '.screen-timings');
  await mkdir(project, { recursive: true });
  await mkdir(timingsDir, { recursive: true });
  await client.rules.add.mutate({ rule: RULE, effect: 'allow', scope: 'project', project });
  const names = Array.from({ length: options.agents }, (_, i) => `f${i + 1}`);
  const started: string[] = [];
  const stopAgents = onCleanup({
    name: 'screen fallback agents',
    timeoutMs: 120_000,
    run: async () => {
      await mapPool(started, 5, (name) => client.agents.stop.mutate({ agent: agentId(TEAM, name) }, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }));
    },
  });
  try {
    const starts = await mapPool(names, 5, async (name, i) => {
      const style = i % 2 === 0 ? 'codex' : 'aider';
      await client.agents.start.mutate(
        { agent: agentId(TEAM, name), projectDir: project, command: `bash ${FAKE_CLI} ${style}`, env: { FAKE_CLI_TIMINGS: join(timingsDir, name) } },
        { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
      );
      started.push(name);
    });
    // On a loaded host a start may time out: the others are measured, and the failures said.
    const failed = starts.flatMap((s, i) => (s.status === 'rejected' ? [`${names[i]}: ${String(s.reason).split('\n')[0]}`] : []));
    if (failed.length) console.log(`  ${failed.length} agents failed to start: ${failed.join('; ')}`);
    if (started.length === 0) throw new Error(`no agent started: ${failed.join('; ')}`);

    const { groups, totals } = orcGroups(await findOrcProcesses(ctx.launcherPid, ctx.tmuxSocket));
    // What watching costs by itself: the agents' panes watched, no dialog showing.
    const quiet = startSampler(groups, { totals });
    await sleep(IDLE_SAMPLE_MS);
    const idle = await quiet.stop();
    for (const [name, u] of Object.entries(idle)) {
      console.log(`  ${name.padEnd(34)} CPU mean ${u.cpuMeanPct.toFixed(1)} % of one core while ${started.length} panes are watched and show no dialog`);
      figures.add(title, `${name}: CPU % of one core, watching only`, `mean ${u.cpuMeanPct.toFixed(1)} %`);
    }
    const sampler = startSampler(groups, { totals });
    const t0 = performance.now();
    let missed = 0;
    let usage: Record<string, GroupUsage>;
    try {
      // Each agent is asked in turn, like an agent CLI deciding on its own to run something.
      await bounded(
        'the screen fallback rounds',
        options.dialogsPerAgent * (ANSWER_TIMEOUT_MS + options.gapMs + 2_000) + 30_000,
        Promise.all(
          started.map(async (name) => {
            const file = join(timingsDir, name);
            const target = `${tmuxSessionName(TEAM)}:${name}`;
            for (let k = 1; k <= options.dialogsPerAgent; k++) {
              await sleep(Math.random() * options.gapMs);
              await run('tmux', ['-L', ctx.tmuxSocket, 'send-keys', '-t', target, '-l', `run echo screen-bench ${name} ${k}`, ';', 'send-keys', '-t', target, 'Enter']);
              const deadline = Date.now() + ANSWER_TIMEOUT_MS;
              while ((await timingsOf(file)).length < k && Date.now() < deadline) await sleep(50);
              if ((await timingsOf(file)).length < k) {
                missed++;
                return; // left unanswered: this agent's CLI is stuck on its dialog
              }
            }
          }),
        ),
      );
    } finally {
      usage = await sampler.stop();
    }
    const seconds = (performance.now() - t0) / 1000;
    const samples = (await Promise.all(started.map((name) => timingsOf(join(timingsDir, name))))).flat();
    const s = printLatency(`dialog printed → key read by the CLI (${samples.length} dialogs, ${started.length} agents)`, samples);
    for (const [name, u] of Object.entries(usage)) console.log(`  ${name.padEnd(34)} CPU mean ${u.cpuMeanPct.toFixed(1)} % · max ${u.cpuMaxPct.toFixed(1)} % of one core while answering, over ${seconds.toFixed(0)} s`);
    if (missed) console.log(`  ${missed} agents were left with an unanswered dialog`);
    console.log('');
    figures.latency(title, `dialog → keypress, ${started.length} agents live, next dialog ≤ ${options.gapMs / 1000} s after the last, target p95 < 300 ms`, s);
    for (const [name, u] of Object.entries(usage)) {
      figures.add(title, `${name}: CPU % of one core, answering`, `mean ${u.cpuMeanPct.toFixed(1)} % · max ${u.cpuMaxPct.toFixed(1)} % · RSS max ${Math.round(u.rssMaxMiB)} MiB`);
    }
    if (missed) figures.add(title, 'dialogs left unanswered', String(missed));
    if (failed.length) figures.add(title, 'agents that failed to start', `${failed.length} of ${options.agents}`);
    return { agents: started.length, startFailures: failed, gapMs: options.gapMs, rule: RULE, latency: summary(samples), missed, usage, idle };
  } finally {
    await stopAgents();
  }
}
