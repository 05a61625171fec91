// Programs that search or transform text with a pattern or a small program of their own: the
// pattern is text, never a file; the files are paths inside the workspace. Left out: rg --pre
// (runs a program on every file), grep/rg reading patterns from stdin, sed -i (edits in place),
// sed -f (a script file could hold `w` or `e`), and, inside a sed script, the commands that write
// (`w`, `W`), read (`r`, `R`) or run (`e`, `s///e`); jq filters that read the environment ($ENV, env).
import { type ProgramGrammar, flags, program, valued } from './grammar.ts';

const R = 'read-path' as const;

const GREP = program({
  ...flags('-r', '-R', '-n', '-i', '-l', '-L', '-c', '-v', '-w', '-x', '-E', '-F', '-P', '-G', '-o', '-h', '-H', '-s', '-q', '-a', '-I', '-z', '-Z', '-b', '-T', '-U',
    '--recursive', '--dereference-recursive', '--line-number', '--ignore-case', '--files-with-matches', '--files-without-match', '--count', '--invert-match',
    '--word-regexp', '--line-regexp', '--extended-regexp', '--fixed-strings', '--perl-regexp', '--basic-regexp', '--only-matching', '--no-filename',
    '--with-filename', '--no-messages', '--quiet', '--silent', '--text', '--null', '--null-data', '--byte-offset', '--line-buffered', '--initial-tab', '--color', '--colour'),
  ...valued('text', '-e', '--regexp', '--include', '--exclude', '--exclude-dir', '--binary-files', '-d', '--directories', '-D', '--devices', '--label', '--group-separator'),
  ...valued('integer', '-A', '-B', '-C', '-m', '--after-context', '--before-context', '--context', '--max-count'),
  ...valued(R, '-f', '--file'),
}, R, { firstOperand: 'text', patternOptions: ['-e', '--regexp', '-f', '--file'] });

const RIPGREP = program({
  ...flags('-n', '-N', '-i', '-S', '-s', '-w', '-x', '-v', '-l', '-c', '-F', '-o', '-q', '-u', '-uu', '-uuu', '-U', '-P', '-L', '-0', '-H', '-I', '-p',
    '--line-number', '--no-line-number', '--ignore-case', '--smart-case', '--case-sensitive', '--word-regexp', '--line-regexp', '--invert-match',
    '--files-with-matches', '--files-without-match', '--count', '--count-matches', '--fixed-strings', '--only-matching', '--quiet', '--hidden',
    '--no-ignore', '--no-ignore-vcs', '--no-ignore-parent', '--multiline', '--pcre2', '--follow', '--null', '--no-heading', '--heading',
    '--with-filename', '--no-filename', '--files', '--json', '--vimgrep', '--stats', '--trim', '--column', '--no-messages', '--type-list', '--pretty', '--no-config'),
  ...valued('text', '-e', '--regexp', '-g', '--glob', '--iglob', '-t', '--type', '-T', '--type-not', '--sort', '--sortr', '--color', '--colors', '-r', '--replace', '--encoding', '-E', '-M', '--max-columns'),
  ...valued('integer', '-A', '-B', '-C', '-m', '-j', '--after-context', '--before-context', '--context', '--max-count', '--max-depth', '--threads', '-d'),
  ...valued(R, '-f', '--file', '--ignore-file'),
}, R, { firstOperand: 'text', patternOptions: ['-e', '--regexp', '-f', '--file', '--files', '--type-list'] });

/** One sed command that only prints, deletes, quits or substitutes without `w`/`e` flags. */
const SAFE_SED_COMMAND = /^\s*(?:(?:\d+|\$|\/(?:[^/\\]|\\.)*\/)(?:\s*,\s*(?:\d+|\$|\/(?:[^/\\]|\\.)*\/|\+\d+))?)?\s*!?\s*(?:[pdqQ=nNgGhHxlP]|s([^\w\s\\\n])(?:(?!\1)[^\\]|\\.)*\1(?:(?!\1)[^\\]|\\.)*\1[gIip0-9]*|y([^\w\s\\\n])(?:(?!\2)[^\\]|\\.)*\2(?:(?!\2)[^\\]|\\.)*\2)?\s*$/;

/** A sed script of safe commands separated by `;` or newlines; anything else is unknown. */
export function sedScriptProblem(script: string): string | null {
  const commands = script.split(/[;\n]/);
  const unsafe = commands.find((command) => !SAFE_SED_COMMAND.test(command));
  return unsafe === undefined ? null : `sed command ${JSON.stringify(unsafe.trim())}: only p, d, q and s///[gip] are known to be harmless (not w, r, e)`;
}

/** A jq filter that reads no environment, file or module of its own. */
function jqFilterProblem(filter: string): string | null {
  return /\$ENV|\benv\b|\binput_filename\b|\binclude\b|\bimport\b|\$__loc__|\binputs?\b|\bdebug\b|\bstderr\b/.test(filter) ? `jq filter ${JSON.stringify(filter)} reads the environment, other files or modules` : null;
}

export const SEARCH_TOOLS: Readonly<Record<string, ProgramGrammar>> = {
  grep: GREP,
  egrep: GREP,
  fgrep: GREP,
  rg: RIPGREP,
  sed: program({ ...flags('-n', '-E', '-r', '-s', '-u', '-z', '--quiet', '--silent', '--regexp-extended', '--separate', '--unbuffered', '--posix', '--debug', '--sandbox'), ...valued('text', '-e', '--expression') }, R, {
    firstOperand: 'text', patternOptions: ['-e', '--expression', '-f', '--file'],
    checkOperand: (value, index) => (index === 0 ? sedScriptProblem(value) : null),
    checkValue: { '-e': sedScriptProblem, '--expression': sedScriptProblem },
  }),
  jq: program({ ...flags('-r', '-c', '-e', '-s', '-n', '-S', '-j', '-a', '-C', '-M', '--raw-output', '--compact-output', '--exit-status', '--slurp', '--null-input', '--sort-keys', '--tab', '--join-output', '--ascii-output', '--color-output', '--monochrome-output', '--raw-input', '-R'), ...valued('integer', '--indent') }, R, {
    firstOperand: 'text', patternOptions: ['-f', '--from-file'],
    checkOperand: (value, index) => (index === 0 ? jqFilterProblem(value) : null),
  }),
};
