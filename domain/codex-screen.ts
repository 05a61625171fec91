// Recognising what the Codex CLI (0.171.0, docs/agent-clis.md) shows in its pane: its idle
// input box, and the "Folder access" screen it puts up before that in a folder it does not trust.

/** The hint under Codex's input box while the box is empty. */
const IDLE_FOOTER = '? for shortcuts';
/**
 * Part of the footer once Codex has started its session: absent from the input box it draws
 * first, while "Waiting for startup" (text typed then is held, and the Folder access screen
 * that comes up next would take its Enter).
 */
const STARTED_FOOTER = '← for agents';

/**
 * Codex is ready once it has drawn its input line (`›` and a placeholder, or nothing) and the
 * shortcuts hint under it. The Folder access screen also draws `›` (before its first option),
 * so that screen never counts as ready.
 */
export function codexIsReady(pane: string): boolean {
  if (codexAsksFolderAccess(pane)) return false;
  const lines = pane.split('\n').map((line) => line.trimEnd());
  const box = lines.findLastIndex((line) => line.startsWith('›'));
  if (box < 0) return false;
  return lines.slice(box + 1).some((line) => line.includes(IDLE_FOOTER));
}

/**
 * Codex has finished starting: its idle input box with the footer of a started session. Seen
 * after the Folder access screen was answered and after each turn; in a trusted folder the
 * footer gains it only after the first turn, so orc, whose workspaces are untrusted, waits for it.
 */
export function codexHasStarted(pane: string): boolean {
  if (!codexIsReady(pane)) return false;
  const lines = pane.split('\n');
  const box = lines.findLastIndex((line) => line.startsWith('›'));
  return lines.slice(box + 1).some((line) => line.includes(STARTED_FOOTER) && line.includes(IDLE_FOOTER));
}

/**
 * The screen Codex shows on start in a folder whose trust level is `untrusted` (orc's choice, so
 * config, hooks and exec policies an agent writes into its workspace's `.codex/` never apply):
 * its first option, highlighted, is "1. Open restricted" (or, resuming a session with
 * `codex resume --last`, "1. Open existing task"), taken with Enter.
 */
export function codexAsksFolderAccess(pane: string): boolean {
  const lines = pane.split('\n').map((line) => line.trim());
  return lines.includes('Folder access') && lines.some((line) => /^(?:›\s*)?1\. Open (?:restricted|existing task)$/.test(line));
}
