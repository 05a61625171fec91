// One dialog answered from the screen, against a real HTTP server standing in for orc's hook
// endpoint and a scripted tmux: what is asked, what is pressed, and when nothing is.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recognizeDialog, type PermissionDialog } from '../../domain/permissions/dialog-recognition.ts';
import { answerFromScreen } from './screen-fallback.ts';
import type { Tmux } from '../tmux/tmux.ts';

const CLAUDE = (command: string) =>
  ` Bash command\n╌╌╌╌\n ${command}\n╌╌╌╌\n Do you want to proceed?\n ❯ 1. Yes\n   2. Yes, and don’t ask again for: ${command}\n   3. No\n Esc to cancel · Tab to amend`;
const AIDER = "make test\nRun shell command? (Y)es/(N)o/(D)on't ask again [Yes]: ";

let server: Server;
let url: string;
let reply: { status: number; body: unknown } = { status: 200, body: {} };
const asked: Array<{ auth: string | undefined; body: Record<string, unknown> }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      asked.push({ auth: req.headers.authorization, body: JSON.parse(raw) as Record<string, unknown> });
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const decision = (behavior: 'allow' | 'deny') => ({ status: 200, body: { hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior } } } });

/** A pane showing `screen`; `onKeys` says what the screen shows after each send-keys. */
function pane(screen: string, onKeys: (keys: string[], count: number) => string) {
  const keys: string[][] = [];
  let now = screen;
  const tmux: Tmux = {
    async run(args) {
      if (args[0] === 'capture-pane') return now;
      if (args[0] === 'send-keys') {
        keys.push([...args]);
        now = onKeys([...args], keys.length);
      }
      return '';
    },
  };
  return { tmux, keys };
}

async function answer(screen: string, tmux: Tmux) {
  const dialog = recognizeDialog(screen) as PermissionDialog;
  asked.length = 0;
  const lines: string[] = [];
  const outcome = await answerFromScreen({ tmux, log: (line) => lines.push(line) }, { paneId: '%7', agentId: 't/a', cwd: '/proj' }, { agentId: 't/a', orcUrl: url, token: 'agent-token', workDir: '/proj' }, dialog);
  return { outcome, lines };
}

describe('answerFromScreen', () => {
  it("asks as the agent's hook would, and presses the allow key again when the CLI ignored the first", async () => {
    reply = decision('allow');
    const { tmux, keys } = pane(CLAUDE('npm run build'), (_keys, count) => (count === 1 ? CLAUDE('npm run build') : '⏺ Bash(npm run build)'));
    const { outcome, lines } = await answer(CLAUDE('npm run build'), tmux);
    expect(asked).toEqual([
      { auth: 'Bearer agent-token', body: { hook_event_name: 'PermissionRequest', tool_name: 'Bash', tool_input: { command: 'npm run build' }, cwd: '/proj', orc_screen: { cli: 'claude-code', multiline: false } } },
    ]);
    expect(outcome).toBe('pressed');
    expect(keys).toEqual([['send-keys', '-t', '%7', '-l', '1'], ['send-keys', '-t', '%7', '-l', '1']]);
    expect(lines.join('\n')).toMatch(/allowed .* pressed 1 \(Yes\) .*2 times/);
  });

  it('presses "No" for a deny, once when it takes', async () => {
    reply = decision('deny');
    const { tmux, keys } = pane(CLAUDE('npm publish'), () => '> ');
    expect((await answer(CLAUDE('npm publish'), tmux)).outcome).toBe('pressed');
    expect(keys).toEqual([['send-keys', '-t', '%7', '-l', '3']]);
  });

  it('types Aider\'s letter and Enter in one go, once', async () => {
    reply = decision('allow');
    const { tmux, keys } = pane(AIDER, () => AIDER); // even if its screen is slow to change
    expect((await answer(AIDER, tmux)).outcome).toBe('pressed');
    expect(keys).toEqual([['send-keys', '-t', '%7', '-l', 'y', ';', 'send-keys', '-t', '%7', 'Enter']]);
  });

  it('presses nothing without a decision, or when the live dialog asks about something else by now', async () => {
    reply = { status: 200, body: {} };
    const quiet = pane(CLAUDE('make'), () => '');
    expect((await answer(CLAUDE('make'), quiet.tmux)).outcome).toBe('unanswered');
    reply = decision('allow');
    const changed = pane(CLAUDE('make deploy'), () => '');
    expect((await answer(CLAUDE('make'), changed.tmux)).outcome).toBe('unanswered');
    expect([...quiet.keys, ...changed.keys]).toEqual([]);
  });

  it('asks again later when orc could not be asked, not when it refused', async () => {
    reply = { status: 503, body: {} };
    expect((await answer(CLAUDE('make'), pane(CLAUDE('make'), () => '').tmux)).outcome).toBe('retry');
    reply = { status: 401, body: { error: 'unknown agent token' } };
    expect((await answer(CLAUDE('make'), pane(CLAUDE('make'), () => '').tmux)).outcome).toBe('unanswered');
  });
});
