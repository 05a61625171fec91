// Replays committed histories of real runs against today's workflow code: a change that
// would make running agents fail on their next task (non-determinism) fails here first.
import { Worker } from '@temporalio/worker';
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workflowScenarios } from '../testing/workflow-scenarios.ts';
import { WORKFLOWS_PATH } from '../testing/workflow-harness.ts';

const HISTORIES = fileURLToPath(new URL('./histories/', import.meta.url));

describe('replay of committed workflow histories', async () => {
  const files = (await readdir(HISTORIES)).filter((f) => f.endsWith('.json'));

  it('has a committed history for every recorded scenario', () => {
    expect(files.sort()).toEqual(workflowScenarios.map((s) => `${s.name}.json`).sort());
  });

  it.each(files)('%s replays without non-determinism', async (file) => {
    // Passed as parsed JSON: the worker converts it with its own copy of the protobuf types.
    const history = JSON.parse(await readFile(`${HISTORIES}${file}`, 'utf8')) as { events: unknown[] };
    expect(history.events.length).toBeGreaterThan(10);
    await Worker.runReplayHistory({ workflowsPath: WORKFLOWS_PATH }, history, file);
  });

  // Recorded once with the workflow code from before its split into modules (recovery, timers,
  // interleaved signals and updates, dialog answers, a failed launch, a held message then a stop,
  // a team member restarted): the split must replay them, as must every change after it.
  const beforeSplit = (await readdir(`${HISTORIES}before-split/`)).filter((f) => f.endsWith('.json'));

  it.each(beforeSplit)('before-split/%s replays without non-determinism', async (file) => {
    const history = JSON.parse(await readFile(`${HISTORIES}before-split/${file}`, 'utf8')) as { events: unknown[] };
    expect(history.events.length).toBeGreaterThan(10);
    await Worker.runReplayHistory({ workflowsPath: WORKFLOWS_PATH }, history, file);
  });
});
