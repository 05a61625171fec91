// `orc send` → confirmed delivery, one agent at a time: a bash agent (confirmed by reading
// its pane) and a Claude Code agent (confirmed by its UserPromptSubmit hook).
import { claudeLaunch, envFlags, startMessagesApi } from './claude-agents.ts';
import { orc } from './orc-cli.ts';
import { printLatency, type Figures } from './report.ts';

interface SendSample {
  cliMs: number;
  serverMs: number;
}

/** A send that waits this long is stuck (normal ones take well under a second). */
const SEND_TIMEOUT_MS = 60_000;

/** The samples up to the first send that failed, and why that one failed (with the agent's state then). */
async function measureSends(id: string, env: NodeJS.ProcessEnv, text: (i: number) => string, count: number): Promise<{ samples: SendSample[]; error: string | null }> {
  const samples: SendSample[] = [];
  for (let i = 0; i < count; i++) {
    try {
      const { stdout, ms } = await orc(['send', id, text(i), '--json'], env, SEND_TIMEOUT_MS);
      const message = JSON.parse(stdout) as { state: string; queuedAt: string; confirmedAt?: string };
      if (message.state !== 'confirmed' || !message.confirmedAt) throw new Error(`message ${i} was ${message.state}`);
      samples.push({ cliMs: ms, serverMs: Date.parse(message.confirmedAt) - Date.parse(message.queuedAt) });
    } catch (err) {
      const status = await orc(['status', '--json'], env).then(
        ({ stdout }) => (JSON.parse(stdout) as Array<{ id: string; state: string; inbox: number }>).find((a) => a.id === id),
        () => undefined,
      );
      const state = status ? ` (${id} was ${status.state} with ${status.inbox} queued)` : '';
      return { samples, error: `send ${i + 1} of ${count}: ${err instanceof Error ? err.message : String(err)}${state}` };
    }
  }
  return { samples, error: null };
}

export async function sendLatencySection(clientEnv: NodeJS.ProcessEnv, project: string, sends: number, figures: Figures) {
  const title = '2. orc send → confirmed';
  console.log(`${title} delivery, ${sends} sends each`);
  await orc(['agent', 'start', 'bench/shell', '--project', project, '--cmd', 'bash --norc --noprofile'], clientEnv);
  const { samples: shell, error: shellError } = await measureSends('bench/shell', clientEnv, (i) => `echo bench-${i}`, sends);
  const sendShell = {
    cli: printLatency('bash agent (pane confirmation), whole `orc send` process', shell.map((s) => s.cliMs)),
    server: printLatency('bash agent (pane confirmation), queued → confirmed', shell.map((s) => s.serverMs)),
  };
  figures.latency(title, 'bash agent, whole `orc send` process', sendShell.cli);
  figures.latency(title, 'bash agent, queued → confirmed', sendShell.server);
  await orc(['agent', 'stop', 'bench/shell'], clientEnv);
  if (shellError) throw new Error(`bash agent, ${shellError}`);

  const { api, close } = await startMessagesApi();
  try {
    const claude = await claudeLaunch(api.url, project);
    await orc(['agent', 'start', 'bench/claude', '--project', project, '--cmd', claude.command, ...envFlags(claude.env)], clientEnv);
    const { samples, error } = await measureSends('bench/claude', clientEnv, (i) => `reply with ok-${i}`, Math.min(sends, 20));
    const sendClaude = {
      cli: printLatency('Claude Code agent (UserPromptSubmit hook), whole `orc send`', samples.map((s) => s.cliMs)),
      server: printLatency('Claude Code agent (UserPromptSubmit hook), queued → confirmed', samples.map((s) => s.serverMs)),
    };
    figures.latency(title, 'Claude Code agent, whole `orc send` process', sendClaude.cli);
    figures.latency(title, 'Claude Code agent, queued → confirmed', sendClaude.server);
    await orc(['agent', 'stop', 'bench/claude'], clientEnv);
    if (error) throw new Error(`Claude Code agent, ${error}`);
    return { sendShell, sendClaude };
  } finally {
    await close();
  }
}
