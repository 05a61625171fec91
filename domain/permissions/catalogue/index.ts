// The catalogue: every program whose arguments orc can read, by name. A program not here is
// learned only as the exact command approved (or a prefix a person writes by hand).
// To add a program, see ../README.md ("The catalogue").
import { BUILD_TOOLS } from './build-tools.ts';
import { GIT } from './git.ts';
import type { ProgramGrammar } from './grammar.ts';
import { JS_TOOLS } from './js-tools.ts';
import { NETWORK_TOOLS } from './network-tools.ts';
import { PYTHON_TOOLS } from './python-tools.ts';
import { SEARCH_TOOLS } from './search-tools.ts';
import { TEXT_TOOLS } from './text-tools.ts';
import { FILE_TOOLS } from './file-tools.ts';

const CATALOGUE: ReadonlyMap<string, ProgramGrammar> = new Map(Object.entries({
  git: GIT,
  ...TEXT_TOOLS,
  ...FILE_TOOLS,
  ...SEARCH_TOOLS,
  ...NETWORK_TOOLS,
  ...JS_TOOLS,
  ...PYTHON_TOOLS,
  ...BUILD_TOOLS,
}));

/** Directories whose programs are the system's own: `/usr/bin/git` is git, `./git` is not. */
const SYSTEM_BIN = /^\/(usr\/(local\/)?)?s?bin\/[^/]+$/;

/** The grammar for the program argv[0] names, if the catalogue has it. */
export function grammarOf(argv0: string): ProgramGrammar | undefined {
  if (argv0.includes('/') && !SYSTEM_BIN.test(argv0)) return undefined;
  const name = argv0.slice(argv0.lastIndexOf('/') + 1);
  return CATALOGUE.get(name);
}
