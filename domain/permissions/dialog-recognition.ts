// Recognises an agent CLI's own permission dialog in the text of its pane (CLAUDE-CODE.md §2),
// so orc can answer it by pressing a key when its hook path gave up. Only a LIVE dialog counts:
// its options must be the last thing on the screen (a footer such as "Esc to cancel" aside).
// A dialog that scrolled up is an old, answered one, and pressing a digit there would type
// into whatever is live now.

export type DialogCli = 'claude-code' | 'codex' | 'gemini' | 'aider';
export type OptionMeaning = 'allow-once' | 'allow-always' | 'deny';

export interface DialogOption {
  /** What to press: the digit of a numbered option, or the letter Aider asks for. */
  key: string;
  label: string;
  meaning: OptionMeaning;
}

export interface PermissionDialog {
  cli: DialogCli;
  /** Claude Code's tool name where the dialog says (Bash, Write, Edit, WebFetch); else the dialog's own word. */
  tool: string | null;
  /** The command, file or domain the dialog asks about, as shown; null when it shows none orc can read. */
  subject: string | null;
  options: DialogOption[];
  /** The CLI reads a whole line (Aider): the key is followed by Enter. Menus take the key alone. */
  keyThenEnter: boolean;
}

const OPTION_LINE = /^(?:[❯›>●○]\s*)?(\d{1,2})\.\s+(\S.*)$/;
const SEPARATOR = /^╌{3,}$/;
/** Lines allowed below a live dialog's options: its key hints and the box around it. */
const FOOTER = /^(?:Esc to cancel\b.*|Press (?:enter|esc)\b.*|[─━╌═╰╯╭╮└┘┌┐│\s]*)$/i;
/** Lines one option's label may wrap onto (Codex repeats a long command in its "don't ask again" option). */
const MAX_WRAPPED_LINES = 4;
/** How far above the options the title of a dialog may be. */
const LOOK_BACK = 40;

const CLAUDE_TITLES: ReadonlyMap<string, string> = new Map([
  ['Bash command', 'Bash'],
  ['Create file', 'Write'],
  ['Edit file', 'Edit'],
  ['Overwrite file', 'Write'],
  ['Fetch', 'WebFetch'],
]);

/**
 * A line without the box or side panel around it: a leading `│`, and anything from a `│`
 * standing after a gap (a side panel drawn at the right, or the box's right edge).
 */
function clean(line: string): string {
  let text = line.replace(/^\s*[│┃]/, '');
  const edge = text.search(/\s[│┃]/);
  if (edge >= 0) text = text.slice(0, edge);
  return text.trim();
}

function meaningOf(label: string, cli: DialogCli): OptionMeaning {
  if (/^No\b/i.test(label)) return 'deny';
  if (cli === 'aider' && /^Don.t ask again/i.test(label)) return 'deny';
  if (/don.t ask again|allow always|always allow|auto mode|accept edits|for this session|for all/i.test(label)) return 'allow-always';
  return 'allow-once';
}

function whichCli(labels: readonly string[]): DialogCli {
  const all = labels.join('\n');
  if (/tell Codex|\(y\)$/m.test(all)) return 'codex';
  if (/allow once|allow always/i.test(all)) return 'gemini';
  return 'claude-code';
}

/** Aider asks on one line at the bottom: `Run shell command? (Y)es/(N)o/(D)on't ask again [Yes]:`. */
function aiderDialog(lines: readonly string[]): PermissionDialog | null {
  const last = lines.at(-1) ?? '';
  const match = /^(.*\?)\s+(\(Y\)es\/[^[]*?)\s*(?:\[[^\]]*\])?:?$/.exec(last);
  if (!match?.[2]) return null;
  const options = match[2]
    .split('/')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const label = part.replace(/\(([A-Z])\)/, '$1');
      const key = (/\(([A-Z])\)/.exec(part)?.[1] ?? '').toLowerCase();
      return { key, label, meaning: meaningOf(label, 'aider') };
    });
  const question = match[1] ?? '';
  const shell = /shell command/i.test(question);
  const above = [...lines.slice(0, -1)].reverse().find((line) => line !== '');
  return { cli: 'aider', tool: shell ? 'Bash' : null, subject: shell && above !== undefined ? above : null, options, keyThenEnter: true };
}

