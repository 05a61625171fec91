// Many agents live on one host: bash agents and real Claude Code agents (against the
// scripted Messages API) kept running while each gets a message every few seconds, with the
// worker's (and the web app's, launcher's, Temporal's, the Claude processes') CPU share and
// resident memory sampled every second. Sends go through the tRPC client in this process,
// like `orc send` does, so that a Node start per message does not load the 2-core host.
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createOrcClient, type OrcClient } from '../cli/client.ts';
import { bounded, sleep } from './bounded.ts';
import { claudeLaunch, startMessagesApi } from './claude-agents.ts';
import { onCleanup } from './cleanup.ts';
import { mapPool } from './pool.ts';
import { findOrcProcesses, orcGroups, ORC_TOGETHER } from './orc-processes.ts';
import { processTree } from './proc-stats.ts';
import { fmtMs, printLatency, type Figures } from './report.ts';
import { startSampler, type GroupUsage } from './sampler.ts';
import { summary } from './stats.ts';
import { panePids } from './tmux.ts';

export interface LiveOptions {
  bashAgents: number;
  claudeAgents: number;
  /** Claude Code starts in flight at once: each start is a CPU burst on a small host. */
  claudeStartConcurrency: number;
  liveMs: number;
  sendEveryMs: number;
}

export interface LiveContext {
  url: string;
  token: string;
  tmuxSocket: string;
  /** The launcher (scripts/start.ts): the worker, the web app and Temporal are its children. */
  launcherPid: number;
  projectRoot: string;
}

const BASH_TEAM = 'live-bash';
const CLAUDE_TEAM = 'live-claude';
const REQUEST_TIMEOUT_MS = 90_000;
/** A send still unanswered after this is counted as stuck; its agent's next slots are skipped meanwhile. */
const SEND_TIMEOUT_MS = 30_000;

interface Agent {
  id: string;
  kind: 'bash' | 'claude';
  startMs: number;
}

interface SendResult {
  kind: Agent['kind'];
  ok: boolean;
  /** Not sent: the agent's previous send was still waiting when this one's turn had passed. */
  skipped: boolean;
  serverMs: number;
  clientMs: number;
  detail: string;
}

