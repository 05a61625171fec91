// The demo's teardown when orc cannot stop the team (the server is already down): the team's
// tmux session is closed directly, with its agent, and no other team's session is touched.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tmuxSessionName } from '../../domain/names.ts';
import { eventually } from '../../testing/eventually.ts';
import { freePort } from '../../testing/free-port.ts';
import { startTmuxServer, type TmuxServer } from '../../testing/tmux-server.ts';
import { stopDemoTeam } from './demo-teardown.ts';

let server: TmuxServer;
beforeEach(async () => {
  server = await startTmuxServer();
});
afterEach(async () => {
  await server.kill();
});

const sessions = async () => (await server.tmux(['list-sessions', '-F', '#{session_name}'])).trim().split('\n');
const panePid = async (session: string) => Number((await server.tmux(['display-message', '-p', '-t', `=${session}:`, '#{pane_pid}'])).trim());
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('stopDemoTeam', () => {
  it('closes the team\'s tmux session itself when orc does not answer, and only that one', async () => {
    const team = 'demo';
    // A session whose name starts with the demo's: an exact target must leave it alone.
    const other = `${tmuxSessionName(team)}-other`;
    await server.newWindow({ name: tmuxSessionName(team), cwd: '/tmp', argv: ['sleep', '600'] });
    await server.newWindow({ name: other, cwd: '/tmp', argv: ['sleep', '600'] });
    const agentPid = await panePid(tmuxSessionName(team));
    expect(alive(agentPid)).toBe(true);

    const lines: string[] = [];
    await stopDemoTeam({
      orcUrl: `http://127.0.0.1:${await freePort()}`,
      adminToken: 'nobody-listens',
      team,
      tmuxSocket: { name: server.socket },
      progress: (line) => lines.push(line),
      apiTimeoutMs: 5_000,
    });

    expect(await sessions()).toEqual([other]);
    await eventually(async () => expect(alive(agentPid)).toBe(false));
    expect(lines).toEqual([expect.stringMatching(/^team demo could not be stopped through orc \(.+\); closing its tmux session$/), 'closed tmux session orc-demo and the agents in it']);
  });

  it('does nothing more when the session is already gone', async () => {
    await server.newWindow({ name: 'unrelated', cwd: '/tmp', argv: ['sleep', '600'] });
    const lines: string[] = [];
    await stopDemoTeam({ orcUrl: `http://127.0.0.1:${await freePort()}`, adminToken: 'x', team: 'demo', tmuxSocket: { name: server.socket }, progress: (line) => lines.push(line), apiTimeoutMs: 5_000 });
    expect(await sessions()).toEqual(['unrelated']);
    expect(lines).toHaveLength(1);
  });
});
