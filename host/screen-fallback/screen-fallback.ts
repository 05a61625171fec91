// The screen fallback's answer to one permission dialog seen in the pane of an agent without
// hooks. The dialog becomes the PermissionRequest the agent's own hook would have sent, posted
// to this server's hook endpoint with the agent's own token, so it is judged by the same rules,
// recorded the same way, and, when no rule decides, waits for a person (`orc approvals`,
// `orc approve`) just as long. The answer's key is then pressed in the dialog, if it is still
// the live one. When nobody answered in time the dialog is left showing: a person's later
// `orc approve` reaches it through the agent's workflow (dialog-activities.ts).
//
// Why straight from the worker and not through the agent's workflow: the decision lives on the
// server (rules, records, the wait for a person), and the key must be pressed on this host.
// A workflow in between would add two task round trips to every rule-decided dialog and gain
// nothing durable: if the worker dies mid-way, the dialog is still on screen and is taken up
// again when the worker comes back. The workflow still hears of it: the hook endpoint tells it
// when a request waits for a person, and the watcher when the dialog has gone.
import { recognizeDialog, type DialogOption, type PermissionDialog } from '../../domain/permissions/dialog-recognition.ts';
import { dialogRequest } from '../../domain/permissions/dialog-request.ts';
import { HOOK_EVENTS } from '../claude-settings.ts';
import { describePress, pressDecision, pressOption } from './dialog-keys.ts';
import { dialogSignature } from './dialog-tracker.ts';
import { readPane, sleep } from '../tmux/pane-reading.ts';
import type { FallbackAccess } from './screen-fallback-access.ts';
import type { Tmux } from '../tmux/tmux.ts';

export interface ScreenFallbackDeps {
  tmux: Tmux;
  log: (line: string) => void;
}

export interface DialogPane {
  paneId: string;
  agentId: string;
  /** Where the pane's program works, for relative paths; the agent's workspace when unknown. */
  cwd: string;
}

/**
 * `pressed`: the decision's key went in. `unanswered`: nothing was pressed, and rightly so (no
 * decision in time, a dialog orc cannot read, it changed meanwhile). `retry`: asking failed before
 * anything was decided; the dialog may be taken up again.
 */
export type FallbackOutcome = 'pressed' | 'unanswered' | 'retry';

/** Longer than any wait for a person (ORC_APPROVAL_WAIT_MS is at most 28 s). */
const ASK_TIMEOUT_MS = 40_000;
const CHECK_EVERY_MS = 50;
const PRESS_AGAIN_AFTER_MS = 300;
const MAX_PRESSES = 5;

/** Tells orc the agent's dialog has closed, so a request left to it is closed too (the workflow is told apart). */
export async function reportDialogClosed(access: FallbackAccess): Promise<void> {
  const response = await fetch(`${access.orcUrl.replace(/\/$/, '')}/hooks/claude/dialog-closed`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${access.token}` },
    body: '{}',
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`orc answered HTTP ${response.status}`);
}

type HookReply = { hookSpecificOutput?: { decision?: { behavior?: unknown } } };

export async function answerFromScreen(deps: ScreenFallbackDeps, pane: DialogPane, access: FallbackAccess | null, dialog: PermissionDialog): Promise<FallbackOutcome> {
  const seenAt = performance.now();
  const what = `${pane.agentId}: ${dialog.cli} dialog about ${JSON.stringify(dialog.subject ?? '?')}`;
  const say = (line: string) => deps.log(`screen fallback: ${what}: ${line}`);
  if (access === null) {
    say('this host has no access for the agent (started by an older orc?); left to the person at the pane');
    return 'unanswered';
  }
  const request = dialogRequest(dialog, pane.cwd || access.workDir);
  if (request === null) {
    say('orc cannot tell what it asks; left to the person at the pane');
    return 'unanswered';
  }
  let reply: HookReply;
  try {
    const response = await fetch(`${access.orcUrl.replace(/\/$/, '')}/hooks/claude/${HOOK_EVENTS.PermissionRequest}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${access.token}` },
      body: JSON.stringify({
        hook_event_name: 'PermissionRequest',
        tool_name: request.toolName,
        tool_input: request.toolInput,
        cwd: pane.cwd || access.workDir,
        orc_screen: { cli: dialog.cli, multiline: request.multiline },
      }),
      signal: AbortSignal.timeout(ASK_TIMEOUT_MS),
    });
    // Too many calls on the agent's token just now (rate-limit.ts): nothing was decided; ask again later.
    if (response.status === 429) throw new Error(`HTTP 429 ${(await response.text()).slice(0, 200)}`);
    if (response.status >= 400 && response.status < 500) {
      say(`orc refused the request (${response.status} ${(await response.text()).slice(0, 200)}); left to the person at the pane`);
      return 'unanswered';
    }
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    reply = (await response.json()) as HookReply;
  } catch (err) {
    say(`could not ask orc (${err instanceof Error ? err.message : String(err)}); will ask again`);
    return 'retry';
  }
  const askedMs = Math.round(performance.now() - seenAt);
  const behavior = reply.hookSpecificOutput?.decision?.behavior;
  if (behavior !== 'allow' && behavior !== 'deny') {
    say('no decision in time; the dialog stays, and a late `orc approve` or `orc deny` answers it');
    return 'unanswered';
  }
  const decided = behavior === 'allow' ? 'allowed' : 'denied';
  const outcome = await pressDecision(deps.tmux, pane.paneId, behavior, request.subject);
  if (outcome.option === null) {
    say(`${decided}, but ${outcome.detail}`);
    return 'unanswered';
  }
  const pressedMs = Math.round(performance.now() - seenAt);
  const presses = await pressUntilTaken(deps.tmux, pane.paneId, outcome.dialog, outcome.option);
  const pressed = `pressed ${describePress(outcome.dialog, outcome.option)}`;
  if (presses === null) {
    say(`${decided}; ${pressed}, but the dialog still shows ${PRESS_AGAIN_AFTER_MS} ms after the last press; left to the person at the pane`);
    return 'unanswered';
  }
  say(`${decided} (orc answered in ${askedMs} ms); ${pressed} ${pressedMs} ms after the dialog was seen${presses > 1 ? ` (${presses} times: the CLI ignored the first)` : ''}`);
  return 'pressed';
}

/**
 * A CLI may ignore keys for a moment after it draws a dialog (Claude Code drops those that
 * come within about a tenth of a second, against answers typed by accident), and the screen
 * fallback can be that quick. So the pane is watched after the key: while the very same dialog
 * still shows, the same key is pressed again, a few times at most. This finishes the one
 * answer; it never answers another dialog. A CLI that reads a line (Aider) loses no keys, and a
 * second "y" and Enter could land in its next prompt: it is pressed once. The number of presses
 * it took, or null.
 */
async function pressUntilTaken(tmux: Tmux, paneId: string, dialog: PermissionDialog, option: DialogOption): Promise<number | null> {
  if (dialog.keyThenEnter) return 1;
  const signature = dialogSignature(dialog);
  let presses = 1;
  let pressedAt = Date.now();
  for (;;) {
    await sleep(CHECK_EVERY_MS);
    const now = recognizeDialog(await readPane(tmux, paneId).catch(() => ''));
    if (now === null || dialogSignature(now) !== signature) return presses;
    if (Date.now() - pressedAt < PRESS_AGAIN_AFTER_MS) continue;
    if (presses >= MAX_PRESSES) return null;
    await pressOption(tmux, paneId, dialog, option);
    presses++;
    pressedAt = Date.now();
  }
}
