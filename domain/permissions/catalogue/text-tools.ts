// Programs that print or filter text: what they read is a path inside the workspace, what they
// write (sort -o) a path there too. echo and printf only print their words, so words only known
// at run time are fine for echo; printf -v (assigns a variable, evaluating a subscript) is left out.
import { type ProgramGrammar, flags, program, valued } from './grammar.ts';

const R = 'read-path' as const;

/** A second operand that some filters write to (`uniq in out`, `xxd in out`). */
const ONLY_INPUT = (_value: string, index: number): string | null => (index >= 1 ? 'a second operand is a file this program writes' : null);

const LINES = { ...valued('text', '-n', '--lines', '-c', '--bytes', '-s', '--sleep-interval', '--pid'), ...flags('-<number>', '-q', '-v', '-f', '-F', '-z', '--quiet', '--silent', '--verbose', '--follow', '--retry', '--zero-terminated') };

export const TEXT_TOOLS: Readonly<Record<string, ProgramGrammar>> = {
  cat: program({ ...flags('-n', '-b', '-A', '-e', '-E', '-s', '-t', '-T', '-v', '-u', '--number', '--number-nonblank', '--show-all', '--show-ends', '--show-tabs', '--squeeze-blank', '--show-nonprinting') }, R),
  head: program(LINES, R),
  tail: program(LINES, R),
  tac: program({ ...flags('-b', '-r', '--before', '--regex'), ...valued('text', '-s', '--separator') }, R),
  nl: program({ ...valued('text', '-b', '-n', '-s', '-v', '-w', '-i', '--body-numbering', '--number-format', '--number-separator', '--number-width') }, R),
  rev: program({}, R),
  sort: program({
    ...flags('-n', '-r', '-u', '-h', '-V', '-f', '-b', '-d', '-g', '-M', '-R', '-s', '-c', '-C', '-z', '-i', '--reverse', '--numeric-sort', '--unique', '--human-numeric-sort',
      '--version-sort', '--ignore-case', '--stable', '--check', '--random-sort', '--general-numeric-sort', '--month-sort', '--ignore-leading-blanks', '--dictionary-order', '--zero-terminated'),
    ...valued('text', '-k', '--key', '-t', '--field-separator', '-S', '--buffer-size'),
    ...valued('integer', '--parallel'),
    ...valued('write-path', '-o', '--output'),
  }, R),
  uniq: program({ ...flags('-c', '-d', '-D', '-u', '-i', '-z', '--count', '--repeated', '--unique', '--ignore-case'), ...valued('integer', '-f', '-s', '-w', '--skip-fields', '--skip-chars', '--check-chars') }, R, { checkOperand: ONLY_INPUT }),
  cut: program({ ...flags('-s', '-z', '--complement', '--only-delimited'), ...valued('text', '-d', '-f', '-c', '-b', '--delimiter', '--fields', '--characters', '--bytes', '--output-delimiter') }, R),
  tr: program({ ...flags('-d', '-s', '-c', '-C', '-t', '--delete', '--squeeze-repeats', '--complement', '--truncate-set1') }, 'text'),
  paste: program({ ...flags('-s', '-z', '--serial'), ...valued('text', '-d', '--delimiters') }, R),
  comm: program({ ...flags('-1', '-2', '-3', '-i', '-z', '--check-order', '--nocheck-order', '--total'), ...valued('text', '--output-delimiter') }, R),
  column: program({ ...flags('-t', '-x', '-n', '-e', '-J', '--table', '--fillrows', '--json'), ...valued('text', '-s', '-o', '-N', '-R', '-H', '--separator', '--output-separator', '--table-columns'), ...valued('integer', '-c', '--output-width') }, R),
  fold: program({ ...flags('-s', '-b', '--spaces', '--bytes'), ...valued('integer', '-w', '--width') }, R),
  fmt: program({ ...flags('-s', '-u', '--split-only', '--uniform-spacing'), ...valued('integer', '-w', '--width') }, R),
  expand: program({ ...flags('-i', '--initial'), ...valued('text', '-t', '--tabs') }, R),
  diff: program({
    ...flags('-u', '-c', '-r', '-N', '-q', '-y', '-w', '-b', '-B', '-i', '-a', '-p', '-s', '-t', '-T', '-E', '-Z', '--brief', '--recursive', '--new-file',
      '--side-by-side', '--suppress-common-lines', '--ignore-all-space', '--ignore-space-change', '--ignore-blank-lines', '--ignore-case', '--text',
      '--report-identical-files', '--expand-tabs', '--strip-trailing-cr', '--minimal', '--color', '--show-c-function', '--normal'),
    ...valued('integer', '-U', '--unified', '-C', '--context', '-W', '--width'),
    ...valued('text', '-x', '--exclude', '--label', '-I', '--ignore-matching-lines'),
  }, R),
  cmp: program({ ...flags('-l', '-s', '-b', '--verbose', '--silent', '--quiet', '--print-bytes'), ...valued('text', '-n', '--bytes', '-i', '--ignore-initial') }, R),
  xxd: program({ ...flags('-p', '-u', '-e', '-b', '-i', '-C', '-ps', '-plain'), ...valued('text', '-s', '-seek'), ...valued('integer', '-l', '-len', '-c', '-cols', '-g', '-groupsize', '-o') }, R, { checkOperand: ONLY_INPUT }),
  od: program({ ...flags('-v', '-c', '-x', '-d', '-o', '-b', '--output-duplicates'), ...valued('text', '-A', '-t', '-j', '--address-radix', '--format', '--skip-bytes', '-w', '--width'), ...valued('integer', '-N', '--read-bytes') }, R),
  hexdump: program({ ...flags('-C', '-v', '-b', '-c', '-d', '-o', '-x', '--canonical'), ...valued('integer', '-n', '--length'), ...valued('text', '-s', '--skip', '-e', '--format') }, R),
  strings: program({ ...flags('-a', '-d', '-w', '--all', '--data'), ...valued('integer', '-n', '--bytes'), ...valued('text', '-t', '--radix', '-e', '--encoding') }, R),
  echo: program({ ...flags('-n', '-e', '-E') }, 'text', { dynamicOperands: true }),
  printf: program({}, 'text'),
  true: program({}, 'none'),
  false: program({}, 'none'),
  sleep: program({}, 'text'),
  seq: program({ ...flags('-w', '--equal-width'), ...valued('text', '-s', '--separator', '-f', '--format') }, 'text'),
  date: program({ ...flags('-u', '-R', '--utc', '--universal', '--rfc-email', '-I', '--iso-8601', '--rfc-3339'), ...valued('text', '-d', '--date') }, 'text', {
    // `date -s` and `date MMDDhhmm` set the clock (and need root): only `+FORMAT` is an operand here.
    checkOperand: (value) => (value.startsWith('+') ? null : `${value}: only a +FORMAT operand is known to be harmless`),
  }),
  uname: program({ ...flags('-a', '-s', '-r', '-m', '-n', '-o', '-p', '-v', '-i', '--all', '--kernel-name', '--kernel-release', '--machine') }, 'none'),
  whoami: program({}, 'none'),
  id: program({ ...flags('-u', '-g', '-G', '-n', '-r') }, 'text'),
  hostname: program({ ...flags('-s', '-f', '-i', '-I', '--short', '--fqdn') }, 'none'),
  nproc: program({ ...flags('--all') }, 'none'),
};
