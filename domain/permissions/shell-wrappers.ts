// Commands that run other commands: `env X=1 cmd`, `sudo cmd`, `xargs cmd`, `find … -exec cmd ;`,
// `bash -c '…'`, `eval …`. Rules judge what finally runs, so these are peeled off, and the wrapper
// names are kept because some of them (sudo) are a verdict by themselves.
import { type ShellWord, dynamicWord } from './shell-words.ts';
import { programName, SHELLS } from './program-knowledge.ts';

export interface UnwrappedCommand {
  readonly kind: 'command';
  readonly argv: readonly ShellWord[];
  readonly wrappers: readonly string[];
  /** Environment variables set for the command, by `VAR=x cmd` or `env VAR=x cmd`. */
  readonly assignments: readonly string[];
  /** Of those set by `env`, the ones whose value is only known at run time. */
  readonly dynamicAssignments: readonly string[];
  /** xargs appends arguments nobody can see in advance. */
  readonly openEnded: boolean;
  /** Commands this one starts itself (find -exec), each unwrapped in turn by the caller. */
  readonly spawned: readonly (readonly ShellWord[])[];
  /** Files the command writes by its own options (find -fprint). */
  readonly writes: readonly ShellWord[];
}

export interface UnwrappedScript {
  readonly kind: 'script';
  /** Shell source to parse in place of the command (`bash -c`, `eval`). */
  readonly source: string;
  readonly wrappers: readonly string[];
  readonly assignments: readonly string[];
}

export interface Opaque {
  readonly kind: 'opaque';
  readonly reason: string;
}

export type Unwrapped = UnwrappedCommand | UnwrappedScript | Opaque;

interface OptionSpec {
  /** Options that take the next word as their value (or `-xVALUE`, `--long=VALUE`). */
  readonly withValue: ReadonlySet<string>;
  /**
   * The options known to be harmless; any other makes the command wait for a person (`time -o
   * ~/.bashrc`, `xargs -a secret`). Absent for sudo and doas, which are denied whatever their options.
   */
  readonly harmless?: ReadonlySet<string>;
  /** Options that make the wrapper do something other than run a command we can follow. */
  readonly opaque?: ReadonlyMap<string, string>;
}

const WRAPPER_OPTIONS: ReadonlyMap<string, OptionSpec> = new Map<string, OptionSpec>([
  ['env', { withValue: new Set(['-u', '--unset']), harmless: new Set(['-u', '--unset', '-i', '--ignore-environment', '-0', '--null']), opaque: new Map([['-C', 'env --chdir changes directory'], ['--chdir', 'env --chdir changes directory'], ['-S', 'env -S splits a string into a command'], ['--split-string', 'env -S splits a string into a command']]) }],
  ['sudo', { withValue: new Set(['-u', '--user', '-g', '--group', '-h', '--host', '-p', '--prompt', '-C', '--close-from', '-D', '--chdir', '-r', '--role', '-t', '--type', '-U', '--other-user', '-T', '--command-timeout', '-R', '--chroot']) }],
  ['doas', { withValue: new Set(['-u', '-C']) }],
  ['nohup', { withValue: new Set(), harmless: new Set() }],
  ['nice', { withValue: new Set(['-n', '--adjustment']), harmless: new Set(['-n', '--adjustment']) }],
  ['ionice', { withValue: new Set(['-c', '--class', '-n', '--classdata', '-p', '--pid']), harmless: new Set(['-c', '--class', '-n', '--classdata', '-t']) }],
  ['timeout', { withValue: new Set(['-s', '--signal', '-k', '--kill-after']), harmless: new Set(['-s', '--signal', '-k', '--kill-after', '--preserve-status', '--foreground', '-v', '--verbose']) }],
  ['stdbuf', { withValue: new Set(['-i', '--input', '-o', '--output', '-e', '--error']), harmless: new Set(['-i', '--input', '-o', '--output', '-e', '--error']) }],
  ['time', { withValue: new Set(['-f', '--format', '-o', '--output']), harmless: new Set(['-p', '--portability', '-v', '--verbose', '-f', '--format', '-q', '--quiet']) }],
  ['command', { withValue: new Set(), opaque: new Map([['-v', ''], ['-V', '']]), harmless: new Set(['-p']) }],
  ['builtin', { withValue: new Set(), harmless: new Set() }],
  ['exec', { withValue: new Set(['-a']), harmless: new Set(['-a', '-c']) }],
  ['xargs', { withValue: new Set(['-I', '-n', '--max-args', '-L', '--max-lines', '-P', '--max-procs', '-s', '--max-chars', '-d', '--delimiter', '-E', '--eof', '-a', '--arg-file', '--process-slot-var']), harmless: new Set(['-I', '-i', '--replace', '-n', '--max-args', '-L', '--max-lines', '-P', '--max-procs', '-s', '--max-chars', '-d', '--delimiter', '-0', '--null', '-r', '--no-run-if-empty', '-t', '--verbose', '-x', '--exit']) }],
]);

