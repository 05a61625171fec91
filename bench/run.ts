// `npm run bench`: the figures the issues name, measured on this machine and printed (never
// asserted). Starts its own stack with `npm start`'s code path on free ports and a temp data dir.
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { claudeBinaryPath, prepareClaudeCodeEnv } from '../testing/claude-code.ts';
import { freePort } from '../testing/free-port.ts';
import { startScriptedMessagesApi } from '../testing/scripted-messages-api.ts';
import { summary } from './stats.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ORC = join(ROOT, 'cli', 'orc.ts');
const SENDS = Number(process.env.BENCH_SENDS ?? 30);

interface StartedStack {
  readyMs: number;
  readyLine: string;
  stop(): Promise<void>;
}

async function startViaNpmStart(env: NodeJS.ProcessEnv): Promise<StartedStack> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const readyLine = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      process.stdout.write(`    ${line}\n`);
      if (/^\[orc\] ready in /.test(line)) resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code} before ready`)));
  });
  const readyMs = performance.now() - started;
  return {
    readyMs,
    readyLine,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}

function orc(args: string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [ORC, ...args], { env }, (error, stdout, stderr) => {
      if (error) reject(new Error(`orc ${args.join(' ')}: ${stderr || error.message}`));
      else resolve({ stdout, ms: performance.now() - started });
    });
  });
}

interface SendSample {
  cliMs: number;
  serverMs: number;
}

async function measureSends(id: string, env: NodeJS.ProcessEnv, text: (i: number) => string, count: number): Promise<SendSample[]> {
  const samples: SendSample[] = [];
  for (let i = 0; i < count; i++) {
    const { stdout, ms } = await orc(['send', id, text(i), '--json'], env);
    const message = JSON.parse(stdout) as { state: string; queuedAt: string; confirmedAt?: string };
    if (message.state !== 'confirmed' || !message.confirmedAt) throw new Error(`message ${i} was ${message.state}`);
    samples.push({ cliMs: ms, serverMs: Date.parse(message.confirmedAt) - Date.parse(message.queuedAt) });
  }
  return samples;
}

const fmt = (n: number) => `${Math.round(n)} ms`;

function printSummary(label: string, samples: number[]) {
  const s = summary(samples);
  console.log(`  ${label.padEnd(64)} n=${String(s.n).padStart(3)}  p50 ${fmt(s.p50).padStart(7)}  p95 ${fmt(s.p95).padStart(7)}  max ${fmt(s.max).padStart(7)}`);
  return s;
}

async function run() {
  const dataDir = await mkdtemp(join(tmpdir(), 'orc-bench-'));
  const project = await mkdtemp(join(tmpdir(), 'orc-bench-project-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ORC_DATA_DIR: dataDir,
    PORT: String(port),
    ORC_TEMPORAL_PORT: String(await freePort()),
    ORC_TEMPORAL_UI_PORT: String(await freePort()),
    ORC_TMUX_SOCKET: `orc-bench-${process.pid}`,
    TEMPORAL_ADDRESS: '',
    DATABASE_URL: '',
  };
  const results: Record<string, unknown> = { machine: { node: process.version, sends: SENDS } };
  console.log('orc bench\n');
  try {
    console.log('1. npm start → ready (embedded Temporal dev server + PGlite, fresh data dir)');
    const first = await startViaNpmStart(env);
    await first.stop();
    console.log('   … and again on the same data dir (a second start finds the first one\'s data)');
    const second = await startViaNpmStart(env);
    results.startToReady = { freshMs: first.readyMs, restartMs: second.readyMs };
    console.log(`  npm start → ready: fresh data dir ${fmt(first.readyMs)}, existing data dir ${fmt(second.readyMs)}\n`);

    const clientEnv = { ...process.env, ORC_URL: `http://127.0.0.1:${port}`, ORC_TOKEN: (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim() };
    try {
      console.log(`2. orc send → confirmed delivery, ${SENDS} sends each`);
      await orc(['agent', 'start', 'bench/shell', '--project', project, '--cmd', 'bash --norc --noprofile'], clientEnv);
      const shell = await measureSends('bench/shell', clientEnv, (i) => `echo bench-${i}`, SENDS);
      results.sendShell = {
        cli: printSummary('bash agent (pane confirmation), whole `orc send` process', shell.map((s) => s.cliMs)),
        server: printSummary('bash agent (pane confirmation), queued → confirmed', shell.map((s) => s.serverMs)),
      };
      await orc(['agent', 'stop', 'bench/shell'], clientEnv);

      const api = await startScriptedMessagesApi();
      try {
        const claudeEnv = await prepareClaudeCodeEnv({ apiUrl: api.url, projectDirs: [project] });
        const envFlags = Object.entries(claudeEnv).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
        await orc(['agent', 'start', 'bench/claude', '--project', project, '--cmd', `${claudeBinaryPath()} --permission-mode default`, ...envFlags], clientEnv);
        const claude = await measureSends('bench/claude', clientEnv, (i) => `reply with ok-${i}`, Math.min(SENDS, 20));
        results.sendClaude = {
          cli: printSummary('Claude Code agent (UserPromptSubmit hook), whole `orc send`', claude.map((s) => s.cliMs)),
          server: printSummary('Claude Code agent (UserPromptSubmit hook), queued → confirmed', claude.map((s) => s.serverMs)),
        };
        await orc(['agent', 'stop', 'bench/claude'], clientEnv);
      } finally {
        await api.close();
      }
    } finally {
      await second.stop();
    }
  } finally {
    await new Promise((resolve) => execFile('tmux', ['-L', `orc-bench-${process.pid}`, 'kill-server'], () => resolve(undefined)));
    await rm(dataDir, { recursive: true, force: true });
    await rm(project, { recursive: true, force: true });
  }
  const out = join(ROOT, '.bench');
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwritten to .bench/results.json`);
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
