// An agent's screen as a stream of frames (the pane's text with its colour escapes), for the
// dashboard's live terminal. When the agent runs on this server's host, the web server reads the
// pane itself with a read-only `tmux capture-pane` on the worker's tmux server: reading is cheap
// and changes nothing, whereas asking the workflow (its capture update) would write to the
// workflow's history several times a second for as long as someone watches. Only for an agent
// on another host, which this server's tmux cannot see, is the workflow asked, once a second.
import { setTimeout as sleep } from 'node:timers/promises';
import { AGENT_PANE_OPTION } from '$host/tmux/agent-pane.ts';
import { createTmux, type Tmux } from '$host/tmux/tmux.ts';
import { formatAgentRef, type AgentRef } from '$domain/names.ts';
import type { Services } from '../services.ts';
import { capped, type SubscriptionCap } from '../limits/subscription-caps.ts';
import { findAgent } from './agent-registry.ts';
import { capturePane } from './agent-control.ts';

export interface ScreenFrame {
  /** The visible screen, lines joined by CRLF, with the terminal's colour escapes. */
  screen: string;
  /** The pane's size, so the browser's terminal wraps exactly as the agent's does; null when unknown. */
  cols: number | null;
  rows: number | null;
  /** Why there is no screen to show (agent stopped, pane gone, host unreachable); null when there is. */
  problem: string | null;
}

const LOCAL_INTERVAL_MS = 300;
const REMOTE_INTERVAL_MS = 1000;
const REMOTE_LINES = 60;

/** The pane of `agentId` on this host's tmux server, found by the option the worker marks it with. */
async function findPane(tmux: Tmux, agentId: string): Promise<{ paneId: string; cols: number; rows: number } | null> {
  let listing: string;
  try {
    listing = await tmux.run(['list-panes', '-a', '-F', `#{pane_id}\t#{pane_width}\t#{pane_height}\t#{${AGENT_PANE_OPTION}}`]);
  } catch {
    return null; // no tmux server: no panes
  }
  for (const line of listing.split('\n')) {
    const [paneId, cols, rows, owner] = line.split('\t');
    if (paneId && owner === agentId) return { paneId, cols: Number(cols), rows: Number(rows) };
  }
  return null;
}

/** tmux ends every line with LF; a terminal needs CR LF, and no newline after the last line (it would scroll). */
const toTerminalText = (captured: string) => captured.replace(/\n$/, '').replace(/\n/g, '\r\n');

async function readLocal(tmux: Tmux, agentId: string): Promise<ScreenFrame> {
  const pane = await findPane(tmux, agentId);
  if (!pane) return { screen: '', cols: null, rows: null, problem: `no tmux pane for ${agentId} on this host (the agent is not running)` };
  try {
    const captured = await tmux.run(['capture-pane', '-p', '-e', '-J', '-t', pane.paneId]);
    return { screen: toTerminalText(captured), cols: pane.cols, rows: pane.rows, problem: null };
  } catch (err) {
    return { screen: '', cols: null, rows: null, problem: err instanceof Error ? err.message : String(err) };
  }
}

async function readRemote(services: Services, ref: AgentRef): Promise<ScreenFrame> {
  try {
    const { text } = await capturePane(services, ref, REMOTE_LINES);
    return { screen: toTerminalText(text), cols: null, rows: null, problem: null };
  } catch (err) {
    return { screen: '', cols: null, rows: null, problem: err instanceof Error ? err.message : String(err) };
  }
}

const sameFrame = (a: ScreenFrame, b: ScreenFrame) => a.screen === b.screen && a.cols === b.cols && a.rows === b.rows && a.problem === b.problem;

/** Frames of the agent's screen until `signal` aborts: the first at once, then one each time it changes. */
export async function* screenFrames(services: Services, ref: AgentRef, signal: AbortSignal | undefined): AsyncGenerator<ScreenFrame> {
  const agentId = formatAgentRef(ref);
  const row = await findAgent(services.db, ref);
  const local = services.config.sharesWorkerTmux && (!row || row.host === services.config.defaultHost);
  const tmux = createTmux(services.config.tmuxSocket);
  const read = () => (local ? readLocal(tmux, agentId) : readRemote(services, ref));
  const interval = local ? LOCAL_INTERVAL_MS : REMOTE_INTERVAL_MS;
  let last: ScreenFrame | null = null;
  while (!signal?.aborted) {
    const frame = await read();
    if (!last || !sameFrame(last, frame)) {
      last = frame;
      yield frame;
    }
    try {
      await sleep(interval, undefined, signal ? { signal } : {});
    } catch {
      return; // aborted: the browser went away
    }
  }
}

/** A person watches an agent or two, in a tab each; a token with more open is a leak or a flood. */
export const SCREENS_PER_TOKEN: SubscriptionCap = { what: 'live screens', perToken: 4 };

/** `screenFrames` for the API: at most SCREENS_PER_TOKEN at once per token. */
export function watchScreen(services: Services, ref: AgentRef, signal: AbortSignal | undefined, tokenId: string): AsyncGenerator<ScreenFrame> {
  return capped(SCREENS_PER_TOKEN, tokenId, () => screenFrames(services, ref, signal));
}
