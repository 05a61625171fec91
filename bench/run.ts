// `npm run bench`: the figures the issues name, measured on this machine and printed (never
// asserted). Starts its own stack with `npm start`'s code path on free ports and a temp data
// dir, on its own tmux server, and stops all of it at the end, also after a failure or Ctrl-C.
// Each section is its own file; a section that fails is reported and the others still run.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../testing/free-port.ts';
import { autonomySection, decideTimingSection } from './approvals-engine.ts';
import { hookRoundTripSection } from './approvals-hook.ts';
import { screenFallbackSection } from './approvals-screen.ts';
import { checkinSection } from './checkin-latency.ts';
import { dashboardLiveSection } from './dashboard-live.ts';
import { cleanupAll, installCleanupHandlers, onCleanup } from './cleanup.ts';
import { liveAgentsSection } from './live-agents.ts';
import { ROOT } from './paths.ts';
import { fmtMs, Figures } from './report.ts';
import { sendLatencySection } from './send-latency.ts';
import { startViaNpmStart, type BenchStack } from './stack.ts';
import { benchTmuxSocket, killTmuxServerOnCleanup } from './tmux.ts';
import { dataLayout } from '../domain/data-layout.ts';
import { recoverySection, TITLE as RECOVERY_TITLE } from './recovery.ts';
import { databaseRecoverySection } from './recovery-database.ts';
import { sandboxCostSection } from './sandbox-cost.ts';

const COMMAND = 'npm run bench';

function intEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
}

const options = {
  sends: intEnv('BENCH_SENDS', 30),
  checkins: intEnv('BENCH_CHECKINS', 20),
  bashAgents: intEnv('BENCH_BASH_AGENTS', 10),
  claudeAgents: intEnv('BENCH_CLAUDE_AGENTS', 10),
  claudeStartConcurrency: intEnv('BENCH_CLAUDE_START_CONCURRENCY', 2),
  liveSeconds: intEnv('BENCH_LIVE_SECONDS', 60),
  sendEverySeconds: intEnv('BENCH_SEND_EVERY_SECONDS', 10),
  screenAgents: intEnv('BENCH_SCREEN_AGENTS', 20),
  screenDialogs: intEnv('BENCH_SCREEN_DIALOGS', 10),
  screenGapSeconds: intEnv('BENCH_SCREEN_GAP_SECONDS', 1),
  sandboxStarts: intEnv('BENCH_SANDBOX_STARTS', 5),
};
/** Comma-separated subset of send,checkins,live,approvals,screen,dashboard,sandbox,recovery (start always runs: the others need its stack). */
const sections = new Set((process.env.BENCH_SECTIONS ?? 'send,checkins,live,sandbox,recovery').split(',').map((s) => s.trim()));

const results: Record<string, unknown> = {
  machine: {
    node: process.version,
    cores: availableParallelism(),
    cpu: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    // Other work on the host skews every figure: the load average says how much there was.
    loadAverageAtStart: loadavg(),
  },
  options,
  command: COMMAND,
};
const figures = new Figures();
const failures: string[] = [];

/** Runs one section; a failure is printed and recorded, and the bench goes on. */
async function section(key: string, title: string, work: () => Promise<unknown>): Promise<void> {
  try {
    results[key] = await work();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`  ${key} FAILED: ${message}`);
    results[key] = { error: message };
    failures.push(key);
    figures.add(title, 'FAILED', message.split('\n')[0] ?? message);
  }
}

