// One look at every agent pane of this host, with ONE tmux process: the list of panes and the
// screens of the panes asked for, as a single command list (`a ; b ; c`, with `;` as an
// argument of its own). Each screen is followed by a marker line carrying a per-worker secret
// and the pane's id, so no text an agent prints can pass for a marker or shift one screen
// into another's place.
import { AGENT_PANE_OPTION } from './agent-pane.ts';
import { dialogDutyOf, DIALOG_DUTY_PANE_OPTION, type DialogDuty } from '../screen-fallback/dialog-duty.ts';
import { TmuxError, type Tmux } from './tmux.ts';

export interface SweptPane {
  paneId: string;
  agentId: string;
  /** `answer`: no hooks, its dialogs are the screen fallback's; `watch`: hooked, only their closing is reported. */
  dialogs: DialogDuty | null;
  dead: boolean;
  /** In copy mode (a person is scrolling): keys would go to the mode, not to the program. */
  inMode: boolean;
  /** Where the pane's foreground program works. */
  cwd: string;
}

export interface PaneSweep {
  /** Every live or dead agent pane. */
  panes: SweptPane[];
  /** Screen text by pane id, for the panes asked for that were still there. */
  screens: Map<string, string>;
}

const listFormat = (nonce: string) =>
  [nonce, '#{pane_id}', `#{${AGENT_PANE_OPTION}}`, `#{${DIALOG_DUTY_PANE_OPTION}}`, '#{pane_dead}', '#{pane_in_mode}', '#{pane_current_path}'].join('\t');

/** The tmux arguments: the pane list, then each pane's visible screen followed by its marker. */
export function sweepArgs(nonce: string, paneIds: readonly string[]): string[] {
  const args = ['list-panes', '-a', '-F', listFormat(nonce), ';', 'display-message', '-p', `${nonce}:listed`];
  for (const paneId of paneIds) {
    // display-message runs its text through strftime, but only before #{} is expanded: a pane id's % is safe.
    args.push(';', 'capture-pane', '-p', '-J', '-t', paneId, ';', 'display-message', '-p', '-t', paneId, `${nonce}:#{pane_id}`);
  }
  return args;
}

/**
 * Reads tmux's output back. Null when the pane list itself is missing (no tmux server, or it
 * failed): nothing is known then. A list cut short (a pane vanished between the list and its
 * capture, which stops tmux at that command) gives the screens up to there.
 */
export function parseSweep(stdout: string, nonce: string, paneIds: readonly string[]): PaneSweep | null {
  const lines = stdout.split('\n');
  const listed = lines.indexOf(`${nonce}:listed`);
  if (listed < 0) return null;
  const panes: SweptPane[] = [];
  for (const line of lines.slice(0, listed)) {
    const [mark, paneId, agentId, fallback, dead, inMode, ...cwd] = line.split('\t');
    if (mark !== nonce || !paneId || !agentId) continue;
    panes.push({ paneId, agentId, dialogs: dialogDutyOf(fallback), dead: dead === '1', inMode: inMode === '1', cwd: cwd.join('\t') });
  }
  // Screens come in the order asked. A marker naming another pane means the pane went between
  // its capture and its marker (tmux then names some other pane): nothing after it is trusted.
  const screens = new Map<string, string>();
  let screen: string[] = [];
  let next = 0;
  for (const line of lines.slice(listed + 1)) {
    if (!line.startsWith(`${nonce}:`)) {
      screen.push(line);
      continue;
    }
    const paneId = paneIds[next++];
    if (paneId === undefined || line !== `${nonce}:${paneId}`) break;
    screens.set(paneId, screen.join('\n').replace(/\s+$/, ''));
    screen = [];
  }
  return { panes, screens };
}

export async function sweepPanes(tmux: Tmux, nonce: string, paneIds: readonly string[]): Promise<PaneSweep | null> {
  let stdout: string;
  try {
    stdout = await tmux.run(sweepArgs(nonce, paneIds));
  } catch (err) {
    if (!(err instanceof TmuxError)) throw err;
    stdout = err.stdout;
  }
  return parseSweep(stdout, nonce, paneIds);
}
