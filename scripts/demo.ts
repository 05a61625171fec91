// `npm run demo`: the whole stack as `npm start` brings it up, plus a scripted stand-in for
// the Messages API on loopback and a small team `demo` (a project manager and an engineer,
// the real Claude Code CLI) in a throwaway git project. No real model is used and nothing
// leaves the machine: every reply is scripted and says "(demo)". The engineer messages the
// project manager, schedules a check-in and asks permission for a command no rule allows,
// so the dashboard has something to show. Ctrl-C stops the team and everything else.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScriptedMessagesApi } from '../testing/scripted-messages-api.ts';
import { demoModel } from './demo/demo-model.ts';
import { DEMO_ENGINEER, DEMO_MANAGER, deployDemoTeam } from './demo/demo-scenario.ts';
import { startStack } from './stack/stack.ts';

const TEAM = 'demo';

function port(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65_535) throw new Error(`${name}=${process.env[name]} is not a port number (1 to 65535)`);
  return value;
}

async function run() {
  const progress = (line: string) => console.log(`[demo] ${line}`);
  console.log('[demo] ─────────────────────────────────────────────────────────────');
  console.log('[demo] orc demo: NO REAL MODEL IS USED. Claude Code talks to a scripted');
  console.log('[demo] stand-in for the Messages API on 127.0.0.1; every reply says "(demo)".');
  console.log('[demo] ─────────────────────────────────────────────────────────────');
  const model = await startScriptedMessagesApi(demoModel(TEAM, DEMO_MANAGER));
  progress(`scripted Messages API at ${model.url}`);
  const stack = await startStack({
    // A demo starts clean each time: its own data dir and Temporal in memory.
    dataDir: process.env.ORC_DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'orc-demo-data-'))),
    host: process.env.HOST ?? '127.0.0.1',
    port: port('PORT', 3000),
    temporalPort: port('ORC_TEMPORAL_PORT', 7233),
    temporalUiPort: port('ORC_TEMPORAL_UI_PORT', 8233),
    persistTemporal: false,
    databaseUrl: process.env.DATABASE_URL || undefined,
    progress: (line) => console.log(`[orc] ${line}`),
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    progress(`${signal}: stopping the demo team and the stack …`);
    stopDemo(stack.url, stack.adminTokenFile)
      .catch(() => undefined)
      .then(() => stack.stop())
      .then(() => model.close())
      .then(
        () => {
          progress('stopped');
          process.exit(0);
        },
        (err: unknown) => {
          console.error(err);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  const adminToken = (await readFile(stack.adminTokenFile, 'utf8')).trim();
  await deployDemoTeam({ orcUrl: stack.url, adminToken, apiUrl: model.url, team: TEAM, progress });
  progress(`team ${TEAM} running: ${TEAM}/${DEMO_MANAGER} (project-manager), ${TEAM}/${DEMO_ENGINEER} (engineer)`);
  progress(`dashboard: ${stack.url}  (sign in with the token in ${stack.adminTokenFile})`);
  progress('watch: the engineer\'s message on Log, its check-in on the Overview, its permission request on Approvals.');
  progress('Ctrl-C stops everything.');
}

async function stopDemo(url: string, tokenFile: string): Promise<void> {
  const { createOrcClient } = await import('../cli/client.ts');
  const token = (await readFile(tokenFile, 'utf8')).trim();
  await createOrcClient({ url, token }).teams.stop.mutate({ team: TEAM });
}

run().catch((err: unknown) => {
  console.error(`[demo] could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
