// Which words of a simple command a learned allow rule's `*` may not stand for. Two reasons,
// each an allow-list: a path outside the workspace (outside-reads.ts), and any word the
// program's catalogue entry does not know to be harmless (argument-grammar.ts). A word a rule
// spells out literally is the person's own choice and still matches.
import { type ArgumentReading, readArguments } from './argument-grammar.ts';
import type { Restrictions } from './bash-pattern.ts';
import { isFoundPath, isProcessSubstitution, outsideReadWords } from './outside-reads.ts';
import type { SimpleCommand } from './shell-analysis.ts';
import type { ShellWord } from './shell-words.ts';
import type { PermissionContext } from './types.ts';

export interface AllowRestrictions extends Restrictions {
  readonly outside: ReadonlySet<number>;
  /** The catalogue's reading of the command; null when its program has no entry. */
  readonly reading: ArgumentReading | null;
  /** Why each unknown word is not covered, by index, for the person who decides. */
  readonly problems: ReadonlyMap<number, string>;
}

/** find's `{}` is as inside as find's starting points; `<(…)` is a pipe from a command judged on its own. */
function foundOrPiped(word: ShellWord, wrappers: readonly string[]): boolean {
  return isFoundPath(word, wrappers) || isProcessSubstitution(word);
}

export function allowRestrictions(command: SimpleCommand, cwd: string | null, context: PermissionContext): AllowRestrictions {
  const outside = outsideReadWords(command, cwd, context);
  const reading = readArguments(command.argv, { cwd, context });
  const problems = new Map<number, string>();
  reading?.problems.forEach((problem, index) => {
    const word = command.argv[index];
    // Outside paths follow their own rule: a rule word naming the place covers them.
    if (problem === null || outside.has(index) || word === undefined || foundOrPiped(word, command.wrappers)) return;
    problems.set(index, problem);
  });
  // A program the catalogue cannot read: a hand-written `*` covers its operands, never an option
  // (`tar -xzf a.tgz --to-command=sh`) or a word only known at run time, which may be one.
  if (reading === null) {
    command.argv.forEach((word, index) => {
      if (index === 0 || outside.has(index) || foundOrPiped(word, command.wrappers)) return;
      if (!word.isStatic || (word.value.startsWith('-') && word.value !== '-')) problems.set(index, `${word.text}: an option (or a value only known at run time) of a program the catalogue does not know`);
    });
  }
  // What xargs appends is never known to be harmless for a catalogued program.
  if (reading !== null && command.openEnded) problems.set(command.argv.length, 'what xargs appends is only known at run time');
  // Harmless words a `*` still may not stand for: they say where the program reaches.
  const unknown = new Set([...problems.keys(), ...(reading?.literalOnly ?? [])]);
  return { outside, unknown, reading, problems };
}
