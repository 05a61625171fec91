// `npm run demo`: the whole stack as `npm start` brings it up, plus a scripted stand-in for
// the Messages API on loopback and a small team `demo` (a project manager and an engineer,
// the real Claude Code CLI) in a throwaway git project. No real model is used and nothing
// leaves the machine: every reply is scripted and says "(demo)". The engineer messages the
// project manager, schedules a check-in and asks permission for a command no rule allows,
// so the dashboard has something to show. Ctrl-C stops the team, then everything else.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScriptedMessagesApi } from '../testing/scripted-messages-api.ts';
import { readWorkerConfig } from '../workers/worker-config.ts';
import { demoModel } from './demo/demo-model.ts';
import { DEMO_ENGINEER, DEMO_MANAGER, deployDemoTeam } from './demo/demo-scenario.ts';
import { stopDemoTeam } from './demo/demo-teardown.ts';
import { startStack, type RunningStack } from './stack/stack.ts';
import { dataDirFrom } from '../domain/data-layout.ts';

const TEAM = 'demo';
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function port(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65_535) throw new Error(`${name}=${process.env[name]} is not a port number (1 to 65535)`);
  return value;
}

const progress = (line: string) => console.log(`[demo] ${line}`);

/** Resolves at the first stop signal. Later ones are taken too, so none kills the demo half-way through its teardown. */
function stopSignal(): { received: Promise<NodeJS.Signals>; name(): NodeJS.Signals | null } {
  let name: NodeJS.Signals | null = null;
  const received = new Promise<NodeJS.Signals>((resolve) => {
    for (const signal of STOP_SIGNALS) {
      process.on(signal, () => {
        if (name !== null) return;
        name = signal;
        // The terminal is gone: output has nowhere to go, and a failed write must not end the teardown.
        if (signal === 'SIGHUP') for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
        // Said at once: while the stack is still coming up, the stop waits for it.
        progress(`${signal}: stopping the demo team and the stack …`);
        resolve(signal);
      });
    }
  });
  return { received, name: () => name };
}

async function run() {
  // Listening from the start: the stack's processes run in sessions of their own, so a Ctrl-C
  // reaches only this process, which must then stop them rather than die and leave them behind.
  const signal = stopSignal();
  console.log('[demo] ─────────────────────────────────────────────────────────────');
  console.log('[demo] orc demo: NO REAL MODEL IS USED. Claude Code talks to a scripted');
  console.log('[demo] stand-in for the Messages API on 127.0.0.1; every reply says "(demo)".');
  console.log('[demo] ─────────────────────────────────────────────────────────────');
  const model = await startScriptedMessagesApi(demoModel(TEAM, DEMO_MANAGER));
  progress(`scripted Messages API at ${model.url}`);
  // A demo starts clean each time: its own data dir (removed at the end) and Temporal in memory.
  // The demo keeps its data in a throwaway dir unless ORC_DATA_DIR names one.
  const ownDataDir = !process.env.ORC_DATA_DIR;
  const dataDir = ownDataDir ? await mkdtemp(join(tmpdir(), 'orc-demo-data-')) : dataDirFrom(process.env);
  let stack: RunningStack | null = null;
  let projectDir: string | null = null;
  let teamDeployed = false;
  try {
    stack = await startStack({
      dataDir,
      host: process.env.HOST ?? '127.0.0.1',
      port: port('PORT', 3000),
      temporalPort: port('ORC_TEMPORAL_PORT', 7233),
      temporalUiPort: port('ORC_TEMPORAL_UI_PORT', 8233),
      persistTemporal: false,
      databaseUrl: process.env.DATABASE_URL || undefined,
      // The team is stopped through the worker and the web app after the Ctrl-C: they must not get it too.
      detachChildren: true,
      progress: (line) => console.log(`[orc] ${line}`),
    });
    if (signal.name() === null) {
      const adminToken = (await readFile(stack.adminTokenFile, 'utf8')).trim();
      // Set before the call: a deploy that fails half-way may have started agents too.
      teamDeployed = true;
      ({ projectDir } = await deployDemoTeam({ orcUrl: stack.url, adminToken, apiUrl: model.url, team: TEAM, progress }));
      progress(`team ${TEAM} running: ${TEAM}/${DEMO_MANAGER} (project-manager), ${TEAM}/${DEMO_ENGINEER} (engineer)`);
      progress(`dashboard: ${stack.url}  (sign in with the token in ${stack.adminTokenFile})`);
      progress('watch: the engineer\'s message on Log, its check-in on the Overview, its permission request on Approvals.');
      progress('Ctrl-C stops everything.');
    }
    await signal.received;
  } finally {
    if (stack) {
      const running = stack;
      if (teamDeployed) {
        await readFile(running.adminTokenFile, 'utf8')
          .then((adminToken) => stopDemoTeam({ orcUrl: running.url, adminToken: adminToken.trim(), team: TEAM, tmuxSocket: readWorkerConfig().tmuxSocket, progress }))
          .catch((err: unknown) => progress(`could not stop the demo team: ${err instanceof Error ? err.message : String(err)}`));
      }
      await running.stop();
    }
    await model.close();
    // Both were made for this run only; the agents that wrote into the project are gone.
    if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    if (projectDir) await rm(projectDir, { recursive: true, force: true });
  }
  progress('stopped');
}

run().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`[demo] could not start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
