// Hearing agent panes print through tmux control mode, against a real tmux server: which
// sessions are followed, that the agents' windows keep their size, and what happens when a
// control client dies.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTmuxServer, type TmuxServer } from '../../testing/tmux-server.ts';
import { AGENT_PANE_OPTION } from './agent-pane.ts';
import { watchPaneOutput, type PaneOutputEvents } from './pane-output-events.ts';
import { createTmux } from './tmux.ts';

const until = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('watchPaneOutput against real tmux', () => {
  let server: TmuxServer;
  let events: PaneOutputEvents | undefined;
  const heard: string[] = [];
  const logged: string[] = [];

  const agentPane = async (session: string) => {
    await server.newWindow({ name: session, cwd: '/tmp', argv: ['sh', '-c', 'read line; echo "got $line"; exec sleep 600'] });
    const pane = (await server.tmux(['display-message', '-p', '-t', `${session}:0.0`, '#{pane_id}'])).trim();
    await server.tmux(['set-option', '-p', '-t', pane, AGENT_PANE_OPTION, `t/${session}`]);
    return pane;
  };
  const watch = () => {
    events = watchPaneOutput({ name: server.socket }, createTmux({ name: server.socket }), { listEveryMs: 200, restartAfterMs: 100, log: (line) => logged.push(line) });
    events.subscribe((paneId) => heard.push(paneId));
    return events;
  };
  const controlClients = async () => (await server.tmux(['list-clients', '-F', '#{client_control_mode} #{client_pid} #{session_name}'])).split('\n').filter((l) => l.startsWith('1 '));

  beforeEach(async () => {
    server = await startTmuxServer();
    heard.length = 0;
    logged.length = 0;
  });
  afterEach(async () => {
    events?.stop();
    events = undefined;
    await server.kill();
  });

  it("hears an agent pane print, and leaves sessions without agents (a person's own) alone", async () => {
    const pane = await agentPane('orc-team');
    await server.newWindow({ name: 'mine', cwd: '/tmp', argv: ['sh', '-c', 'exec sleep 600'] });
    const watcher = watch();
    await until('the pane to be covered', () => watcher.covers(pane));
    heard.length = 0;
    await server.typeText(pane, 'hello');
    await server.sendKeys(pane, 'Enter');
    await until('its output to be heard', () => heard.includes(pane));
    expect((await controlClients()).map((l) => l.split(' ')[2])).toEqual(['orc-team']);
    // The control client is read-only and ignores its own size: the agent's window keeps 200x50.
    expect((await server.tmux(['display-message', '-p', '-t', pane, '#{window_width}x#{window_height}'])).trim()).toBe('200x50');
  });

  it('follows a session that comes later, and reads each of its panes once as it attaches', async () => {
    const first = await agentPane('orc-a');
    const watcher = watch();
    await until('the first pane to be covered', () => watcher.covers(first));
    const second = await agentPane('orc-b');
    await until('the new session to be followed', () => watcher.covers(second));
    expect(heard).toContain(second);
  });

  it('uncovers the panes of a client that died, and covers them again once it is back', async () => {
    const pane = await agentPane('orc-team');
    const watcher = watch();
    await until('the pane to be covered', () => watcher.covers(pane));
    const [client] = await controlClients();
    process.kill(Number(client?.split(' ')[1]), 'SIGKILL');
    await until('the pane to be uncovered', () => !watcher.covers(pane));
    await until('the client to be back', () => watcher.covers(pane));
    expect(logged.join('\n')).toMatch(/read by polling, attaching again in 100 ms/);
    heard.length = 0;
    await server.typeText(pane, 'again');
    await server.sendKeys(pane, 'Enter');
    await until('output to be heard again', () => heard.includes(pane));
  });

  it('lets go of a session whose agents have all gone, without a word', async () => {
    const pane = await agentPane('orc-team');
    const watcher = watch();
    await until('the pane to be covered', () => watcher.covers(pane));
    await server.tmux(['kill-session', '-t', 'orc-team']);
    await until('the pane to be uncovered', () => !watcher.covers(pane));
    await new Promise((r) => setTimeout(r, 500));
    expect(logged).toEqual([]);
  });

  it('detaches its clients when stopped', async () => {
    const pane = await agentPane('orc-team');
    const watcher = watch();
    await until('the pane to be covered', () => watcher.covers(pane));
    watcher.stop();
    await until('no control client left', async () => (await controlClients()).length === 0);
    expect(watcher.covers(pane)).toBe(false);
  });
});
