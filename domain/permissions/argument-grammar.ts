// Reads a command's arguments with its program's grammar from the catalogue and says, word by
// word, whether the word is known to be harmless. A learned rule's `*` stands only for harmless
// words (rule-matching.ts); an unknown option, a path outside the workspace, a write to a file
// that runs code, a value only known at run time: each is a problem, and the command waits for a
// person unless a rule names that very word.
import { type ProgramGrammar, type ValueKind } from './catalogue/grammar.ts';
import { grammarOf } from './catalogue/index.ts';
import { codeRunningFile } from './code-running-files.ts';
import { findSecret } from './credential-paths.ts';
import { isReadable, isWritable, resolvePath } from './paths.ts';
import { type ShellWord, staticWord } from './shell-words.ts';
import type { PermissionContext } from './types.ts';

/** Where the command runs: relative paths resolve against `cwd` (null: not known). */
export interface ArgumentPlace {
  readonly cwd: string | null;
  readonly context: PermissionContext;
}

/** One entry per word of argv: null when harmless, else why not. argv[0] (the program) is null. */
export type WordProblems = readonly (string | null)[];

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1', '0.0.0.0']);

/** A whole word in double quotes is one word at run time: it cannot split into several. */
function isQuotedWhole(word: ShellWord): boolean {
  return /^"[^"]*"$/.test(word.text);
}

function judgePath(value: string, kind: 'read-path' | 'write-path', place: ArgumentPlace): string | null {
  const target = resolvePath(value, place.cwd, place.context.homeDir);
  if (target === null) return `${value}: where it points is only known at run time`;
  const secret = findSecret(target, place.context, false);
  if (secret !== null) return `${value} ${secret.how}`;
  if (kind === 'read-path') return isReadable(target, place.context) ? null : `${value} is outside the workspace (${target})`;
  if (!isWritable(target, place.context)) return `${value} is written, outside the workspace (${target})`;
  return codeRunningFile(target, place.context);
}

function judgeLoopbackUrl(value: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${value}: only http(s) URLs are known to be harmless`;
    if (url.username !== '' || url.password !== '') return `${value} carries credentials`;
    return LOOPBACK_HOSTS.has(url.hostname) ? null : `${value} is not on this machine's loopback`;
  } catch {
    return `${value} is not a URL`;
  }
}

/** Is this word a harmless value of `kind`? `asOptionValue`: it follows an option, so it cannot be read as one. */
function judgeValue(word: ShellWord, kind: ValueKind, place: ArgumentPlace, asOptionValue: boolean): string | null {
  if (!word.isStatic) {
    // `-m "$MSG"`: a quoted value of an option is one word of text whatever it holds.
    if (kind === 'text' && asOptionValue && isQuotedWhole(word)) return null;
    return `${word.text} is only known at run time`;
  }
  const value = word.value;
  switch (kind) {
    case 'text':
      return null;
    case 'integer':
      return /^\d{1,12}$/.test(value) ? null : `${value} is not a number`;
    case 'loopback-url':
      return judgeLoopbackUrl(value);
    case 'read-path':
    case 'write-path':
      return judgePath(value, kind, place);
  }
}

/** Variables of the shell itself, which hold no secret. */
const PLAIN_VARIABLES = new Set(['HOME', 'PWD', 'OLDPWD', 'USER', 'LOGNAME', 'SHELL', 'PATH', 'LANG', 'TERM', 'HOSTNAME', 'RANDOM', 'LINENO', 'SECONDS', 'BASH_VERSION']);

/** Printing an environment variable (`echo "$ANTHROPIC_API_KEY"`) may print a secret. */
function environmentProblem(text: string): string | null {
  for (const match of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const name = match[1] ?? '';
    if (/[A-Z]/.test(name) && !/[a-z]/.test(name) && !PLAIN_VARIABLES.has(name)) return `${text} prints the environment variable ${name}, which may hold a secret`;
  }
  return null;
}

/** Does `word` give one of `names` (`-e`, `--regexp`), alone, with `=`, or in a short cluster (`-ie`)? */
function givesOption(word: ShellWord, names: readonly string[]): boolean {
  if (!word.isStatic) return true;
  const text = word.value;
  if (text.startsWith('--')) return names.includes(text.split('=')[0] ?? text);
  if (!text.startsWith('-') || text === '-') return false;
  return names.some((name) => name.length === 2 && text.slice(1).includes(name.slice(1)));
}