/** Words that take one positional before the command: `timeout 5 cmd`. */
const LEADING_POSITIONALS: ReadonlyMap<string, number> = new Map([['timeout', 1]]);

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

interface Peeled {
  readonly rest: readonly ShellWord[];
  readonly assignments: readonly string[];
  readonly dynamicAssignments: readonly string[];
  readonly replaceString: string | null;
}

/** Skips a wrapper's own options; null with a reason when an option makes the command unknowable. */
function peelOptions(wrapper: string, spec: OptionSpec, words: readonly ShellWord[]): Peeled | Opaque | 'not-a-command' {
  const assignments: string[] = [];
  const dynamicAssignments: string[] = [];
  let replaceString: string | null = null;
  let index = 0;
  while (index < words.length) {
    const word = words[index];
    if (word === undefined) break;
    if (!word.isStatic && (wrapper === 'env' || wrapper === 'sudo' || wrapper === 'doas') && ASSIGNMENT.test(word.text)) {
      // `env X="$(…)" cmd`: the name is fixed, the value is not.
      assignments.push(word.text.slice(0, word.text.indexOf('=')));
      dynamicAssignments.push(word.text.slice(0, word.text.indexOf('=')));
      index += 1;
      continue;
    }
    if (!word.isStatic) return { kind: 'opaque', reason: `${wrapper} has an option decided at run time: ${word.text}` };
    const text = word.value;
    if (text === '--') { index += 1; break; }
    if ((wrapper === 'env' || wrapper === 'sudo' || wrapper === 'doas') && ASSIGNMENT.test(text)) {
      assignments.push(text.slice(0, text.indexOf('=')));
      index += 1;
      continue;
    }
    if (!text.startsWith('-') || text === '-') {
      if (wrapper === 'env' && text === '-') { index += 1; continue; }
      break;
    }
    const name = text.startsWith('--') ? text.split('=')[0] ?? text : text.slice(0, 2);
    const opaqueReason = spec.opaque?.get(name);
    if (opaqueReason !== undefined) return opaqueReason === '' ? 'not-a-command' : { kind: 'opaque', reason: opaqueReason };
    if (spec.harmless !== undefined && !(name.startsWith('--') ? spec.harmless.has(name) : [...text.slice(1)].every((letter, position) => spec.harmless?.has(`-${letter}`) === true || (position > 0 && spec.withValue.has(`-${text[1] ?? ''}`))))) {
      return { kind: 'opaque', reason: `${wrapper} ${text}: an option of ${wrapper} not known to be harmless (it may write or read a file, or change what runs)` };
    }
    if (wrapper === 'xargs' && (name === '-I' || name === '-i' || name === '--replace')) {
      const inline = text.startsWith('--') ? text.split('=')[1] : text.slice(2);
      if (name === '-I' && inline === '') {
        replaceString = words[index + 1]?.value ?? '{}';
        index += 2;
      } else {
        replaceString = inline !== undefined && inline !== '' ? inline : '{}';
        index += 1;
      }
      continue;
    }
    const takesValue = spec.withValue.has(name);
    const valueInline = text.startsWith('--') ? text.includes('=') : text.length > 2;
    index += takesValue && !valueInline ? 2 : 1;
  }
  const skip = LEADING_POSITIONALS.get(wrapper) ?? 0;
  return { rest: words.slice(index + skip), assignments, dynamicAssignments, replaceString };
}

const SAFE_SHELL_LETTERS = 'ceuxvnfC';
const SAFE_SHELL_LONG_OPTIONS = new Set(['--norc', '--noprofile', '--posix', '--noediting']);
const SAFE_SHELL_SET_OPTIONS = new Set(['pipefail', 'errexit', 'nounset', 'xtrace', 'noclobber', 'noglob', 'verbose']);

/** `bash -c 'src'`: the source string, or null when the shell runs a script file or stdin. */
function shellCommandString(words: readonly ShellWord[]): ShellWord | null | Opaque {
  let wantsCommand = false;
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index];
    if (word === undefined) break;
    // Without -c, a dynamic word is the script file (`bash <(…)`): an ordinary command to judge.
    if (!word.isStatic) return wantsCommand ? word : null;
    const text = word.value;
    if (wantsCommand && !text.startsWith('-') && !text.startsWith('+')) return word;
    if (text === '--' || (!text.startsWith('-') && !text.startsWith('+'))) return null;
    if (text === '-o' || text === '+o') {
      const option = words[index + 1]?.value ?? '';
      if (!SAFE_SHELL_SET_OPTIONS.has(option)) return { kind: 'opaque', reason: `shell -o ${option}: not known to be harmless` };
      index += 1;
      continue;
    }
    // -i and -l read the person's startup files, --rcfile any file, -s reads commands from stdin.
    if (text.startsWith('--') ? !SAFE_SHELL_LONG_OPTIONS.has(text) : ![...text.slice(1)].every((letter) => SAFE_SHELL_LETTERS.includes(letter))) {
      return { kind: 'opaque', reason: `shell option ${text}: not known to be harmless (startup files, stdin or other settings)` };
    }
    if (!text.startsWith('--') && text.slice(1).includes('c')) wantsCommand = true;
  }
  return wantsCommand ? { kind: 'opaque', reason: 'shell -c without a command string' } : null;
}