function claudeSubject(above: readonly string[], titleAt: number, tool: string): string | null {
  const body = above.slice(titleAt + 1);
  if (tool === 'Bash') {
    const first = body.findIndex((line) => SEPARATOR.test(line));
    const second = body.findIndex((line, i) => i > first && SEPARATOR.test(line));
    if (first < 0 || second < 0) return null;
    return body.slice(first + 1, second).join('\n');
  }
  if (tool === 'WebFetch') {
    for (const line of body) {
      const domain = /fetch content from (\S+)/.exec(line)?.[1];
      if (domain) return domain;
    }
    return null;
  }
  return body.find((line) => line !== '') ?? null;
}

function numberedDialog(lines: readonly string[]): PermissionDialog | null {
  let end = lines.length;
  while (end > 0 && FOOTER.test(lines[end - 1] ?? '')) end--;
  // The options, upward from the last: a long label may wrap onto lines of its own between
  // two options (never below the last one, so a dialog that scrolled up is still not live).
  let start = end;
  let wrapped = 0;
  for (let i = end - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (OPTION_LINE.test(line)) {
      start = i;
      wrapped = 0;
    } else if (start < end && line !== '' && wrapped < MAX_WRAPPED_LINES) {
      wrapped++;
    } else {
      break;
    }
  }
  if (start === end) return null;
  const parsed: RegExpExecArray[] = [];
  const labels: string[] = [];
  for (const line of lines.slice(start, end)) {
    const match = OPTION_LINE.exec(line);
    if (match) {
      parsed.push(match);
      labels.push(match[2] ?? '');
    } else {
      labels[labels.length - 1] += ` ${line}`;
    }
  }
  // A dialog's options are numbered 1, 2, 3… from the top; anything else is a numbered list.
  if (!parsed.every((match, i) => Number(match[1]) === i + 1) || parsed.length < 2) return null;
  const cli = whichCli(labels);
  const options = labels.map((label, i) => ({ key: String(i + 1), label, meaning: meaningOf(label, cli) }));
  if (!options.some((o) => o.meaning === 'deny') || !options.some((o) => o.meaning === 'allow-once')) return null;
  const above = lines.slice(Math.max(0, start - LOOK_BACK), start);
  const question = [...above].reverse().find((line) => line !== '') ?? '';
  if (cli === 'claude-code') {
    if (!/^Do you want to\b.*\?$/.test(question)) return null;
    const titleAt = above.findLastIndex((line) => CLAUDE_TITLES.has(line));
    const tool = titleAt >= 0 ? (CLAUDE_TITLES.get(above[titleAt] ?? '') ?? null) : null;
    return { cli, tool, subject: tool === null ? null : claudeSubject(above, titleAt, tool), options, keyThenEnter: false };
  }
  if (cli === 'gemini') {
    const ask = [...above].reverse().map((line) => /^\?\s+(\S+)\s+(.*)$/.exec(line)).find((m) => m !== null);
    return { cli, tool: ask?.[1] ?? null, subject: ask?.[2]?.trim() ?? null, options, keyThenEnter: false };
  }
  // Codex wraps a long command onto the lines below its `$` line: all of it is the subject, so
  // the rule engine never judges the first line of a longer command. The lines stay apart: a
  // wrap may have cut a word, so no rule allows a command read over several lines (a person does).
  const at = above.findLastIndex((line) => /^\$\s+/.test(line));
  const command = at < 0 ? null : [(above[at] ?? '').replace(/^\$\s+/, ''), ...above.slice(at + 1).filter((line) => line !== '')].join('\n');
  return { cli, tool: command === null ? null : 'Bash', subject: command, options, keyThenEnter: false };
}

/** The live permission dialog at the bottom of `paneText`, or null when there is none. */
export function recognizeDialog(paneText: string): PermissionDialog | null {
  const lines = paneText.split('\n').map(clean);
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  if (lines.length === 0) return null;
  return numberedDialog(lines) ?? aiderDialog(lines);
}

const squeeze = (text: string) => text.replace(/\s+/g, '');

/**
 * Whether the dialog asks about `subject` (a request's command, file path or URL). Dialogs
 * wrap long commands and show files relative to the project, so commands are compared without
 * whitespace and paths by their ending.
 */
export function dialogShows(dialog: PermissionDialog, subject: string): boolean {
  const shown = dialog.subject;
  if (shown === null || shown.trim() === '') return false;
  if (squeeze(shown) === squeeze(subject)) return true;
  if (dialog.tool === 'WebFetch') {
    try {
      return new URL(subject).hostname.toLowerCase() === shown.toLowerCase();
    } catch {
      return false;
    }
  }
  if (dialog.tool === 'Write' || dialog.tool === 'Edit') {
    const relative = shown.replace(/^\.\//, '');
    return subject.endsWith(`/${relative}`);
  }
  return false;
}