class GrammarReader {
  readonly problems: (string | null)[];
  /** Index after the last word that says what runs (program, subcommands, kept operands). */
  namedEnd = 1;
  /** Kept operands of a grammar with keptOperandsLiteral: only a literal rule word covers them. */
  readonly literalOnly = new Set<number>();

  private readonly argv: readonly ShellWord[];
  private readonly place: ArgumentPlace;

  constructor(argv: readonly ShellWord[], place: ArgumentPlace) {
    this.argv = argv;
    this.place = place;
    this.problems = argv.map(() => null);
  }

  private mark(index: number, problem: string | null): void {
    if (problem !== null && index < this.problems.length && this.problems[index] === null) this.problems[index] = problem;
  }

  /** Every word from `start` on is unknown, for `why`. */
  private rest(start: number, why: string): void {
    for (let index = start; index < this.argv.length; index += 1) this.mark(index, why);
  }

  /** Reads argv from `start` with `grammar`. */
  read(grammar: ProgramGrammar, start: number): void {
    let operandCount = 0;
    const patternGiven = grammar.patternOptions !== undefined && this.argv.slice(start).some((word) => givesOption(word, grammar.patternOptions ?? []));
    const firstKind = patternGiven ? undefined : grammar.firstOperand;
    for (let index = start; index < this.argv.length; index += 1) {
      const word = this.argv[index];
      if (word === undefined) break;
      const text = word.value;
      if (word.isStatic && text === '--' && (grammar.afterDoubleDash !== undefined || grammar.operands !== 'none')) {
        const after = grammar.afterDoubleDash ?? grammar.operands;
        if (typeof after === 'object') {
          this.read(after, index + 1);
          return;
        }
        for (let rest = index + 1; rest < this.argv.length; rest += 1) {
          const operand = this.argv[rest];
          if (operand === undefined) break;
          this.mark(rest, after === 'none' ? 'takes no operands' : judgeValue(operand, after, this.place, true));
          if (operand.isStatic && grammar.checkOperand !== undefined) this.mark(rest, grammar.checkOperand(operand.value, operandCount));
          operandCount += 1;
        }
        return;
      }
      const isOption = word.isStatic && text.startsWith('-') && text !== '-' && !(grammar.keywords?.includes(text) ?? false);
      const selected = isOption ? grammar.selectors?.[text] : undefined;
      if (selected !== undefined) {
        const next = this.argv[index + 1];
        const inner = next?.isStatic === true ? selected[next.value] : undefined;
        if (inner === undefined) {
          this.rest(index + 1, `${next?.text ?? text}: not one the catalogue knows after ${text}`);
          return;
        }
        this.namedEnd = index + 2;
        this.read(inner, index + 2);
        return;
      }
      if (isOption) {
        index = this.readOption(grammar, index);
        continue;
      }
      if (word.isStatic && grammar.keywords?.includes(text) === true) continue;
      if (grammar.subcommands !== undefined && operandCount === 0) {
        const sub = word.isStatic ? grammar.subcommands[text] : undefined;
        if (sub === undefined) {
          this.rest(index, word.isStatic ? `${text}: a subcommand the catalogue does not know` : `${word.text}: a subcommand only known at run time`);
          return;
        }
        this.namedEnd = index + 1;
        this.read(sub, index + 1);
        return;
      }
      if (grammar.thenProgram === true && operandCount === 0) {
        this.readProgram(index);
        return;
      }
      this.readOperand(grammar, word, index, operandCount, operandCount === 0 ? firstKind : undefined);
      operandCount += 1;
      if (operandCount <= (grammar.keepOperands ?? 0)) {
        this.namedEnd = index + 1;
        if (grammar.keptOperandsLiteral === true) this.literalOnly.add(index);
      }
      if (grammar.restIsScriptArguments === true && operandCount >= (grammar.keepOperands ?? 0)) {
        for (let rest = index + 1; rest < this.argv.length; rest += 1) {
          const argument = this.argv[rest];
          if (argument !== undefined && !argument.isStatic) this.mark(rest, `${argument.text} is only known at run time`);
        }
        return;
      }
    }
  }

  /** `npx tsc …`: the word at `index` is a program; the rest is read with its grammar. */
  private readProgram(index: number): void {
    const word = this.argv[index];
    const inner = word?.isStatic === true ? grammarOf(word.value) : undefined;
    if (word === undefined || inner === undefined) {
      this.rest(index, `${word?.text ?? ''}: a program the catalogue does not know`);
      return;
    }
    this.namedEnd = index + 1;
    this.read(inner, index + 1);
  }

