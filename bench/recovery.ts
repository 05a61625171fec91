// Section 8: the stack heals itself. Under `npm start`, the worker, the web app and the Temporal
// dev server are killed in turn with SIGKILL; the figures are how long until orc works again end
// to end, by itself: for the worker and Temporal, until `orc send` to a shell agent is delivered
// and confirmed; for the web app, until /healthz answers. A message sent while the worker is down
// is accepted at once (queued). The database's figure is recovery-database.ts's.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { orc } from './orc-cli.ts';
import { fmtMs, type Figures } from './report.ts';

const run = promisify(execFile);
export const TITLE = '8. recovery after SIGKILL (npm start supervises)';
const GIVE_UP_MS = 60_000;

/** The pid of the launcher's child whose command line contains `marker`. */
async function childPid(launcherPid: number, marker: string): Promise<number> {
  const { stdout } = await run('pgrep', ['-P', String(launcherPid), '-f', marker]);
  const pid = Number(stdout.trim().split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no child of the launcher runs ${marker}`);
  return pid;
}

export async function timeUntil(what: string, probe: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < GIVE_UP_MS) {
    if (await probe().catch(() => false)) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not recover within ${GIVE_UP_MS / 1000} s`);
}

export async function recoverySection(clientEnv: NodeJS.ProcessEnv, url: string, launcherPid: number, project: string, figures: Figures) {
  const agent = 'bench/recover';
  await orc(['agent', 'start', agent, '--project', project, '--cmd', 'bash --norc --noprofile'], clientEnv);
  try {
    process.kill(await childPid(launcherPid, 'host-worker.ts'), 'SIGKILL');
    const queued = await orc(['send', agent, 'echo sent-while-down'], clientEnv);
    const workerMs = await timeUntil('the worker', async () => (await orc(['send', agent, 'echo after-recovery'], clientEnv, 15_000)).stdout.includes('confirmed'));
    process.kill(await childPid(launcherPid, 'web/build/index.js'), 'SIGKILL');
    const webMs = await timeUntil('the web app', async () => (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) })).ok);
    process.kill(await childPid(launcherPid, 'start-dev'), 'SIGKILL');
    const temporalMs = await timeUntil('the Temporal dev server', async () => (await orc(['send', agent, 'echo after-temporal'], clientEnv, 15_000)).stdout.includes('confirmed'));
    const result = {
      workerToConfirmedSendMs: Math.round(workerMs),
      webToHealthyMs: Math.round(webMs),
      temporalToConfirmedSendMs: Math.round(temporalMs),
      sendWhileDownMs: Math.round(queued.ms),
      sendWhileDown: queued.stdout.trim().slice(0, 120),
    };
    console.log(
      `  worker killed → a send confirmed again: ${fmtMs(workerMs)}; web app killed → /healthz: ${fmtMs(webMs)}; ` +
        `Temporal dev server killed → a send confirmed again: ${fmtMs(temporalMs)}; ` +
        `a send while the worker was down answered in ${fmtMs(queued.ms)} (${queued.stdout.startsWith('queued') ? 'queued' : 'not queued'})\n`,
    );
    figures.add(TITLE, 'worker → send confirmed again', fmtMs(workerMs));
    figures.add(TITLE, 'web app → /healthz ok', fmtMs(webMs));
    figures.add(TITLE, 'Temporal dev server → send confirmed again', fmtMs(temporalMs));
    figures.add(TITLE, 'send while the worker is down', `${fmtMs(queued.ms)}, ${queued.stdout.startsWith('queued') ? 'queued' : 'NOT queued'}`);
    return result;
  } finally {
    await orc(['agent', 'stop', agent], clientEnv).catch(() => undefined);
  }
}
