// A dialog that holds an agent and that orc cannot answer: Claude Code's trust or "New MCP
// server found" screens when a setting did not prevent them, an update prompt, a y/n question of
// some other CLI. Recognised by its shape at the bottom of the screen: a question, and under it a
// menu with a cursor (`❯ Continue without using this MCP server`) or numbered options, or a line
// ending in `[y/N]` or "press Enter to continue". Never one of these: a permission dialog orc
// reads (dialog-recognition.ts answers those through orc's rules and people), Claude Code's idle
// prompt, or its input box while it works (both end with the box and its footer, not a menu).
// The screen staying unchanged for a few seconds (the watcher's part) is what makes it `blocked`.
import { recognizeDialog } from './permissions/dialog-recognition.ts';
import { claudeCodeIsReady } from './pane-recognition.ts';
import { withoutControlCharacters } from './control-characters.ts';

/** How long a dialog's screen must stay unchanged before the agent counts as blocked. */
export const BLOCKED_AFTER_MS = 5_000;

export interface BlockingDialog {
  /** Its first line (the question or title), for `blocked (dialog: <title>)`. */
  title: string;
  /** The dialog as the pane shows it, from its title to its key hints, for a person to read. */
  text: string;
}

/** Key hints drawn under a menu (Claude Code: `Enter to confirm · Esc to cancel`). */
const HINT = /^(?:enter to \w+|esc to \w+|press (?:enter|esc|return|any key)\b|tab to \w+|space to \w+|↑\/↓|↑↓)/i;
/** A line of box drawing only. */
const BOX = /^[─━═╌│┃╭╮╰╯┌┐└┘\s]+$/;
/** The rule above a dialog, or the top of its box. */
const TOP = /^\s*(?:[─━═╌]{10,}|[╭┌][─━]+)/;
const CURSOR = /^[❯›>▶→●]\s*\S/;
/** A shell's or REPL's prompt with what was typed at it: what came before a dialog, not part of it. */
const PROMPT = /^[>$#%❯›]\s/;
const NUMBERED = /^(?:[❯›>▶→●]\s*)?(\d{1,2})\.\s+\S/;
const YES_NO = /(?:\[(?:y\/n|yes\/no)\]|\((?:y\/n|yes\/no)\))\s*[:?]?\s*$/i;
const PRESS_ON = /press (?:enter|return|any key) to continue\W*$/i;
/** How far above its options a dialog's title may be. */
const MAX_DIALOG_LINES = 24;
const MAX_MENU_OPTIONS = 12;
const MAX_LINE = 300;

/** A line without the box around it and the terminal's control characters; its indentation kept. */
const clean = (line: string) => withoutControlCharacters(line.replace(/^(\s*)[│┃]/, '$1').replace(/[│┃]\s*$/, '')).trimEnd();
const blank = (line: string | undefined) => line === undefined || line.trim() === '';
const indentOf = (line: string) => line.length - line.trimStart().length;

/**
 * The options at the bottom of a block of lines (`block` ends at the last option): the lines
 * around its one cursor line indented as far as the cursor's text (Claude Code's menus), or
 * options numbered 1, 2, … from the top. Null when they are not a menu.
 */
function menuStart(lines: readonly string[], end: number): number | null {
  let start = end;
  while (start > 0 && NUMBERED.test((lines[start - 1] ?? '').trim())) start--;
  const numbered = lines.slice(start, end).map((line) => Number(NUMBERED.exec(line.trim())?.[1]));
  if (end - start >= 2 && end - start <= MAX_MENU_OPTIONS && numbered.every((n, i) => n === i + 1)) return start;
  let top = end;
  while (top > 0 && !blank(lines[top - 1]) && end - top < MAX_MENU_OPTIONS + 1) top--;
  const cursorAt = lines.slice(top, end).findIndex((line) => CURSOR.test(line.trim()));
  if (cursorAt < 0) return null;
  const cursorLine = lines[top + cursorAt] ?? '';
  const textColumn = indentOf(cursorLine) + (/^\s*\S\s*/.exec(cursorLine)?.[0].length ?? 0) - indentOf(cursorLine);
  const isOption = (line: string) => CURSOR.test(line.trim()) || indentOf(line) === textColumn;
  if (!lines.slice(top + cursorAt, end).every(isOption)) return null;
  start = top + cursorAt;
  while (start > top && isOption(lines[start - 1] ?? '') && !CURSOR.test((lines[start - 1] ?? '').trim())) start--;
  const count = end - start;
  return count >= 2 && count <= MAX_MENU_OPTIONS && lines.slice(start, end).filter((line) => CURSOR.test(line.trim())).length === 1 ? start : null;
}

/** From `end` (exclusive) upwards: the dialog's lines up to the rule above it, two blank lines, or the top. */
function dialogStart(lines: readonly string[], end: number): number {
  let start = end;
  let blanks = 0;
  while (start > 0 && end - start < MAX_DIALOG_LINES) {
    const line = lines[start - 1] ?? '';
    if (TOP.test(line) || PROMPT.test(line.trim())) break;
    if (blank(line)) {
      if (++blanks >= 2) break;
    } else blanks = 0;
    start--;
  }
  while (start < end && blank(lines[start])) start++;
  return start;
}

/** The blocking dialog at the bottom of a pane's screen, or null when it shows none. */
export function recognizeBlockingDialog(screen: string): BlockingDialog | null {
  if (recognizeDialog(screen) !== null || claudeCodeIsReady(screen)) return null;
  const lines = screen.split('\n').map(clean);
  let end = lines.length;
  while (end > 0 && blank(lines[end - 1])) end--;
  const question = (lines[end - 1] ?? '').trim();
  const below = (line: string) => blank(line) || HINT.test(line.trim()) || BOX.test(line);
  while (end > 0 && below(lines[end - 1] ?? '')) end--;
  // What a person reads: the dialog from its first line down to its key hints, one blank line at most in a row.
  const shown = (from: number) =>
    lines
      .slice(from)
      .map((line) => line.trim().slice(0, MAX_LINE))
      .filter((line, i, all) => !(line === '' && (i === 0 || all[i - 1] === '')))
      .join('\n')
      .trim();
  if (YES_NO.test(question) || PRESS_ON.test(question)) return { title: question.slice(0, MAX_LINE), text: question.slice(0, MAX_LINE) };
  const options = menuStart(lines, end);
  if (options === null) return null;
  // A menu with nothing above it (Claude Code's completions under its input box) asks nothing.
  const first = dialogStart(lines, options);
  if (first === options) return null;
  return { title: (lines[first] ?? '').trim().slice(0, MAX_LINE), text: shown(first) };
}