async function run() {
  installCleanupHandlers();
  const dataDir = await mkdtemp(join(tmpdir(), 'orc-bench-'));
  const projectRoot = await mkdtemp(join(tmpdir(), 'orc-bench-project-'));
  // Registered first, so removed last: after the stack and the agents using them are gone.
  onCleanup({ name: 'temp dirs', timeoutMs: 30_000, run: () => Promise.all([dataDir, projectRoot].map((d) => rm(d, { recursive: true, force: true }))).then(() => undefined) });
  // The stack's logs (temporal, worker, web) outlive the temp data dir, for reading after a failure.
  const keptLogs = join(ROOT, '.bench', 'logs');
  onCleanup({
    name: 'keeping the logs',
    timeoutMs: 30_000,
    run: async () => {
      await rm(keptLogs, { recursive: true, force: true });
      await cp(join(dataDir, 'logs'), keptLogs, { recursive: true }).catch(() => undefined);
    },
  });
  const tmuxSocket = benchTmuxSocket();
  killTmuxServerOnCleanup(tmuxSocket);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ORC_DATA_DIR: dataDir,
    PORT: String(port),
    ORC_TEMPORAL_PORT: String(await freePort()),
    ORC_TEMPORAL_UI_PORT: String(await freePort()),
    ORC_TMUX_SOCKET: tmuxSocket,
    TEMPORAL_ADDRESS: '',
    DATABASE_URL: '',
  };
  console.log('orc bench\n');

  console.log('1. npm start → ready (embedded Temporal dev server + PGlite, fresh data dir)');
  const first = await startViaNpmStart(env);
  await first.stop();
  console.log("   … and again on the same data dir (a second start finds the first one's data)");
  const stack: BenchStack = await startViaNpmStart(env);
  results.startToReady = { freshMs: first.readyMs, restartMs: stack.readyMs };
  console.log(`  npm start → ready: fresh data dir ${fmtMs(first.readyMs)}, existing data dir ${fmtMs(stack.readyMs)}\n`);
  figures.add('1. npm start → ready', 'fresh data dir', fmtMs(first.readyMs));
  figures.add('1. npm start → ready', 'existing data dir', fmtMs(stack.readyMs));

  const url = `http://127.0.0.1:${port}`;
  const token = (await readFile(dataLayout(dataDir).adminToken, 'utf8')).trim();
  const clientEnv = { ...process.env, ORC_URL: url, ORC_TOKEN: token };
  const project = join(projectRoot, 'single');
  await mkdir(project);

  if (sections.has('send') && options.sends > 0) {
    await section('send', '2. orc send → confirmed', async () => {
      const { sendShell, sendClaude } = await sendLatencySection(clientEnv, project, options.sends, figures);
      // The keys earlier runs wrote, kept for comparison across runs.
      results.sendShell = sendShell;
      results.sendClaude = sendClaude;
      return undefined;
    });
    delete results.send;
  }
  if (sections.has('checkins') && options.checkins > 0) {
    await section('checkins', '3. check-in due → delivery', () => checkinSection(clientEnv, project, options.checkins, figures));
  }
  if (sections.has('live') && options.bashAgents + options.claudeAgents > 0) {
    await section('liveAgents', '4. agents live on one host', () =>
      liveAgentsSection(
        { url, token, tmuxSocket, launcherPid: stack.pid, projectRoot },
        {
          bashAgents: options.bashAgents,
          claudeAgents: options.claudeAgents,
          claudeStartConcurrency: Math.max(1, options.claudeStartConcurrency),
          liveMs: options.liveSeconds * 1000,
          sendEveryMs: options.sendEverySeconds * 1000,
        },
        figures,
      ),
    );
  }
  if (sections.has('approvals')) {
    console.log('5. permission decisions');
    await section('approvalsDecide', '5a. decide() for a rule-allowed request', async () => decideTimingSection(figures));
    await section('approvalsHook', '5b. PermissionRequest hook, HTTP round trip', () => hookRoundTripSection(clientEnv, url, project, figures));
    await section('approvalsAutonomy', '5c. autonomy curve (pure engine, replay)', async () => autonomySection(figures));
  }
  if (sections.has('screen') && options.screenAgents > 0 && options.screenDialogs > 0) {
    await section('screenFallback', '6. screen fallback, dialog → keypress', () =>
      screenFallbackSection(
        { url, token, tmuxSocket, launcherPid: stack.pid, projectRoot },
        { agents: options.screenAgents, dialogsPerAgent: options.screenDialogs, gapMs: options.screenGapSeconds * 1000 },
        figures,
      ),
    );
  }
  if (sections.has('dashboard')) {
    await section('dashboardLive', '7. dashboard live update', () => dashboardLiveSection(clientEnv, url, token, project, figures));
  }
  if (sections.has('sandbox') && options.sandboxStarts > 0) {
    await section('sandbox', '9. sandbox cost (bash agent)', () => sandboxCostSection(clientEnv, tmuxSocket, project, options.sandboxStarts, figures));
  }
  // Last: it kills the stack's worker, web app and Temporal dev server (the supervisor brings them back).
  if (sections.has('recovery')) {
    await section('recovery', RECOVERY_TITLE, () => recoverySection(clientEnv, url, stack.pid, project, figures));
    await section('recoveryDatabase', RECOVERY_TITLE, () => databaseRecoverySection(env, project, figures));
  }
}

async function main() {
  let crashed: unknown = null;
  try {
    await run();
  } catch (err) {
    crashed = err;
    console.error(err);
    figures.add('bench', 'FAILED', err instanceof Error ? err.message : String(err));
  } finally {
    await cleanupAll();
  }
  results.failures = failures;
  (results.machine as Record<string, unknown>).loadAverageAtEnd = loadavg();
  results.summary = figures.rows;
  figures.add('host', 'load average (1 min) at start → end', `${(results.machine as { loadAverageAtStart: number[] }).loadAverageAtStart[0]?.toFixed(2)} → ${loadavg()[0]?.toFixed(2)} on ${availableParallelism()} cores`);
  figures.print(COMMAND);
  const out = join(ROOT, '.bench');
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('\nwritten to .bench/results.json (the stack\'s logs of this run: .bench/logs/)');
  if (crashed || failures.length) process.exit(1);
}

void main();