async function startAgents(client: OrcClient, ctx: LiveContext, options: LiveOptions, apiUrl: string): Promise<{ agents: Agent[]; failures: string[] }> {
  const agents: Agent[] = [];
  const failures: string[] = [];
  const start = async (id: string, kind: Agent['kind'], command: string, env: Record<string, string>, projectDir: string) => {
    const request = () => client.agents.start.mutate({ agent: id, projectDir, command, env }, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const started = performance.now();
    await request();
    agents.push({ id, kind, startMs: performance.now() - started });
  };
  const project = async (name: string) => {
    const dir = join(ctx.projectRoot, name);
    await mkdir(dir, { recursive: true });
    return dir;
  };
  const bashIds = Array.from({ length: options.bashAgents }, (_, i) => `a${i + 1}`);
  const bash = await mapPool(bashIds, 5, async (name) => start(`${BASH_TEAM}/${name}`, 'bash', 'bash --norc --noprofile', {}, await project(`bash-${name}`)));
  const claudeIds = Array.from({ length: options.claudeAgents }, (_, i) => `c${i + 1}`);
  const claude = await mapPool(claudeIds, options.claudeStartConcurrency, async (name) => {
    const dir = await project(`claude-${name}`);
    const launch = await claudeLaunch(apiUrl, dir);
    await start(`${CLAUDE_TEAM}/${name}`, 'claude', launch.command, launch.env, dir);
  });
  [...bash, ...claude].forEach((outcome, i) => {
    if (outcome.status === 'rejected') failures.push(`${[...bashIds, ...claudeIds][i]}: ${outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason)}`);
  });
  return { agents, failures };
}

/** Each agent gets a message every `sendEveryMs`, the agents' turns spread evenly over that period. */
async function keepBusy(client: OrcClient, agents: Agent[], options: LiveOptions): Promise<SendResult[]> {
  const results: SendResult[] = [];
  const windowStart = performance.now();
  const windowEnd = windowStart + options.liveMs;
  await Promise.all(
    agents.map(async (agent, k) => {
      for (let j = 0; ; j++) {
        const at = windowStart + (k * options.sendEveryMs) / agents.length + j * options.sendEveryMs;
        if (at >= windowEnd || performance.now() >= windowEnd) return;
        if (performance.now() > at + options.sendEveryMs) {
          results.push({ kind: agent.kind, ok: false, skipped: true, serverMs: NaN, clientMs: NaN, detail: `${agent.id}: turn ${j} skipped` });
          continue;
        }
        await sleep(Math.max(0, at - performance.now()));
        const text = agent.kind === 'claude' ? `reply with ok-${j}` : `echo live-${j}`;
        const started = performance.now();
        try {
          const m = await client.agents.send.mutate({ agent: agent.id, text }, { signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
          const ok = m.state === 'confirmed' && !!m.confirmedAt;
          const serverMs = ok ? Date.parse(m.confirmedAt!) - Date.parse(m.queuedAt) : NaN;
          results.push({ kind: agent.kind, ok, skipped: false, serverMs, clientMs: performance.now() - started, detail: `${agent.id}: ${m.state}` });
        } catch (err) {
          const why = err instanceof Error && /abort|timeout/i.test(`${err.name} ${err.message}`) ? `no answer within ${SEND_TIMEOUT_MS / 1000}s` : firstLine(err);
          results.push({ kind: agent.kind, ok: false, skipped: false, serverMs: NaN, clientMs: NaN, detail: `${agent.id}: ${why}` });
        }
      }
    }),
  );
  return results;
}

const firstLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';

const pct = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} %` : 'n/a');
const mib = (n: number) => (Number.isFinite(n) ? `${Math.round(n)} MiB` : 'n/a');

export async function liveAgentsSection(ctx: LiveContext, options: LiveOptions, figures: Figures) {
  const title = '4. agents live on one host';
  const wanted = options.bashAgents + options.claudeAgents;
  console.log(
    `\n${title}: ${options.bashAgents} bash + ${options.claudeAgents} Claude Code agents, ` +
      `${options.liveMs / 1000} s live, a message to each every ${options.sendEveryMs / 1000} s`,
  );
  const client = createOrcClient({ url: ctx.url, token: ctx.token });
  const orc = await findOrcProcesses(ctx.launcherPid, ctx.tmuxSocket);
  console.log(`  worker pid ${orc.worker}, web pid ${orc.web}, launcher (database) pid ${ctx.launcherPid}${orc.temporal.length ? `, temporal pid ${orc.temporal.join(',')}` : ''}`);

  const { api, close } = await startMessagesApi();
  const started: Agent[] = [];
  // Agents still running if this section fails are stopped through orc; the bench's tmux
  // server is killed afterwards in any case.
  const stopAgents = onCleanup({
    name: 'live agents',
    timeoutMs: 120_000,
    run: async () => {
      await mapPool(started, 5, (agent) => client.agents.stop.mutate({ agent: agent.id }, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }));
    },
  });
  try {
    const t0 = performance.now();
    const { agents, failures } = await bounded('starting the live agents', 15 * 60_000, startAgents(client, ctx, options, api.url));
    started.push(...agents);
    const startS = (performance.now() - t0) / 1000;
    const bashStarts = agents.filter((a) => a.kind === 'bash').map((a) => a.startMs);
    const claudeStarts = agents.filter((a) => a.kind === 'claude').map((a) => a.startMs);
    console.log(`  started ${agents.length} of ${wanted} agents in ${startS.toFixed(1)} s`);
    printLatency('bash agent start (orc agent start → ready)', bashStarts);
    printLatency(`Claude Code agent start (${options.claudeStartConcurrency} at a time)`, claudeStarts);
    for (const failure of failures) console.log(`  failed to start ${failure.split('\n')[0]}`);

    // The tmux server is up now that agents run in it.
    const { groups, totals } = orcGroups({ ...orc, tmuxServer: (await findOrcProcesses(ctx.launcherPid, ctx.tmuxSocket)).tmuxServer });
    const sampler = startSampler(
      { ...groups, 'Claude Code (all, with children)': async () => processTree(await panePids(ctx.tmuxSocket, `orc-${CLAUDE_TEAM}`)) },
      { totals },
    );
    let usage: Record<string, GroupUsage>;
    let sends: SendResult[];
    try {
      sends = await bounded('the live window', options.liveMs + SEND_TIMEOUT_MS + 30_000, keepBusy(client, agents, options));
    } finally {
      usage = await sampler.stop();
    }

    console.log(`  while live (sampled every second, CPU in % of one core, orc's processes with their exited children; the host has ${availableParallelism()} cores):`);
    for (const [name, u] of Object.entries(usage)) {
      console.log(
        `    ${name.padEnd(34)} CPU mean ${pct(u.cpuMeanPct).padStart(8)}  max ${pct(u.cpuMaxPct).padStart(8)}   ` +
          `RSS max ${mib(u.rssMaxMiB).padStart(9)}  mean ${mib(u.rssMeanMiB).padStart(9)}  (${u.samples} samples, ≤${u.processesMax} processes)`,
      );
    }
    const byKind = (kind: Agent['kind']) => sends.filter((s) => s.kind === kind);
    const sendStats = (kind: Agent['kind']) => ({
      sent: byKind(kind).filter((s) => !s.skipped).length,
      skipped: byKind(kind).filter((s) => s.skipped).length,
      confirmed: byKind(kind).filter((s) => s.ok).length,
      queuedToConfirmed: summary(byKind(kind).filter((s) => s.ok).map((s) => s.serverMs)),
      request: summary(byKind(kind).filter((s) => s.ok).map((s) => s.clientMs)),
    });
    const bashSends = sendStats('bash');
    const claudeSends = sendStats('claude');
    printLatency(`bash sends under load, queued → confirmed (${bashSends.confirmed}/${bashSends.sent} confirmed)`, byKind('bash').filter((s) => s.ok).map((s) => s.serverMs));
    printLatency(`Claude sends under load, queued → confirmed (${claudeSends.confirmed}/${claudeSends.sent})`, byKind('claude').filter((s) => s.ok).map((s) => s.serverMs));
    const failed = sends.filter((s) => !s.ok);
    if (failed.length) console.log(`  not confirmed or skipped: ${failed.slice(0, 10).map((s) => s.detail).join('; ')}${failed.length > 10 ? ` … (${failed.length} in all)` : ''}`);

    const liveBash = agents.filter((a) => a.kind === 'bash').length;
    const liveClaude = agents.filter((a) => a.kind === 'claude').length;
    figures.add(title, 'agents live', `${liveBash} bash + ${liveClaude} Claude Code (of ${options.bashAgents} + ${options.claudeAgents}), ${options.liveMs / 1000} s`);
    for (const [name, u] of Object.entries(usage)) {
      const target = name === ORC_TOGETHER ? ' (target < 25 % · < 1.2 GB at 50 agents)' : '';
      figures.add(title, `${name}: CPU % of one core${target}`, `mean ${pct(u.cpuMeanPct)} · max ${pct(u.cpuMaxPct)}`);
      figures.add(title, `${name}: RSS`, `max ${mib(u.rssMaxMiB)} · mean ${mib(u.rssMeanMiB)}`);
    }
    figures.latency(title, 'bash agent start', summary(bashStarts));
    figures.latency(title, 'Claude Code agent start', summary(claudeStarts));
    figures.latency(title, `bash sends, queued → confirmed (${bashSends.confirmed}/${bashSends.sent} confirmed)`, bashSends.queuedToConfirmed);
    figures.latency(title, `Claude sends, queued → confirmed (${claudeSends.confirmed}/${claudeSends.sent} confirmed)`, claudeSends.queuedToConfirmed);
    if (bashSends.skipped + claudeSends.skipped > 0) {
      figures.add(title, 'turns skipped (previous send still waiting)', `bash ${bashSends.skipped}, Claude ${claudeSends.skipped}`);
    }
    if (failures.length) figures.add(title, 'agents that failed to start', failures.map((f) => f.split('\n')[0]).join(' | '));

    const stopStarted = performance.now();
    await stopAgents();
    const stopS = (performance.now() - stopStarted) / 1000;
    console.log(`  stopped ${agents.length} agents in ${stopS.toFixed(1)} s (${fmtMs((stopS * 1000) / Math.max(1, agents.length))} each, 5 at a time)`);
    return {
      pids: orc,
      agents: { bash: liveBash, claude: liveClaude, wanted: { bash: options.bashAgents, claude: options.claudeAgents }, startFailures: failures },
      options,
      startMs: { bash: summary(bashStarts), claude: summary(claudeStarts), allS: startS },
      usage,
      sends: { bash: bashSends, claude: claudeSends, failures: failed.map((s) => s.detail) },
      stopAllS: stopS,
    };
  } finally {
    await stopAgents();
    await close();
  }
}
