// Claude Code's row of the controls table (agent-controls.ts): the keys and slash commands
// that interrupt it, switch its permission mode, compact, clear and switch its model, and the
// screen text that confirms each. Observed on 2.1.328 in a 200x50 tmux pane (see
// testing/CLAUDE-CODE-NOTES.md, "Agent controls").
import type { KindControls } from './agent-control-plans.ts';
import type { ControlPlan, PermissionMode } from './agent-controls.ts';
import { recognizeDialog } from './permissions/dialog-recognition.ts';

const INPUT_BOX_RULE = /^─{10,}$/;
const PROMPT = /^❯[ \u00a0]/;

/** The screen cut where Claude Code draws its input box between two rules: the conversation above, the footer below. */
function regions(pane: string): { conversation: string[]; input: string[]; footer: string[] } | null {
  const lines = pane.split('\n').map((line) => line.trimEnd());
  const rules = lines.flatMap((line, i) => (INPUT_BOX_RULE.test(line) ? [i] : []));
  const [top, bottom] = [rules.at(-2), rules.at(-1)];
  if (top === undefined || bottom === undefined) return null;
  return { conversation: lines.slice(0, top), input: lines.slice(top + 1, bottom), footer: lines.slice(bottom + 1).filter((line) => line.trim() !== '') };
}

/** Its footer while a turn runs: `⏸ manual mode on · esc to interrupt · ← for agents`. */
export const WORKING_FOOTER = 'esc to interrupt';

export function claudeCodeIsWorking(pane: string): boolean {
  return regions(pane)?.footer.some((line) => line.includes(WORKING_FOOTER)) ?? false;
}

/**
 * The footer of each permission mode (shift+tab cycles default → acceptEdits → plan → auto →
 * default; bypassPermissions only when launched allowing it).
 */
export const MODE_FOOTERS: Record<PermissionMode, string> = {
  default: '⏸ manual mode on',
  acceptEdits: '⏵⏵ accept edits on',
  plan: '⏸ plan mode on',
  auto: '⏵⏵ auto mode on',
  bypassPermissions: 'bypass permissions on',
};

/** The permission mode its footer shows, or null when no footer is drawn (a dialog or menu is up). */
export function claudeCodeMode(pane: string): PermissionMode | null {
  const footer = regions(pane)?.footer.join('\n') ?? '';
  for (const [mode, text] of Object.entries(MODE_FOOTERS) as [PermissionMode, string][]) if (footer.includes(text)) return mode;
  return null;
}

const normal = (line: string) => line.replace(/\u00a0/g, ' ');

/** The conversation's lines after the last time `typed` was submitted (`❯ /compact`), or null when it was not. */
function afterSubmitted(pane: string, typed: string): string[] | null {
  const conversation = regions(pane)?.conversation ?? [];
  const at = conversation.map(normal).findLastIndex((line) => line === `❯ ${typed}`);
  return at === -1 ? null : conversation.slice(at + 1).filter((line) => line.trim() !== '');
}

const resultLine = (lines: string[], text: string) => lines.find((line) => line.includes(text))?.trim();

/** A typed command needs the CLI at its empty prompt: no dialog up, no turn running, nothing typed. */
function notAtPrompt(pane: string): string | null {
  const dialog = dialogOpen(pane);
  if (dialog !== null) return dialog;
  if (regions(pane) === null) return 'its screen shows no input box (a menu or dialog of its own is open); see it with orc capture';
  if (claudeCodeIsWorking(pane)) return 'Claude Code is working (its footer shows "esc to interrupt"); interrupt it first or wait for its turn to end';
  if (inputHoldsText(pane)) return 'its input box holds typed text, which the command would join; clear it first';
  return null;
}

function dialogOpen(pane: string): string | null {
  return recognizeDialog(pane) === null ? null : 'a permission dialog is open on its screen; answer it first (orc approvals)';
}

/** Typed commands answer on the line under their echo; Claude Code's errors start with "Error:". */
function commandFailure(after: string[]): string | null {
  const line = resultLine(after, 'Error:');
  return line === undefined ? null : `Claude Code answered: ${line.replace(/^⎿\s*/, '')}`;
}

/** The input box's lines (its first starts with `❯`), or null when none is drawn. */
function inputLines(pane: string): string[] | null {
  return regions(pane)?.input.map(normal) ?? null;
}

const inputHoldsText = (pane: string) => {
  const input = inputLines(pane);
  return input !== null && input.join('\n').trim() !== '❯';
};

