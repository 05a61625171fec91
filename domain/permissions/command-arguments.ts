// Reading a program's own arguments: which words are options, which are operands, and which
// operands a writing program writes to. Kept to the programs the built-in rules care about.
import type { ShellWord } from './shell-words.ts';
import { programName } from './program-knowledge.ts';

/** Operands (non-option words) of `words`, skipping the values of options in `withValue`. */
export function operands(words: readonly ShellWord[], withValue: ReadonlySet<string> = new Set()): ShellWord[] {
  const result: ShellWord[] = [];
  let afterDoubleDash = false;
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index];
    if (word === undefined) break;
    if (afterDoubleDash || !word.value.startsWith('-') || word.value === '-' || !word.isStatic) {
      result.push(word);
      continue;
    }
    if (word.value === '--') { afterDoubleDash = true; continue; }
    const name = word.value.startsWith('--') ? (word.value.split('=')[0] ?? word.value) : word.value.slice(0, 2);
    const inline = word.value.startsWith('--') ? word.value.includes('=') : word.value.length > 2;
    if (withValue.has(name) && !inline) index += 1;
  }
  return result;
}

/** Value of an option given as `-t X`, `-tX` or `--long=X`, if present. */
export function optionValue(words: readonly ShellWord[], names: readonly string[]): ShellWord | null {
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index];
    if (word === undefined || !word.isStatic) continue;
    for (const name of names) {
      if (word.value === name) return words[index + 1] ?? null;
      if (name.startsWith('--') && word.value.startsWith(`${name}=`)) return { ...word, value: word.value.slice(name.length + 1) };
      if (!name.startsWith('--') && word.value.startsWith(name) && word.value.length > name.length) return { ...word, value: word.value.slice(name.length) };
    }
  }
  return null;
}

/** `-rf`, `-R`, `--recursive`: short clusters count, as the programs themselves read them. */
export function hasShortOrLongFlag(words: readonly ShellWord[], letters: string, long: readonly string[]): boolean {
  return words.some((word) => {
    if (!word.isStatic) return false;
    if (word.value.startsWith('--')) return long.includes(word.value.split('=')[0] ?? '');
    return word.value.startsWith('-') && [...word.value.slice(1)].some((letter) => letters.includes(letter));
  });
}

interface WriterSpec {
  readonly withValue: ReadonlySet<string>;
  /** Which operands are written: all of them, the last, or all but the first (chmod's mode). */
  readonly written: 'all' | 'last' | 'after-first';
  readonly targetOption?: readonly string[];
}

const WRITERS: ReadonlyMap<string, WriterSpec> = new Map<string, WriterSpec>([
  ['tee', { withValue: new Set(), written: 'all' }],
  ['cp', { withValue: new Set(['-S', '--suffix', '-t', '--target-directory']), written: 'last', targetOption: ['-t', '--target-directory'] }],
  ['ln', { withValue: new Set(['-S', '--suffix', '-t', '--target-directory']), written: 'last', targetOption: ['-t', '--target-directory'] }],
  ['install', { withValue: new Set(['-m', '--mode', '-o', '--owner', '-g', '--group', '-S', '--suffix', '-t', '--target-directory']), written: 'last', targetOption: ['-t', '--target-directory'] }],
  ['mv', { withValue: new Set(['-S', '--suffix', '-t', '--target-directory']), written: 'all' }],
  ['touch', { withValue: new Set(['-r', '--reference', '-d', '--date', '-t']), written: 'all' }],
  ['mkdir', { withValue: new Set(['-m', '--mode']), written: 'all' }],
  ['rmdir', { withValue: new Set(), written: 'all' }],
  ['rm', { withValue: new Set(), written: 'all' }],
  ['unlink', { withValue: new Set(), written: 'all' }],
  ['shred', { withValue: new Set(['-n', '--iterations', '-s', '--size', '--random-source']), written: 'all' }],
  ['truncate', { withValue: new Set(['-s', '--size', '-r', '--reference']), written: 'all' }],
  ['chmod', { withValue: new Set(), written: 'after-first' }],
  ['chown', { withValue: new Set(), written: 'after-first' }],
  ['chgrp', { withValue: new Set(), written: 'after-first' }],
]);

/** Files and directories a command writes to through its arguments (not its redirections). */
export function writtenOperands(argv: readonly ShellWord[]): ShellWord[] {
  const program = argv[0];
  if (program === undefined || !program.isStatic) return [];
  const name = programName(program.value);
  const args = argv.slice(1);
  if (name === 'sed' || name === 'gsed') {
    if (!hasShortOrLongFlag(args, 'i', ['--in-place'])) return [];
    const files = operands(args, new Set(['-e', '--expression', '-f', '--file', '-l', '--line-length']));
    const scriptGiven = optionValue(args, ['-e', '--expression', '-f', '--file']) !== null;
    return scriptGiven ? files : files.slice(1);
  }
  if (name === 'curl') {
    const output = optionValue(args, ['-o', '--output']);
    return output === null ? [] : [output];
  }
  if (name === 'wget') {
    const output = optionValue(args, ['-O', '--output-document', '-P', '--directory-prefix']);
    return output === null ? [] : [output];
  }
  if (name === 'dd') {
    return args.filter((word) => word.value.startsWith('of=') || !word.isStatic).map((word) => (word.isStatic ? { ...word, value: word.value.slice(3) } : word));
  }
  const spec = WRITERS.get(name);
  if (spec === undefined) return [];
  if (spec.targetOption !== undefined) {
    const target = optionValue(args, spec.targetOption);
    if (target !== null) return [target];
  }
  const found = operands(args, spec.withValue);
  if (name.startsWith('ch') && optionValue(args, ['--reference']) !== null) return found;
  if (spec.written === 'last') return found.length >= 2 ? found.slice(-1) : [];
  if (spec.written === 'after-first') return found.slice(1);
  return found;
}
