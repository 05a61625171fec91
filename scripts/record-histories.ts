// Records the histories the replay tests check: `npm run record-histories [-- <scenario>…]`
// (all scenarios, or only those named). Run it after a deliberate, compatible change to a
// workflow's scenario, or for a new scenario, and commit the new JSON files. Recording only the
// new one keeps the older histories, recorded by older code, as the check they are.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workflowScenarios } from '../testing/workflow-scenarios.ts';
import { freePort } from '../testing/free-port.ts';
import { createHarness } from '../testing/workflow-harness.ts';
import { findTemporalCli, startTemporalDevServer } from './stack/temporal-server.ts';

const run$ = promisify(execFile);

const HISTORIES = fileURLToPath(new URL('../workflows/histories/', import.meta.url));

async function run() {
  const named = process.argv.slice(2);
  const unknown = named.filter((name) => !workflowScenarios.some((s) => s.name === name));
  if (unknown.length > 0) throw new Error(`no scenario ${unknown.join(', ')}; known: ${workflowScenarios.map((s) => s.name).join(', ')}`);
  const cli = findTemporalCli();
  if (!cli) throw new Error('the Temporal CLI is needed to export histories: put it on PATH or set TEMPORAL_CLI');
  const logDir = await mkdtemp(join(tmpdir(), 'orc-record-'));
  const temporal = await startTemporalDevServer({ ip: '127.0.0.1', port: await freePort(), uiPort: null, dbFile: null, logFile: join(logDir, 'temporal.log') });
  try {
    for (const scenario of workflowScenarios.filter((s) => named.length === 0 || named.includes(s.name))) {
      const harness = await createHarness(temporal.address);
      try {
        const workflowId = await harness.run(() => scenario.run(harness));
        // The CLI writes the canonical proto-JSON form that historyFromJSON reads back.
        const { stdout } = await run$(cli, ['workflow', 'show', '--address', temporal.address, '--workflow-id', workflowId, '--output', 'json'], { maxBuffer: 64 * 1024 * 1024 });
        const file = join(HISTORIES, `${scenario.name}.json`);
        await writeFile(file, stdout.endsWith('\n') ? stdout : `${stdout}\n`);
        const events = (JSON.parse(stdout) as { events?: unknown[] }).events?.length ?? 0;
        console.log(`recorded ${scenario.name}: ${events} events → ${file}`);
      } finally {
        await harness.close();
      }
    }
  } finally {
    await temporal.stop();
  }
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