/** find's -exec/-execdir/-ok/-okdir sections become commands of their own. */
function splitFind(argv: readonly ShellWord[]): { find: ShellWord[]; spawned: ShellWord[][]; writes: ShellWord[] } | Opaque {
  const find: ShellWord[] = [];
  const spawned: ShellWord[][] = [];
  const writes: ShellWord[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const word = argv[index];
    if (word === undefined) break;
    if (['-exec', '-execdir', '-ok', '-okdir'].includes(word.value) && word.isStatic) {
      const inner: ShellWord[] = [];
      index += 1;
      let closed = false;
      for (; index < argv.length; index += 1) {
        const innerWord = argv[index];
        if (innerWord === undefined) break;
        if (innerWord.isStatic && (innerWord.value === ';' || innerWord.value === '+')) { closed = true; break; }
        // `{}` is a file name find fills in: unknown until it runs.
        inner.push(innerWord.isStatic && innerWord.value.includes('{}') ? dynamicWord(innerWord.text) : innerWord);
      }
      if (!closed || inner.length === 0) return { kind: 'opaque', reason: `find ${word.value} without a closing ; or +` };
      spawned.push(inner);
      continue;
    }
    if (['-fprint', '-fprint0', '-fprintf', '-fls'].includes(word.value)) {
      const target = argv[index + 1];
      if (target !== undefined) writes.push(target);
    }
    find.push(word);
  }
  return { find, spawned, writes };
}

const MAX_WRAPPERS = 16;

/** Peels wrappers off `argv` until the command that really runs is reached. */
export function unwrapCommand(argv: readonly ShellWord[], assignments: readonly string[]): Unwrapped {
  let words = argv;
  const wrappers: string[] = [];
  const allAssignments = [...assignments];
  const dynamicAssignments: string[] = [];
  let openEnded = false;
  for (let depth = 0; depth < MAX_WRAPPERS; depth += 1) {
    const head = words[0];
    if (head === undefined || !head.isStatic) break;
    const name = programName(head.value);
    const spec = WRAPPER_OPTIONS.get(name);
    if (spec !== undefined) {
      const peeled = peelOptions(name, spec, words.slice(1));
      if (peeled === 'not-a-command') break;
      if ('kind' in peeled) return peeled;
      if (peeled.rest.length === 0) break;
      wrappers.push(name);
      allAssignments.push(...peeled.assignments);
      dynamicAssignments.push(...peeled.dynamicAssignments);
      if (name === 'xargs') {
        openEnded = true;
        const marker = peeled.replaceString;
        words = marker === null ? peeled.rest : peeled.rest.map((word) => (word.value.includes(marker) ? dynamicWord(word.text) : word));
      } else {
        words = peeled.rest;
      }
      continue;
    }
    if (SHELLS.has(name)) {
      const commandString = shellCommandString(words.slice(1));
      if (commandString === null) break;
      if ('kind' in commandString) return commandString;
      if (!commandString.isStatic) return { kind: 'opaque', reason: `${name} -c runs a string decided at run time: ${commandString.text}` };
      return { kind: 'script', source: commandString.value, wrappers: [...wrappers, `${name} -c`], assignments: allAssignments };
    }
    if (name === 'eval') {
      const rest = words.slice(1);
      const dynamic = rest.find((word) => !word.isStatic);
      if (dynamic !== undefined) return { kind: 'opaque', reason: `eval of a value decided at run time: ${dynamic.text}` };
      return { kind: 'script', source: rest.map((word) => word.value).join(' '), wrappers: [...wrappers, 'eval'], assignments: allAssignments };
    }
    if (name === 'find') {
      const split = splitFind(words);
      if ('kind' in split) return split;
      return { kind: 'command', argv: split.find, wrappers, assignments: allAssignments, dynamicAssignments, openEnded, spawned: split.spawned, writes: split.writes };
    }
    break;
  }
  if (wrappers.length >= MAX_WRAPPERS) return { kind: 'opaque', reason: 'too many nested wrappers' };
  return { kind: 'command', argv: words, wrappers, assignments: allAssignments, dynamicAssignments, openEnded, spawned: [], writes: [] };
}
