// A dialog orc cannot answer never hangs an agent silently: a CLI (the fake one, without hooks)
// shows an update prompt that is no permission request; after a few seconds on an unchanged
// screen the agent is `blocked` with the dialog's first line in `orc status` (its text in
// --json), it needs a person, a webhook says so, and a message sent meanwhile waits instead of
// being typed into the dialog. A person answers at the pane (tmux send-keys, as one attached
// would): the agent is idle again and the message arrives. And the real Claude Code, started in
// a project nobody trusted, starts blocked on its trust dialog instead of failing a minute later.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { claudeTestCommand, envFlags, prepareClaudeCodeEnv } from '../../testing/claude-code.ts';
import { eventually } from '../../testing/eventually.ts';
import { startScriptedMessagesApi, type ScriptedMessagesApi } from '../../testing/scripted-messages-api.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';

const execFileAsync = promisify(execFile);
const FAKE_CLI = fileURLToPath(new URL('../../testing/fake-agent-cli.sh', import.meta.url));
const team = uniqueName('blocked');
const agent = `${team}/cli`;
const TITLE = 'Update available: fake-cli 2.0';
const claude = `${team}/claude`;
let paneId: string;
let api: ScriptedMessagesApi | undefined;
let server: Server;
let hookId = '';
const received: Array<{ kind: string; agent: string; reason: string | null; summary: string }> = [];

interface StatusEntry {
  id: string;
  state: string;
  blockedBy?: { title: string; text: string; since: string } | null;
  needsPerson: { reason: string; detail: string } | null;
}
const statusOf = async () => (JSON.parse(await orc(['status', '--json'])) as StatusEntry[]).find((a) => a.id === agent);
const capture = async () => (JSON.parse(await orc(['capture', agent, '--json'])) as { text: string }).text;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as (typeof received)[number]);
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const added = JSON.parse(await orc(['notify', 'add', `http://127.0.0.1:${(server.address() as AddressInfo).port}/blocked`, '--events', 'needs-person', '--json'])) as { id: string };
  hookId = added.id;
  const project = await mkdtemp(join(tmpdir(), 'orc-blocked-'));
  const started = JSON.parse(await orc(['agent', 'start', agent, '--project', project, '--cmd', `bash ${FAKE_CLI}`, '--json'])) as { paneId: string };
  paneId = started.paneId;
});

afterAll(async () => {
  await runOrc(['agent', 'stop', agent]);
  await runOrc(['agent', 'stop', claude]);
  await api?.close();
  if (hookId) await runOrc(['notify', 'rm', hookId]);
  await new Promise((resolve) => server?.close(resolve));
});

describe('a dialog orc cannot answer', () => {
  it('makes the agent blocked with the dialog shown, until a person answers it at the pane', async () => {
    expect(JSON.parse(await orc(['send', agent, 'update', '--json'])).state).toBe('confirmed');
    const blocked = await eventually(
      async () => {
        const entry = await statusOf();
        expect(entry?.state).toBe('blocked');
        return entry;
      },
      { timeoutMs: 30_000 },
    );
    expect(blocked?.blockedBy?.title).toBe(TITLE);
    expect(blocked?.blockedBy?.text).toContain('2. Remind me later');
    expect(blocked?.needsPerson?.reason).toBe('blocked-dialog');
    expect(blocked?.needsPerson?.detail).toContain(TITLE);
    expect(await orc(['status'])).toContain(`blocked (dialog: ${TITLE})`);
    // A person hears of it, once.
    await eventually(async () => expect(received.filter((e) => e.agent === agent).map((e) => [e.kind, e.reason])).toEqual([['needs-person', 'blocked-dialog']]));
    expect(received.find((e) => e.agent === agent)?.summary).toContain(TITLE);

    // A message sent now waits: typed into the dialog, its first key would answer it.
    const held = runOrc(['send', agent, 'echo after-the-dialog']);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await capture()).not.toContain('after-the-dialog');
    expect((await statusOf())?.state).toBe('blocked');

    // A person answers at the pane.
    await execFileAsync('tmux', ['-L', inject('tmuxSocket'), 'send-keys', '-t', paneId, '2']);
    await eventually(async () => expect(await capture()).toContain('update: later'));
    await eventually(async () => {
      const entry = await statusOf();
      expect(entry?.state).toBe('idle');
      expect(entry?.blockedBy ?? null).toBeNull();
      expect(entry?.needsPerson).toBeNull();
    }, { timeoutMs: 30_000 });
    expect((await held).code).toBe(0);
    await eventually(async () => expect(await capture()).toContain('ok: echo after-the-dialog'));
    expect(received.filter((e) => e.agent === agent)).toHaveLength(1);
  });

  it("starts the real Claude Code blocked on its trust dialog in a project nobody trusted, and lets it go once a person answers", async () => {
    api = await startScriptedMessagesApi();
    const project = await mkdtemp(join(tmpdir(), 'orc-blocked-untrusted-'));
    // Onboarding done, but no project trusted: Claude Code asks "Accessing workspace: …".
    const env = await prepareClaudeCodeEnv({ apiUrl: api.url, projectDirs: [] });
    const started = JSON.parse(await orc(['agent', 'start', claude, '--project', project, '--cmd', claudeTestCommand(), ...envFlags(env), '--json'])) as { paneId: string; state: string; blockedBy: { title: string; text: string } | null };
    // The launch met the dialog instead of the prompt: blocked at once, not failed a minute later.
    expect(started.state).toBe('blocked');
    expect(started.blockedBy?.title).toBe('Accessing workspace:');
    expect(started.blockedBy?.text).toContain('Yes, I trust this folder');
    expect(await orc(['status'])).toContain(`${claude}`);
    expect(await orc(['status'])).toMatch(/blocked \(dialog: Accessing workspace:\)/);
    // The person trusts it at the pane: down to "Yes, I trust this folder", Enter.
    await execFileAsync('tmux', ['-L', inject('tmuxSocket'), 'send-keys', '-t', started.paneId, 'Down']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await execFileAsync('tmux', ['-L', inject('tmuxSocket'), 'send-keys', '-t', started.paneId, 'Enter']);
    await eventually(async () => expect((JSON.parse(await orc(['status', '--json'])) as StatusEntry[]).find((a) => a.id === claude)?.state).toBe('idle'), { timeoutMs: 30_000 });
    expect(JSON.parse(await orc(['send', claude, 'reply with trusted-now', '--json'])).state).toBe('confirmed');
  });
});
