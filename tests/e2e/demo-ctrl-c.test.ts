// `npm run demo`, then Ctrl-C: nothing of the demo may keep running. npm runs as its own
// process group, the way a terminal runs a job, and SIGINT goes to that whole group, the way
// a terminal delivers Ctrl-C. Afterwards the team was stopped through orc, no tmux session of
// it is left, its Claude Code agents are gone, and so is its stack (its ports are free again).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tmuxSessionName } from '../../domain/names.ts';
import { eventually } from '../../testing/eventually.ts';
import { freePort } from '../../testing/free-port.ts';
import { waitFor } from '../../testing/wait-for.ts';

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SESSION = tmuxSessionName('demo');
const socket = `orc-demo-ctrl-c-${process.pid}`;
const tmux = (args: string[]) => run('tmux', ['-L', socket, ...args]);

/** Session names on the demo's tmux server; none when the server is gone. */
async function sessions(): Promise<string[]> {
  const listed = await tmux(['list-sessions', '-F', '#{session_name}']).catch(() => ({ stdout: '' }));
  return listed.stdout.split('\n').filter((line) => line !== '');
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host: '127.0.0.1', port, exclusive: true }, () => probe.close(() => resolve(true)));
  });

let demo: ChildProcess | undefined;
/** Found while the demo's tmux server runs: tmux 3.3 leaves the file behind when the server ends. */
let socketPath = '';

afterAll(async () => {
  // Only if the test failed half-way. SIGTERM first: the stack's processes are not in the
  // demo's group, and only the demo's own teardown stops them. Then the group, then tmux.
  const pid = demo?.pid;
  const running = () => demo !== undefined && demo.exitCode === null && demo.signalCode === null;
  if (pid !== undefined && running()) {
    const ended = new Promise((resolve) => demo?.once('exit', resolve));
    process.kill(-pid, 'SIGTERM');
    await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 60_000))]);
    if (running()) process.kill(-pid, 'SIGKILL');
  }
  await tmux(['kill-server']).catch(() => undefined);
  if (socketPath !== '') await rm(socketPath, { force: true });
});

describe('npm run demo, then Ctrl-C', () => {
  it('leaves no tmux session of the demo team, no agent and no stack running', { timeout: 420_000 }, async () => {
    const ports = { web: await freePort(), temporal: await freePort(), temporalUi: await freePort() };
    demo = spawn('npm', ['run', 'demo'], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(ports.web),
        ORC_TEMPORAL_PORT: String(ports.temporal),
        ORC_TEMPORAL_UI_PORT: String(ports.temporalUi),
        ORC_TMUX_SOCKET: socket,
      },
      // Its own process group, as a terminal's job: the SIGINT below goes to all of it.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    demo.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<true>((resolve) => demo?.once('exit', () => resolve(true)));

    await waitFor(async () => {
      if (output.includes('Ctrl-C stops everything')) return true;
      if (demo?.exitCode !== null) throw new Error(`the demo exited early:\n${output}`);
      return undefined;
    }, {
      timeoutMs: 300_000,
      intervalMs: 500,
      describe: 'the demo to be running',
    });
    // Both agents run in their panes: the processes a Ctrl-C must not leave behind.
    const agentPids = await eventually(async () => {
      const panes = (await tmux(['list-panes', '-s', '-t', `=${SESSION}`, '-F', '#{pane_dead} #{pane_pid}'])).stdout.trim().split('\n');
      expect(panes).toHaveLength(2);
      expect(panes.every((line) => line.startsWith('0 '))).toBe(true);
      return panes.map((line) => Number(line.split(' ')[1]));
    }, { timeoutMs: 60_000 });
    expect(agentPids.every(alive)).toBe(true);
    socketPath = (await tmux(['display-message', '-p', '#{socket_path}'])).stdout.trim();

    process.kill(-demo.pid!, 'SIGINT');
    // npm waits for the demo's teardown, then ends itself by the same signal.
    const ended = await Promise.race([exited, new Promise<false>((resolve) => setTimeout(() => resolve(false), 120_000))]);
    expect(ended, output).toBe(true);
    expect(output).toContain('[demo] team demo stopped');
    expect(output).toContain('[demo] stopped');

    expect(await sessions()).not.toContain(SESSION);
    await eventually(async () => expect(agentPids.filter(alive)).toEqual([]), { timeoutMs: 15_000 });
    for (const port of Object.values(ports)) expect(await portFree(port), `port ${port} is still in use`).toBe(true);
  });
});
