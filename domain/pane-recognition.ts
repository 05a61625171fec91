// Recognising what an agent CLI is showing, from the text of its pane.

/**
 * Claude Code is ready once it has drawn its input line (`❯` and a no-break space) and its
 * footer; an Enter sent before that is lost (observed with 2.1.328, see testing/CLAUDE-CODE-NOTES.md).
 */
export function claudeCodeIsReady(pane: string): boolean {
  // trimEnd also strips the no-break space, leaving just the chevron while the box is empty.
  const hasInputLine = pane.split('\n').some((line) => line.trimEnd() === '❯');
  const hasFooter = READY_FOOTERS.some((footer) => pane.includes(footer));
  return hasInputLine && hasFooter;
}

/**
 * What Claude Code's footer says under its input box: the shortcuts hint, or the permission mode
 * it runs in (`⏵⏵ accept edits on (shift+tab to cycle)` with --permission-mode acceptEdits, seen
 * with 2.1.328; plan and bypass modes print their mode the same way).
 */
const READY_FOOTERS = ['? for shortcuts', 'manual mode on', 'accept edits on', 'plan mode on', 'bypass permissions on'];

const INPUT_BOX_RULE = /^─{10,}$/;

/**
 * Claude Code's turn ended by a "No" in its permission dialog (or Esc while it worked): the
 * last thing above its input box is its "Interrupted" line. Its Stop hook does not fire then,
 * so the screen is the only place that says the agent now waits for someone to type.
 */
export function claudeCodeWasInterrupted(pane: string): boolean {
  const lines = pane.split('\n').map((line) => line.trimEnd());
  const rules = lines.flatMap((line, i) => (INPUT_BOX_RULE.test(line) ? [i] : []));
  // The input box is drawn between two rules; what is above the upper one is the conversation.
  const top = rules.at(-2);
  if (top === undefined) return false;
  const above = lines.slice(0, top).findLast((line) => line.trim() !== '');
  return above?.includes('Interrupted · What should Claude do instead?') ?? false;
}

/**
 * Lines of a message that show on the pane once it is submitted: its first line, as a shell or
 * REPL echoes it, and its last. A long message pushes its first line off a screen that the
 * program redraws in place (Claude Code does) and out of reach of the scrollback too, so its
 * last line is what is still there to see.
 */
export function echoProbes(text: string): string[] {
  const lines = text
    .split('\n')
    .map((line) => line.trim().slice(0, 120))
    .filter((line) => line !== '');
  const [first, last] = [lines[0], lines.at(-1)];
  return first === undefined || last === undefined ? [] : [...new Set([first, last])];
}
