// The stack as `npm start` runs it (scripts/start.ts), started and stopped by the bench. The
// launcher gets its own process group so that, if it does not stop in time, one SIGKILL to
// the group also takes its children (Temporal dev server, worker, web app).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { bounded } from './bounded.ts';
import { onCleanup } from './cleanup.ts';
import { ROOT } from './paths.ts';

const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 30_000;

export interface BenchStack {
  readyMs: number;
  readyLine: string;
  /** The launcher's pid: the worker and the web app are its children. */
  pid: number;
  stop(): Promise<void>;
}

export async function startViaNpmStart(env: NodeJS.ProcessEnv): Promise<BenchStack> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('npm start could not be spawned');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killGroup = () => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  const stop = onCleanup({
    name: 'npm start',
    timeoutMs: STOP_TIMEOUT_MS,
    run: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
    force: killGroup,
  });

  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => process.stdout.write(`    ${line}\n`));
  try {
    const readyLine = await bounded(
      'npm start → ready',
      READY_TIMEOUT_MS,
      new Promise<string>((resolve, reject) => {
        lines.on('line', (line) => {
          if (/^\[orc\] ready in /.test(line)) resolve(line);
        });
        void exited.then(() => reject(new Error(`npm start exited with ${child.exitCode ?? child.signalCode} before ready`)));
      }),
    );
    return { readyMs: performance.now() - started, readyLine, pid, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