const interrupt = (): ControlPlan => ({
  how: 'press',
  what: 'interrupted its turn (Esc)',
  refuseWhen: (pane) => dialogOpen(pane) ?? (claudeCodeIsWorking(pane) ? null : `Claude Code is not working (its footer has no "${WORKING_FOOTER}"): there is nothing to interrupt`),
  keys: ['Escape'],
  // It sends no Stop hook: the screen is the only witness. It shows "Interrupted · What should
  // Claude do instead?" under the turn, or, when nothing was answered yet, takes the prompt off
  // the conversation and puts it back in the input box.
  outcome: (pane) => (claudeCodeIsWorking(pane) ? null : true),
  // An Esc that lands while a request is only starting can go unheeded: pressed again while the
  // footer still says it works (never when idle: a second Esc there opens its rewind menu).
  repress: { everyMs: 3_000, max: 3, still: claudeCodeIsWorking },
  // A prompt put back would be joined to orc's next message: ctrl+u deletes a line's text, and
  // a second one the line break before it.
  tidy: { needed: inputHoldsText, keys: (pane) => Array.from({ length: 2 * (inputLines(pane)?.length ?? 1) + 1 }, () => 'C-u'), what: 'cleared the unanswered prompt it put back in its input box' },
  timeoutMs: 12_000,
});

const REFUSED_MODES: Partial<Record<PermissionMode, string>> = {
  auto: 'orc does not switch agents to auto mode: Claude Code would then approve its own tool uses, past orc\'s rules and people',
  bypassPermissions: 'orc does not switch agents to bypassPermissions: Claude Code would then ask nobody before any tool use',
};

const mode = ({ mode: want }: { mode: PermissionMode }): ControlPlan | { refused: string } => {
  const refused = REFUSED_MODES[want];
  if (refused !== undefined) return { refused };
  return {
    how: 'cycle',
    what: `switched to ${want} mode (shift+tab)`,
    refuseWhen: (pane) =>
      dialogOpen(pane) ??
      (claudeCodeIsWorking(pane) ? 'Claude Code is working and takes no shift+tab then; interrupt it first or wait for its turn to end' : null) ??
      (claudeCodeMode(pane) === null ? 'its footer shows no permission mode (a menu or dialog of its own is open); see it with orc capture' : null),
    key: 'BTab',
    read: claudeCodeMode,
    want,
    // Four modes in the cycle: the fifth press would be back where it started.
    maxPresses: 4,
    pressTimeoutMs: 3_000,
  };
};

const compact = (): ControlPlan => ({
  how: 'press',
  what: 'compacted its conversation (/compact)',
  refuseWhen: notAtPrompt,
  text: '/compact',
  keys: ['Enter'],
  outcome: (pane) => {
    const after = afterSubmitted(pane, '/compact');
    if (after === null || claudeCodeIsWorking(pane)) return null;
    if (resultLine(after, 'Compacted') !== undefined) return true;
    const notEnough = resultLine(after, 'Not enough messages to compact');
    return notEnough !== undefined ? `Claude Code answered: ${notEnough.replace(/^⎿\s*/, '')}` : commandFailure(after);
  },
  // It asks the model for a summary: as long as a turn can take.
  timeoutMs: 50_000,
});

const clear = (): ControlPlan => ({
  how: 'press',
  what: 'cleared its conversation (/clear)',
  refuseWhen: notAtPrompt,
  text: '/clear',
  keys: ['Enter'],
  // The screen is redrawn with only the command's own echo left of the conversation.
  outcome: (pane) => {
    const prompts = (regions(pane)?.conversation ?? []).map(normal).filter((line) => PROMPT.test(line));
    return prompts.length === 1 && prompts[0] === '❯ /clear' && !claudeCodeIsWorking(pane) ? true : null;
  },
  timeoutMs: 10_000,
});

/** `/model <name>` after a turn asks first: "Switch model?" with `❯ 1. Yes, switch to <model>` highlighted. */
const SWITCH_MODEL_QUESTION = 'Switch model?';
export const UNKNOWN_MODEL = "Claude Code doesn't recognize the model";

const model = ({ model: name }: { model: string }): ControlPlan => ({
  how: 'press',
  what: `switched its model (/model ${name})`,
  refuseWhen: notAtPrompt,
  text: `/model ${name}`,
  keys: ['Enter'],
  confirm: { shows: (pane) => pane.includes(SWITCH_MODEL_QUESTION) && /❯ 1\. Yes, switch to /.test(normal(pane)), keys: ['Enter'] },
  // A name it does not know is set all the same ("Set model to …"), with a warning above its
  // input box that it assumes a context window (UNKNOWN_MODEL): the outcome's screen shows it.
  outcome: (pane) => {
    const after = afterSubmitted(pane, `/model ${name}`);
    if (after !== null && resultLine(after, 'Set model to') !== undefined) return true;
    return after === null ? null : commandFailure(after);
  },
  timeoutMs: 10_000,
});

export const claudeCodeControls: KindControls = { interrupt, mode, compact, clear, model };
