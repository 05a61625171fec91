import { describe, expect, it } from 'vitest';
import { recognizeDialog } from './dialog-recognition.ts';
import { dialogRequest } from './dialog-request.ts';

const claude = (title: string, body: string, question: string) =>
  ` ${title}\n${body}\n ${question}\n ❯ 1. Yes\n   2. Yes, and don’t ask again\n   3. No\n Esc to cancel · Tab to amend`;

const request = (text: string) => {
  const dialog = recognizeDialog(text);
  if (!dialog) throw new Error('not recognised');
  return dialogRequest(dialog, '/work/proj');
};

describe('dialogRequest', () => {
  it.each([
    ['Claude Code Bash', claude('Bash command', '╌╌╌╌\n npm test --silent\n╌╌╌╌', 'Do you want to proceed?'), { toolName: 'Bash', toolInput: { command: 'npm test --silent' }, subject: 'npm test --silent', multiline: false }],
    ['Claude Code Create file', claude('Create file', ' src/hello.txt\n╌╌╌╌\n  1 hi\n╌╌╌╌', 'Do you want to create hello.txt?'), { toolName: 'Write', toolInput: { file_path: '/work/proj/src/hello.txt' }, subject: '/work/proj/src/hello.txt', multiline: false }],
    ['Claude Code Fetch', claude('Fetch', ' Claude wants to fetch content from Example.com\n url: https://example.com/x', 'Do you want to allow Claude to fetch this content?'), { toolName: 'WebFetch', toolInput: { url: 'https://example.com/' }, subject: 'https://example.com/', multiline: false }],
    ['Codex', '  $ cargo test --all\n\n› 1. Yes, proceed (y)\n  2. No, and tell Codex what to do differently (esc)', { toolName: 'Bash', toolInput: { command: 'cargo test --all' }, multiline: false }],
    ['Gemini shell', '│ ? Shell npm run lint │\n│ ● 1. Yes, allow once │\n│   2. Yes, allow always │\n│   3. No, suggest changes (esc) │', { toolName: 'Bash', toolInput: { command: 'npm run lint' } }],
    ['Aider', "make test\nRun shell command? (Y)es/(N)o/(D)on't ask again [Yes]: ", { toolName: 'Bash', toolInput: { command: 'make test' } }],
    ['a wrapped Bash command', claude('Bash command', '╌╌╌╌\n npm run build --\n --flag\n╌╌╌╌', 'Do you want to proceed?'), { toolName: 'Bash', toolInput: { command: 'npm run build --\n--flag' }, multiline: true }],
  ])('%s', (_name, text, expected) => {
    expect(request(text)).toMatchObject(expected);
  });

  it.each([
    ['a dialog without a readable subject', ' Something new\n Do you want to proceed?\n ❯ 1. Yes\n   2. No'],
    ['a Gemini tool orc has no rules for', '│ ? GoogleSearch cats │\n│ ● 1. Yes, allow once │\n│   2. No, suggest changes (esc) │'],
    ['an Aider question that is not a command', "Add src/x.py to the chat? (Y)es/(N)o/(D)on't ask again [Yes]: "],
    ['a fetch of something that is not a domain', claude('Fetch', ' Claude wants to fetch content from exa/mple', 'Do you want to allow Claude to fetch this content?')],
  ])('null for %s', (_name, text) => {
    expect(request(text)).toBeNull();
  });
});
