// Stopping the demo team when the demo ends. First through orc's API, the way the demo started
// it, so each agent saves its pane history and the records say it stopped. Then, whatever the
// API managed (the stack may be half down, or the stop may time out), the team's tmux session
// is closed if it is still there: Claude Code agents must not outlive the demo.
import { createTmux, type TmuxSocket } from '../../host/tmux/tmux.ts';
import { createOrcClient } from '../../cli/client.ts';
import { tmuxSessionName } from '../../domain/names.ts';

export interface DemoTeardownTarget {
  orcUrl: string;
  adminToken: string;
  team: string;
  /** The tmux server the stack's worker runs agents in. */
  tmuxSocket: TmuxSocket;
  progress(line: string): void;
  /** How long the API may take to stop the team before its session is closed directly. */
  apiTimeoutMs?: number;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function stopDemoTeam({ orcUrl, adminToken, team, tmuxSocket, progress, apiTimeoutMs = 30_000 }: DemoTeardownTarget): Promise<void> {
  try {
    await createOrcClient({ url: orcUrl, token: adminToken }).teams.stop.mutate({ team }, { signal: AbortSignal.timeout(apiTimeoutMs) });
    progress(`team ${team} stopped`);
  } catch (err) {
    progress(`team ${team} could not be stopped through orc (${messageOf(err)}); closing its tmux session`);
  }
  const tmux = createTmux(tmuxSocket);
  // `=` makes the target the exact session name, not a prefix of another team's.
  const target = `=${tmuxSessionName(team)}`;
  const stillThere = await tmux.run(['has-session', '-t', target]).then(
    () => true,
    () => false,
  );
  if (!stillThere) return;
  await tmux.run(['kill-session', '-t', target]);
  progress(`closed tmux session ${tmuxSessionName(team)} and the agents in it`);
}
