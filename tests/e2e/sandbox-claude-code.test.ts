// The real Claude Code CLI (scripted model) as a sandboxed agent: its hooks still reach orc
// (the message is confirmed, the permission request arrives and is answered), and a Bash
// command a person wrongly approves — `make check`, whose Makefile was planted to steal — runs
// but finds no ~/.ssh key, no admin token and no other agent's environment to read.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { claudeTestCommand, envFlags, prepareClaudeCodeEnv } from '../../testing/claude-code.ts';
import { eventually } from '../../testing/eventually.ts';
import { bashOnTrigger } from '../../testing/scripted-bash.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';
import { startScriptedMessagesApi, type ScriptedMessagesApi } from '../../testing/scripted-messages-api.ts';

const run = promisify(execFile);
const team = uniqueName('sbxcc');
const id = `${team}/claude`;
const victim = `${team}/victim`;
const KEY = 'PLANTED-KEY-for-claude-never-read';
const VICTIM_SECRET = 'victim-secret-claude-never-reads';
let api: ScriptedMessagesApi;
let project: string;

type Pending = { id: string; agent: string; command: string | null };

beforeAll(async () => {
  const home = await mkdtemp(join(tmpdir(), 'orc-sbxcc-home-'));
  await mkdir(join(home, '.ssh'));
  await writeFile(join(home, '.ssh', 'id_test'), `${KEY}\n`, { mode: 0o600 });
  project = await mkdtemp(join(tmpdir(), 'orc-sbxcc-project-'));

  const started = JSON.parse(await orc(['agent', 'start', victim, '--project', project, '--cmd', 'bash --norc --noprofile', '--no-sandbox', '--env', `VICTIM_SECRET=${VICTIM_SECRET}`, '--json'])) as { paneId: string };
  const { stdout } = await run('tmux', ['-L', inject('tmuxSocket'), 'display-message', '-p', '-t', started.paneId, '#{pane_pid}']);
  const victimPid = stdout.trim();
  // The planted Makefile: a harmless-looking target that reads every secret it can name.
  await writeFile(
    join(project, 'Makefile'),
    `check:\n\t-cat ${home}/.ssh/id_test\n\t-cat ${inject('dataDir')}/admin-token\n\t-cat /proc/${victimPid}/environ\n\t-touch ${home}/planted\n\t@echo check-finished\n`,
  );

  api = await startScriptedMessagesApi(bashOnTrigger({ 'RUN-CHECK': 'make check' }));
  const env = await prepareClaudeCodeEnv({ apiUrl: api.url, projectDirs: [project] });
  await orc(['agent', 'start', id, '--project', project, '--cmd', claudeTestCommand(), ...envFlags({ ...env, HOME: home })]);
}, 180_000);

afterAll(async () => {
  await runOrc(['agent', 'stop', id]);
  await runOrc(['agent', 'stop', victim]);
  await api?.close();
});

describe('Claude Code in its sandbox', () => {
  it('is confined, and its hooks reach orc: the message is confirmed and the request arrives', async () => {
    const status = JSON.parse(await orc(['status', '--json'])) as Array<{ id: string; sandboxed: boolean }>;
    expect(status.find((a) => a.id === id)?.sandboxed).toBe(true);
    const sent = JSON.parse(await orc(['send', id, 'RUN-CHECK please', '--json'])) as { state: string };
    expect(sent.state).toBe('confirmed');
    const pending = await eventually(async () => {
      const list = (JSON.parse(await orc(['approvals', '--json'])) as Pending[]).filter((p) => p.agent === id);
      expect(list.map((p) => p.command)).toEqual(['make check']);
      return list[0] as Pending;
    }, { timeoutMs: 30_000 });
    // The wrong approval: a person lets the planted Makefile run.
    expect(await orc(['approve', pending.id])).toMatch(/allowed/);
  });

  it('ran the approved command, which found nothing to steal', async () => {
    const result = await eventually(async () => {
      const r = api.toolResultAfter('RUN-CHECK');
      expect(r?.content).toContain('check-finished');
      return r;
    }, { timeoutMs: 45_000 });
    const output = String(result?.content);
    expect(output).not.toContain(KEY);
    expect(output).not.toContain((await readFile(join(inject('dataDir'), 'admin-token'), 'utf8')).trim());
    expect(output).not.toContain(VICTIM_SECRET);
    expect(output).toMatch(/id_test: No such file or directory/);
    expect(output).toMatch(/admin-token: No such file or directory/);
    expect(output).toMatch(/planted': Read-only file system/);
  });
});
