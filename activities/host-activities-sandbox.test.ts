// The launch and the sandbox, on a real tmux server of its own: asked for a sandbox that cannot
// work here, the launch fails with one line saying why and how to turn it off (never starts the
// agent unconfined); when it works, the pane runs the agent inside bwrap.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seal } from '../domain/sealed-secret.ts';
import { hostLayout } from '../domain/data-layout.ts';
import { openDeliveryLedger } from '../host/delivery-ledger.ts';
import { createTmux } from '../host/tmux/tmux.ts';
import type { AgentSpec } from '../workflows/agent-types.ts';
import { createHostActivities } from './host-activities.ts';

const run = promisify(execFile);
const socket = `orc-sbx-act-${randomBytes(4).toString('hex')}`;
const key = randomBytes(32);
let root: string;

const spec = (agent: string, project: string): AgentSpec => ({
  team: 'sbx',
  agent,
  host: 'h',
  projectDir: project,
  argv: ['bash', '--norc', '--noprofile'],
  kind: 'generic',
  env: {},
  orcUrl: 'http://127.0.0.1:9',
  agentToken: seal('orc_agent_token', key),
  sandbox: { enabled: true, allow: [] },
});

async function activities(probe?: Parameters<typeof createHostActivities>[0]['sandboxProbe']) {
  const hostDir = join(root, 'data', 'hosts', 'h');
  return createHostActivities({
    tmux: createTmux({ name: socket }),
    ledger: await openDeliveryLedger(hostLayout(hostDir).deliveryLedger),
    hostDir,
    secretKey: key,
    readyTimeoutMs: 10_000,
    ...(probe ? { sandboxProbe: probe } : {}),
  });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'orc-sbx-act-'));
});

afterAll(async () => {
  await run('tmux', ['-L', socket, 'kill-server']).catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

describe('launching a sandboxed agent', () => {
  it('fails with one clear line when bwrap cannot work here, and starts nothing', async () => {
    const host = await activities(async () => ({ works: false, bwrap: null, problem: 'bubblewrap is not installed (no bwrap on PATH)', fix: 'apt-get install -y bubblewrap, or start agents with --no-sandbox (sandbox: off in a team spec)' }));
    await expect(host.launchAgent({ spec: spec('refused', root) })).rejects.toMatchObject({
      type: 'SandboxUnavailable',
      nonRetryable: true,
      message: 'agent sbx/refused cannot be sandboxed on host h: bubblewrap is not installed (no bwrap on PATH): apt-get install -y bubblewrap, or start agents with --no-sandbox (sandbox: off in a team spec)',
    });
    const panes = await run('tmux', ['-L', socket, 'list-panes', '-a', '-F', '#{window_name}']).then((r) => r.stdout, () => '');
    expect(panes).not.toContain('refused');
  });

  it('runs the agent inside bwrap when it works, and unconfined only when asked', async () => {
    const host = await activities();
    const confined = await host.launchAgent({ spec: spec('confined', root) });
    const open = await host.launchAgent({ spec: { ...spec('open', root), sandbox: { enabled: false, allow: [] } } });
    const command = async (paneId: string) => {
      const pid = (await run('tmux', ['-L', socket, 'display-message', '-p', '-t', paneId, '#{pane_pid}'])).stdout.trim();
      return (await run('ps', ['-o', 'args=', '-p', pid])).stdout.trim();
    };
    expect(await command(confined.paneId)).toMatch(/^\S*bwrap .* --unshare-pid .* -- bash --norc --noprofile$/);
    expect(await command(open.paneId)).toBe('bash --norc --noprofile');
  });
});
