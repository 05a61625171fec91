// Programs that read the files their arguments name (cat, grep, ls, …), and which of those
// arguments lie outside the project and its worktrees. A learned rule speaks for the project:
// its `*` never stands for such an argument (`cat /etc/passwd`, `cat ../../x`, `cat "$F"`);
// only a rule that names the place itself covers it (`Bash(cat /usr/include/stdio.h)`).
import { isReadable, resolvePath } from './paths.ts';
import { programName } from './program-knowledge.ts';
import { matchedWords } from './rule-matching.ts';
import type { SimpleCommand } from './shell-analysis.ts';
import type { ShellWord } from './shell-words.ts';
import type { PermissionContext } from './types.ts';

/**
 * How a program that searches takes its pattern: the pattern is not a file. Only options known
 * to take a value are listed: one listed wrongly would make a file look like the pattern.
 */
interface PatternSyntax {
  /** Short option letters that take a value (`-A 3`, `-A3`). */
  readonly valueLetters: string;
  readonly valueLongs: ReadonlySet<string>;
  /** Options whose value is the pattern: with one, no operand is the pattern. */
  readonly patternLetters: string;
  readonly patternLongs: ReadonlySet<string>;
  /** Options whose value is a file of patterns: with one, no operand is the pattern either. */
  readonly fileLetters: string;
  readonly fileLongs: ReadonlySet<string>;
  /** Options that make the program take no pattern at all (`rg --files`). */
  readonly noPattern: ReadonlySet<string>;
}

const GREP: PatternSyntax = {
  valueLetters: 'efmABCdD',
  valueLongs: new Set(['--regexp', '--file', '--max-count', '--after-context', '--before-context', '--context', '--directories', '--devices', '--label', '--include', '--exclude', '--exclude-dir', '--exclude-from', '--binary-files', '--group-separator']),
  patternLetters: 'e', patternLongs: new Set(['--regexp']),
  fileLetters: 'f', fileLongs: new Set(['--file']),
  noPattern: new Set(),
};

const RIPGREP: PatternSyntax = {
  valueLetters: 'efmABCgtTjMrE',
  valueLongs: new Set(['--regexp', '--file', '--max-count', '--after-context', '--before-context', '--context', '--glob', '--iglob', '--type', '--type-not', '--threads', '--max-columns', '--replace', '--encoding', '--max-depth', '--ignore-file', '--sort', '--sortr']),
  patternLetters: 'e', patternLongs: new Set(['--regexp']),
  fileLetters: 'f', fileLongs: new Set(['--file']),
  noPattern: new Set(['--files', '--type-list']),
};

const SED: PatternSyntax = {
  valueLetters: 'efl',
  valueLongs: new Set(['--expression', '--file', '--line-length']),
  patternLetters: 'e', patternLongs: new Set(['--expression']),
  fileLetters: 'f', fileLongs: new Set(['--file']),
  noPattern: new Set(),
};

/** Reading programs; a syntax for those whose first operand may be a pattern rather than a file. */
const READERS: ReadonlyMap<string, PatternSyntax | null> = new Map<string, PatternSyntax | null>([
  ...['grep', 'egrep', 'fgrep', 'zgrep'].map((name) => [name, GREP] as const),
  ['rg', RIPGREP],
  ['sed', SED],
  ['gsed', SED],
  ...[
    'cat', 'tac', 'head', 'tail', 'less', 'more', 'bat', 'batcat', 'nl', 'wc', 'rev', 'fold', 'fmt', 'paste', 'join', 'comm', 'cut',
    'sort', 'uniq', 'column', 'diff', 'diff3', 'sdiff', 'cmp', 'strings', 'hexdump', 'xxd', 'od', 'base64', 'base32', 'md5sum',
    'sha1sum', 'sha224sum', 'sha256sum', 'sha384sum', 'sha512sum', 'b2sum', 'shasum', 'cksum', 'sum', 'file', 'stat', 'ls', 'dir',
    'tree', 'du', 'find', 'jq', 'yq', 'ag', 'ack', 'cp', 'tar', 'zip', 'unzip', 'gzip', 'gunzip', 'zcat', 'bzcat', 'xzcat', 'zless',
    'realpath', 'readlink', 'iconv', 'expand', 'unexpand', 'pr', 'xmllint',
  ].map((name) => [name, null] as const),
]);

interface Argument {
  readonly index: number;
  readonly word: ShellWord;
  /** The part that may name a path: the value after `=`, or the word itself. */
  readonly candidate: string;
}

