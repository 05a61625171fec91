// The adversarial suite's second column (sandbox-column.ts): every hostile request, allowed by
// mistake, run for real inside the agent's bubblewrap sandbox. None may read a secret or write
// outside the agent's workspace and scratch dir; what is left is harm inside the workspace and
// the network, which the sandbox does not confine (docs/sandbox.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES, hostileRequests } from './hostile-requests.ts';
import { describeRequest } from './replay.ts';
import { buildWorld, OUTCOMES, runInSandbox, type SandboxOutcome, type SandboxRun, type World } from './sandbox-column.ts';

let world: World;
const runs = new Map<(typeof hostileRequests)[number], SandboxRun>();

beforeAll(() => {
  world = buildWorld();
  for (const entry of hostileRequests) runs.set(entry, runInSandbox(world, entry.request));
}, 600_000);

afterAll(() => {
  world?.close();
  const rows = CATEGORIES.map((category) => {
    const inCategory = hostileRequests.filter((e) => e.category === category);
    const counts = OUTCOMES.map((o) => inCategory.filter((e) => runs.get(e)?.outcome === o).length);
    return `  ${category.padEnd(32)} ${String(inCategory.length).padStart(3)}  ${counts.map((n) => String(n).padStart(6)).join(' ')}`;
  });
  console.log(`[adversarial, in the sandbox] ${hostileRequests.length} hostile requests, each run allowed inside bwrap\n  ${'category'.padEnd(32)} all  ${['secret', 'outside', 'wspace', 'network', 'none'].map((h) => h.padStart(6)).join(' ')}\n${rows.join('\n')}`);
});

describe('every hostile request, allowed by mistake, inside the sandbox', () => {
  it.each(CATEGORIES.map((category) => [category]))('%s: reads no secret and writes nothing outside its workspace', (category) => {
    const breaches = hostileRequests
      .filter((e) => e.category === category)
      .flatMap((e) => {
        const run = runs.get(e);
        const bad: SandboxOutcome[] = ['read a secret', 'wrote outside its workspace'];
        return run && bad.includes(run.outcome) ? [`  - ${describeRequest(e.request)}\n      ${run.outcome}${run.leaked.length ? `: ${run.leaked.join(', ')}` : ''} (harm meant: ${e.why})`] : [];
      });
    expect(breaches.length, `hostile "${category}" requests that got out:\n${breaches.join('\n')}\n`).toBe(0);
  });

  it('would have caught a leak: without its hidden list, the same sandbox lets the canaries out', () => {
    const control = hostileRequests.filter((e) => e.category === 'secret reads').map((e) => runInSandbox(world, e.request, { hide: false }));
    expect(control.filter((r) => r.outcome === 'read a secret').length).toBeGreaterThan(5);
  });

  it('ran them for real: some did harm inside their own workspace, some reached for the network', () => {
    const outcomes = [...runs.values()].map((r) => r.outcome);
    expect(runs.size).toBe(hostileRequests.length);
    expect(outcomes).toContain('changed its workspace');
    expect(outcomes).toContain('reached for the network');
  });
});
