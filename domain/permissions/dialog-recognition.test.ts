import { describe, expect, it } from 'vitest';
import { dialogShows, recognizeDialog } from './dialog-recognition.ts';

// Verbatim from CLAUDE-CODE.md §2 (Claude Code 2.1.328, 200×50 pane).
const BASH = ` Bash command
 Tip: auto mode handles these prompts for you — choose "switch to auto mode" below
 Run the requested command
╌╌╌╌╌╌╌╌
 npm test --silent
╌╌╌╌╌╌╌╌
 This command requires approval
 Do you want to proceed?
 ❯ 1. Yes
   2. Yes, and don’t ask again for: npm test *
   3. Yes, and switch to auto mode · auto mode handles these prompts for you
   4. No
 Esc to cancel · Tab to amend`;

const CREATE = ` Create file
 hello.txt
╌╌╌╌╌╌╌╌
  1 hello
╌╌╌╌╌╌╌╌
 Do you want to create hello.txt?
 ❯ 1. Yes
   2. Yes, and switch to accept edits (auto-approve file edits and common file commands) for this session (shift+tab)
   3. No
 Esc to cancel · Tab to amend`;

const FETCH = ` Fetch
 Claude wants to fetch content from example.com
 url: https://example.com/docs
 prompt: summarize
 Do you want to allow Claude to fetch this content?
 ❯ 1. Yes
   2. Yes, and don't ask again for example.com
   3. No, and tell Claude what to do differently (esc)`;

const CODEX = `  Would you like to run the following command?

  $ cargo test --all

› 1. Yes, proceed (y)
  2. Yes, and don't ask again for this command (a)
  3. No, and tell Codex what to do differently (esc)

  Press enter to confirm or esc to cancel`;

const GEMINI = `╭──────────────────────────────────────────────╮
│ ? Shell npm run lint                         │
│                                              │
│ Allow execution of: 'npm'?                   │
│                                              │
│ ● 1. Yes, allow once                         │
│   2. Yes, allow always                       │
│   3. No, suggest changes (esc)               │
╰──────────────────────────────────────────────╯`;

const AIDER = `make test
Run shell command? (Y)es/(N)o/(D)on't ask again [Yes]: `;

const earlier = '⏺ Bash(npm test --silent)\n  ⎿  tests-ran\n\n⏺ done\n\n';

describe('recognizeDialog', () => {
  it.each([
    ['Claude Code Bash', BASH, 'claude-code', 'Bash', 'npm test --silent', [['1', 'allow-once'], ['2', 'allow-always'], ['3', 'allow-always'], ['4', 'deny']]],
    ['Claude Code Create file', CREATE, 'claude-code', 'Write', 'hello.txt', [['1', 'allow-once'], ['2', 'allow-always'], ['3', 'deny']]],
    ['Claude Code Fetch', FETCH, 'claude-code', 'WebFetch', 'example.com', [['1', 'allow-once'], ['2', 'allow-always'], ['3', 'deny']]],
    ['Codex', CODEX, 'codex', 'Bash', 'cargo test --all', [['1', 'allow-once'], ['2', 'allow-always'], ['3', 'deny']]],
    ['Gemini', GEMINI, 'gemini', 'Shell', 'npm run lint', [['1', 'allow-once'], ['2', 'allow-always'], ['3', 'deny']]],
    ['Aider', AIDER, 'aider', 'Bash', 'make test', [['y', 'allow-once'], ['n', 'deny'], ['d', 'deny']]],
    ['Bash after earlier output', earlier + BASH, 'claude-code', 'Bash', 'npm test --silent', [['1', 'allow-once'], ['2', 'allow-always'], ['3', 'allow-always'], ['4', 'deny']]],
    ['Fetch beside a side panel', FETCH.split('\n').map((l) => `${l.padEnd(80)}│ side panel`).join('\n'), 'claude-code', 'WebFetch', 'example.com', [['1', 'allow-once'], ['2', 'allow-always'], ['3', 'deny']]],
    ['trailing blank lines', `${BASH}\n\n   \n`, 'claude-code', 'Bash', 'npm test --silent', [['1', 'allow-once'], ['2', 'allow-always'], ['3', 'allow-always'], ['4', 'deny']]],
  ])('%s', (_name, text, cli, tool, subject, options) => {
    const dialog = recognizeDialog(text);
    expect(dialog).toMatchObject({ cli, tool, subject });
    expect(dialog?.options.map((o) => [o.key, o.meaning])).toEqual(options);
    // Aider reads a whole line; the menus take a key alone.
    expect(dialog?.keyThenEnter).toBe(cli === 'aider');
  });

  it.each([
    ['a Bash dialog that scrolled up', `${BASH}\n\n⏺ Bash(npm test --silent)\n  ⎿  tests-ran\n\n> `],
    ['a Create dialog followed by output', `${CREATE}\n⏺ Wrote 1 line to hello.txt`],
    ['an Aider question already answered', `${AIDER}y\nRunning make test`],
    ['a numbered list in the conversation', '⏺ Plan:\n 1. Yes we read the file\n 2. Then we test it\n\n> '],
    ['options without a question', ' ❯ 1. Yes\n   2. No'],
    ['options not numbered from 1', ' Do you want to proceed?\n   2. Yes\n   3. No'],
    ['an empty pane', '\n\n'],
    ['the idle prompt', '╭────╮\n│ >  │\n╰────╯\n  ⏸ manual mode on · ? for shortcuts'],
  ])('null for %s', (_name, text) => {
    expect(recognizeDialog(text)).toBeNull();
  });
});

describe('dialogShows', () => {
  const dialog = (text: string) => {
    const found = recognizeDialog(text);
    if (!found) throw new Error('no dialog');
    return found;
  };

  it.each([
    [BASH, 'npm test --silent', true],
    [BASH, 'npm  test\n--silent', true],
    [BASH, 'npm test', false],
    [CREATE, '/tmp/proj/hello.txt', true],
    [CREATE, '/tmp/proj/other-hello.txt', false],
    [FETCH, 'https://example.com/docs', true],
    [FETCH, 'https://evil.example.org/', false],
    [CODEX, 'cargo test --all', true],
  ])('%#: %s', (text, subject, expected) => {
    expect(dialogShows(dialog(text), subject)).toBe(expected);
  });

  it('wraps of a long command still match', () => {
    const long = `npm run build -- ${'--flag '.repeat(40)}`.trim();
    const wrapped = BASH.replace('npm test --silent', `${long.slice(0, 150)}\n ${long.slice(150)}`);
    expect(dialogShows(dialog(wrapped), long)).toBe(true);
  });
});