  private readOperand(grammar: ProgramGrammar, word: ShellWord, index: number, operandCount: number, kind: ValueKind | undefined): void {
    const operandKind = kind ?? grammar.operands;
    if (operandKind === 'none') {
      this.mark(index, `${word.text}: takes no operands`);
      return;
    }
    if (!word.isStatic && grammar.dynamicOperands === true) {
      this.mark(index, environmentProblem(word.text));
      return;
    }
    this.mark(index, judgeValue(word, operandKind, this.place, false));
    if (word.isStatic && grammar.checkOperand !== undefined) this.mark(index, grammar.checkOperand(word.value, operandCount));
  }

  /** Reads the option at `index`; returns the index of the last word it used. */
  private readOption(grammar: ProgramGrammar, index: number): number {
    const word = this.argv[index];
    if (word === undefined) return index;
    const text = word.value;
    if (text.startsWith('--') || grammar.singleDashLong === true) return this.readLongOption(grammar, index, text);
    if (/^-\d+$/.test(text)) {
      this.mark(index, grammar.options['-<number>'] === 'flag' ? null : `${text}: an option the catalogue does not know`);
      return index;
    }
    // A cluster of short options (`-la`); the first that takes a value takes the rest of the word or the next word.
    for (let position = 1; position < text.length; position += 1) {
      const name = `-${text[position] ?? ''}`;
      const kind = grammar.options[name];
      if (kind === undefined) {
        this.mark(index, `${name}: an option the catalogue does not know for this program`);
        return index;
      }
      if (kind === 'flag') continue;
      const inline = text.slice(position + 1);
      return this.readValue(grammar, index, name, kind, inline === '' ? null : inline);
    }
    return index;
  }

  private readLongOption(grammar: ProgramGrammar, index: number, text: string): number {
    const equals = text.indexOf('=');
    const name = equals < 0 ? text : text.slice(0, equals);
    const kind = grammar.options[name] ?? (grammar.flagPrefixes?.some((prefix) => name.startsWith(prefix)) === true ? 'flag' : undefined);
    if (kind === undefined) {
      this.mark(index, `${name}: an option the catalogue does not know for this program`);
      return index;
    }
    // A harmless flag may take an optional `=value` (`--color=always`, `--stat=100`): never a file it opens.
    if (kind === 'flag') return index;
    return this.readValue(grammar, index, name, kind, equals >= 0 ? text.slice(equals + 1) : null);
  }

  /**
   * The value of option `name` at `index`: `inline` when written in the same word (`-n5`,
   * `--count=5`), else the next word. Returns the index of the last word it used.
   */
  private readValue(grammar: ProgramGrammar, index: number, name: string, kind: ValueKind, inline: string | null): number {
    if (inline !== null) {
      this.mark(index, this.checkValue(grammar, name, staticWord(inline), kind));
      return index;
    }
    const next = this.argv[index + 1];
    if (next === undefined) return index;
    this.mark(index + 1, this.checkValue(grammar, name, next, kind));
    return index + 1;
  }

  private checkValue(grammar: ProgramGrammar, name: string, value: ShellWord, kind: ValueKind): string | null {
    const problem = judgeValue(value, kind, this.place, true);
    if (problem !== null || !value.isStatic) return problem;
    const extra = grammar.checkValue?.[name];
    return extra === undefined ? null : extra(value.value);
  }
}

export interface ArgumentReading {
  /** Per word of argv: null when harmless, else why not. argv[0] (the program) is null. */
  readonly problems: WordProblems;
  /** How many leading words say what runs (`git diff`, `npm run test`, `python -m pytest`): a learned rule names them. */
  readonly namedWords: number;
  /** Words only a literal rule word covers, though harmless (curl's URL). */
  readonly literalOnly: ReadonlySet<number>;
}

/** Reads `argv` with its program's catalogue entry; null when the program has none. */
export function readArguments(argv: readonly ShellWord[], place: ArgumentPlace): ArgumentReading | null {
  const program = argv[0];
  if (program === undefined || !program.isStatic) return null;
  const grammar = grammarOf(program.value);
  if (grammar === undefined) return null;
  const reader = new GrammarReader(argv, place);
  reader.read(grammar, 1);
  return { problems: reader.problems, namedWords: reader.namedEnd, literalOnly: reader.literalOnly };
}
