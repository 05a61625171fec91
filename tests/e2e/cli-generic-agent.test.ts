// The foundation's round trip with a plain shell as the agent, driven by the real `orc` CLI:
// start, send, capture, status, stop, and what a user sees when they get something wrong.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';

let projectDir: string;
const team = uniqueName('cli');

beforeAll(async () => {
  projectDir = await mkdtemp(join(tmpdir(), 'orc-project-'));
});

describe('a bash agent driven through the orc CLI', () => {
  const id = `${team}/dev`;

  afterAll(async () => {
    await runOrc(['agent', 'stop', id]);
  });

  it('starts, runs a sent command, shows it in capture and status, then stops', async () => {
    const started = await orc(['agent', 'start', id, '--project', projectDir, '--cmd', 'bash --norc --noprofile']);
    expect(started).toContain(`started ${id}`);

    const sent = await orc(['send', id, 'echo hello-from-orc']);
    expect(sent).toMatch(/delivered to .* and confirmed/);

    const capture = JSON.parse(await orc(['capture', id, '--lines', '20', '--json'])) as { text: string };
    // The command line and its output: the echo ran in the agent's shell.
    expect(capture.text.split('\n').filter((line) => line.trim() === 'hello-from-orc')).toHaveLength(1);

    const status = JSON.parse(await orc(['status', '--json'])) as Array<{ id: string; state: string }>;
    expect(status.find((a) => a.id === id)?.state).toBe('idle');

    const pwd = await orc(['send', id, 'pwd']);
    expect(pwd).toContain('confirmed');
    await eventually(async () => expect(await orc(['capture', id])).toContain(projectDir));
  });

  it('refuses a second start of a running agent without touching it', async () => {
    const again = await runOrc(['agent', 'start', id, '--project', projectDir, '--cmd', 'bash']);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(`agent ${id} is already running`);
    expect(await orc(['send', id, 'echo still-alive'])).toContain('confirmed');
  });

  it('stops the agent: it leaves status and its history is kept', async () => {
    expect(await orc(['agent', 'stop', id])).toContain(`stopped ${id}`);
    await eventually(async () => {
      const [saved] = JSON.parse(await orc(['history', id, '--json'])) as Array<{ reason: string; text: string }>;
      expect(saved?.reason).toBe('stopped');
      expect(saved?.text).toMatch(/^hello-from-orc$/m);
    });
    const status = JSON.parse(await orc(['status', '--json'])) as Array<{ id: string }>;
    expect(status.map((a) => a.id)).not.toContain(id);
    const send = await runOrc(['send', id, 'hello?']);
    expect(send.code).toBe(1);
    expect(send.stderr).toContain(`no running agent ${id}`);
  });
});

describe('message text arrives literally', () => {
  const id = `${team}/cat`;

  afterAll(async () => {
    await runOrc(['agent', 'stop', id]);
  });

  it('delivers quotes, $(...), ;, tmux key names and newlines to cat unchanged', async () => {
    await orc(['agent', 'start', id, '--project', projectDir, '--cmd', 'cat']);
    const tricky = `He said "hi" and 'bye'; $(touch ${projectDir}/pwned) \`id\` C-c Enter Escape #{pane_id} ~!`;
    expect(await orc(['send', id, tricky])).toContain('confirmed');
    const pane = await eventually(async () => {
      const text = await orc(['capture', id, '--lines', '50']);
      // cat echoes the line back: the terminal's echo plus cat's output.
      expect(text.split('\n').filter((line) => line === tricky)).toHaveLength(2);
      return text;
    });
    expect(pane).not.toContain('pwned\n');

    expect(await orc(['send', id, 'first line\nsecond line'])).toContain('confirmed');
    // cat asks for no bracketed paste, so the lines go in one by one; each is echoed and repeated.
    await eventually(async () => {
      const text = await orc(['capture', id, '--lines', '50']);
      expect(text.match(/first line/g)).toHaveLength(2);
      expect(text.match(/second line/g)).toHaveLength(2);
    });
  });
});

describe('bad input gets one clear line and a non-zero exit', () => {
  it.each([
    [['send', 'Demo/dev', 'x'], 'team name "Demo" is invalid'],
    [['send', 'just-a-name', 'x'], 'write it as <team>/<agent>'],
    [['send', 'nobody-here/none', 'x'], 'no running agent nobody-here/none'],
    [['capture', 'nobody-here/none'], 'no running agent nobody-here/none'],
    [['agent', 'stop', 'nobody-here/none'], 'no running agent nobody-here/none'],
    [['agent', 'start', 'bad/x', '--project', '/nonexistent/orc-dir', '--cmd', 'bash'], 'project directory /nonexistent/orc-dir does not exist'],
    [['agent', 'start', 'bad/x', '--project', '/tmp', '--cmd', 'bash | tee x'], 'contains shell syntax'],
  ])('orc %j', async (args, message) => {
    const result = await runOrc(args);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(message);
  });

  it('names a wrong token and an unreachable server', async () => {
    const wrongToken = await runOrc(['status'], { ORC_TOKEN: 'orc_adm_not-a-real-token' });
    expect(wrongToken.code).toBe(1);
    expect(wrongToken.stderr).toContain('the server refused the token');
    const unreachable = await runOrc(['status'], { ORC_URL: 'http://127.0.0.1:9' });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('cannot reach the orc server at http://127.0.0.1:9');
  });

  it('leaves nothing behind when the agent command dies at launch', async () => {
    const id = `${team}/dies`;
    const result = await runOrc(['agent', 'start', id, '--project', projectDir, '--cmd', 'false']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('exited with status 1');
    const status = JSON.parse(await orc(['status', '--json'])) as Array<{ id: string }>;
    expect(status.map((a) => a.id)).not.toContain(id);
  });
});
