// Shell builtins that evaluate code hidden in values: a name with a subscript (`a[$(cmd)]`) is
// evaluated as arithmetic when declare, printf -v, read, unset or test -v assign or look it up;
// source runs a file; let and (( )) are arithmetic. They wait for a person, whatever was learned.
import { ARITHMETIC_TEST } from './code-running-expansions.ts';
import type { SimpleCommand } from './shell-analysis.ts';
import { isInertName } from './shell-variables.ts';

const ALWAYS_HELD = new Map([
  ['source', 'source runs the commands in a file'],
  ['.', '. runs the commands in a file'],
  ['let', 'let evaluates arithmetic, which runs code hidden in variables'],
  ['declare', 'declare can evaluate subscripts and set attributes that run code'],
  ['typeset', 'typeset can evaluate subscripts and set attributes that run code'],
  ['local', 'local can evaluate subscripts'],
  ['readonly', 'readonly can evaluate subscripts'],
  ['unset', 'unset evaluates subscripts'],
  ['enable', 'enable loads builtins from shared objects'],
  ['trap', 'trap runs a command later'],
  ['alias', 'alias changes what a later word runs'],
  ['shopt', 'shopt changes how later commands are read'],
  ['set', 'set changes how later commands run (allexport, …)'],
  ['hash', 'hash changes which file a later command name runs'],
]);

/** Why this simple command evaluates hidden code, or null. */
export function codeRunningBuiltin(command: SimpleCommand): string | null {
  const [program, ...args] = command.argv;
  if (program === undefined || !program.isStatic) return null;
  const name = program.value;
  const held = ALWAYS_HELD.get(name);
  if (held !== undefined) return held;
  if (name === 'export') {
    // `export NODE_ENV=test` is an inert assignment; anything else reaches every later program.
    const risky = args.find((word) => !word.isStatic || !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word.value) || !isInertName(word.value.slice(0, word.value.indexOf('='))));
    return risky === undefined ? null : `export ${risky.text}: only inert variables with fixed values are known to be harmless`;
  }
  if (name === 'printf' && args.some((word) => !word.isStatic || word.value.startsWith('-v'))) return 'printf -v assigns a variable, evaluating its subscript';
  if ((name === 'read' || name === 'mapfile' || name === 'readarray' || name === 'getopts' || name === 'wait') && args.some((word) => !word.isStatic || word.value.includes('['))) {
    return `${name} assigns to a name with a subscript, which is evaluated`;
  }
  if (name === 'test' || name === '[') {
    if (args.some((word) => word.isStatic && (word.value === '-v' || word.value === '-R'))) return `${name} -v evaluates a subscript`;
    const arithmetic = args.findIndex((word) => word.isStatic && ARITHMETIC_TEST.has(word.value));
    if (arithmetic > 0) {
      const operands = [args[arithmetic - 1], args[arithmetic + 1]];
      if (!operands.every((word) => word !== undefined && word.isStatic && /^-?\d+$/.test(word.value))) return `${name} compares arithmetically, which runs code hidden in its operands`;
    }
  }
  return null;
}