/** `--name=value` → value; `-I/usr/include` → /usr/include; other options name no path. */
function optionCandidate(value: string): string | null {
  const equals = value.indexOf('=');
  if (equals >= 0) return value.slice(equals + 1);
  if (value.startsWith('--')) return null;
  const attached = value.search(/[/~]/);
  return attached > 0 ? value.slice(attached) : null;
}

/** Every argument that may name a place, as a plain reader reads it: options' values included. */
function plainArguments(words: readonly ShellWord[]): Argument[] {
  const found: Argument[] = [];
  let afterDoubleDash = false;
  words.forEach((word, index) => {
    if (index === 0) return;
    if (!word.isStatic || afterDoubleDash || !word.value.startsWith('-') || word.value === '-') {
      found.push({ index, word, candidate: word.value });
      return;
    }
    if (word.value === '--') { afterDoubleDash = true; return; }
    const candidate = optionCandidate(word.value);
    if (candidate !== null) found.push({ index, word, candidate });
  });
  return found;
}

/** The indexes of the words that are patterns, not files, for a searching program. */
function patternIndexes(words: readonly ShellWord[], syntax: PatternSyntax): Set<number> {
  const patterns = new Set<number>();
  const operandIndexes: number[] = [];
  let patternGiven = false;
  let afterDoubleDash = false;
  for (let index = 1; index < words.length; index += 1) {
    const word = words[index];
    if (word === undefined) break;
    const text = word.value;
    if (!word.isStatic || afterDoubleDash || !text.startsWith('-') || text === '-') { operandIndexes.push(index); continue; }
    if (text === '--') { afterDoubleDash = true; continue; }
    if (text.startsWith('--')) {
      const name = text.split('=')[0] ?? text;
      if (syntax.noPattern.has(name)) patternGiven = true;
      const isPattern = syntax.patternLongs.has(name);
      if (isPattern || syntax.fileLongs.has(name)) patternGiven = true;
      if (isPattern && text.includes('=')) patterns.add(index);
      else if (syntax.valueLongs.has(name) && !text.includes('=')) {
        if (isPattern) patterns.add(index + 1);
        index += 1;
      }
      continue;
    }
    // A cluster of short options: the first that takes a value takes the rest, or the next word.
    for (let position = 1; position < text.length; position += 1) {
      const letter = text[position] ?? '';
      if (!syntax.valueLetters.includes(letter)) continue;
      const isPattern = syntax.patternLetters.includes(letter);
      if (isPattern || syntax.fileLetters.includes(letter)) patternGiven = true;
      if (position < text.length - 1) {
        if (isPattern) patterns.add(index);
      } else {
        if (isPattern) patterns.add(index + 1);
        index += 1;
      }
      break;
    }
  }
  const first = operandIndexes[0];
  if (!patternGiven && first !== undefined) patterns.add(first);
  return patterns;
}

/** A word `find -exec` fills in with a path it found: as inside as find's own starting points. */
export function isFoundPath(word: ShellWord, wrappers: readonly string[]): boolean {
  return wrappers.includes('find -exec') && ['{}', "'{}'", '"{}"'].includes(word.text);
}

/** `<(…)` is a pipe from a command judged on its own, not a file. */
export function isProcessSubstitution(word: ShellWord): boolean {
  return !word.isStatic && /^[<>]\(/.test(word.text) && word.text.endsWith(')');
}

/**
 * Indexes into matchedWords(command) of the arguments a reading program would read outside the
 * project and its worktrees, or that are only known at run time. Empty for programs that do not
 * read the files they are given. `cwd` null: after a `cd` to a place only known at run time.
 */
export function outsideReadWords(command: SimpleCommand, cwd: string | null, context: PermissionContext): ReadonlySet<number> {
  const words = matchedWords(command);
  const program = words[0];
  if (program === undefined || !program.isStatic) return new Set();
  const syntax = READERS.get(programName(program.value));
  if (syntax === undefined) return new Set();
  const skip = syntax === null ? new Set<number>() : patternIndexes(words, syntax);
  // What xargs appends may be files as well as the pattern: it is never only the pattern.
  if (command.openEnded) skip.delete(words.length - 1);
  const { wrappers } = command;
  const outside = new Set<number>();
  for (const argument of plainArguments(words)) {
    if (skip.has(argument.index)) continue;
    const { word } = argument;
    if (!word.isStatic) {
      if (!isFoundPath(word, wrappers) && !isProcessSubstitution(word)) outside.add(argument.index);
      continue;
    }
    const target = resolvePath(argument.candidate, cwd, context.homeDir);
    if (target === null || !isReadable(target, context)) outside.add(argument.index);
  }
  return outside;
}
