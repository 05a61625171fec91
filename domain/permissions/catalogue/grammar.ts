// The shape of the program catalogue: for a program (and each of its subcommands), which options
// are harmless flags, which take a value and of what kind, and what its operands are. Anything
// not written here is unknown, and an unknown word is never covered by a learned `*`: the
// catalogue is an allow-list, not a list of dangers.

/**
 * What a value (of an option, or an operand) may be:
 * - `text`: any fixed word: a message, a pattern, a name, a number, a ref. Never a path the
 *   program opens because of this word.
 * - `read-path`: a file or directory the program reads: inside the workspace (or a harmless
 *   device), never a credential place.
 * - `write-path`: a file the program writes: inside the workspace or the scratch dir, and never a
 *   file that makes code run later (`.git/**`, `.claude/**`, `.envrc`…).
 * - `loopback-url`: an http(s) URL on this machine's loopback (`localhost:3000/health`).
 * - `integer`: digits only.
 */
export type ValueKind = 'text' | 'read-path' | 'write-path' | 'loopback-url' | 'integer';

/** An option is a flag (takes nothing) or takes a value of a kind. */
export type OptionKind = 'flag' | ValueKind;

export interface ProgramGrammar {
  /**
   * Options by their exact spelling (`-n`, `--stat`). A value-taking long option accepts
   * `--name=value` and `--name value`; a short one `-nVALUE` and `-n VALUE`.
   */
  readonly options: Readonly<Record<string, OptionKind>>;
  /** What positional words are; `none` when the program takes none. */
  readonly operands: ValueKind | 'none';
  /**
   * Subcommands, by name. The first operand picks one; an unknown subcommand is an unknown word.
   * Options given before it are the program's own (`git --no-pager log`).
   */
  readonly subcommands?: Readonly<Record<string, ProgramGrammar>>;
  /** What follows `--`: operands of this kind (default: the same as `operands`). */
  readonly afterDoubleDash?: ValueKind | ProgramGrammar;
  /** Options are whole words even with one dash (`find -name`, `go test -run`): no `-la` clusters. */
  readonly singleDashLong?: boolean;
  /** Option prefixes that are always harmless flags (`--no-color`…), for families too long to list. */
  readonly flagPrefixes?: readonly string[];
  /** Operand words that mean something to the program itself (find's `(`, `!`, `-o`): harmless. */
  readonly keywords?: readonly string[];
  /**
   * Checks an operand beyond its kind (a sed script, a jq filter): a problem, or null when fine.
   * The index counts operands from 0.
   */
  readonly checkOperand?: (value: string, index: number) => string | null;
  /**
   * Leading operands a learned rule names, because they say what runs: `npm run <script>`,
   * `make <target>`, `node <script>`, `npx <tool>`. Learned: `Bash(npm run test *)`.
   */
  readonly keepOperands?: number;
  /**
   * The kept operands say where the program reaches (curl's URL): only a rule word that spells
   * them out covers them, never a `*`, so `Bash(curl *)` does not reach every port on loopback.
   */
  readonly keptOperandsLiteral?: boolean;
  /** The first operand is a program, read with its own catalogue entry (`npx tsc --noEmit`, `uv run pytest`). */
  readonly thenProgram?: boolean;
  /** Everything after the kept operands is the script's own business: any fixed word (`node scripts/x.ts --dry-run`). */
  readonly restIsScriptArguments?: boolean;
  /** Options that pick what runs, like a subcommand (`python -m pytest`): option → value → grammar of the rest. */
  readonly selectors?: Readonly<Record<string, Readonly<Record<string, ProgramGrammar>>>>;
  /**
   * The first operand is of this kind (a search's pattern, a jq filter), unless one of
   * `patternOptions` gives the pattern instead (`grep -e x file`): then every operand is `operands`.
   */
  readonly firstOperand?: ValueKind;
  readonly patternOptions?: readonly string[];
  /** Operands may be only known at run time (`echo "$X"`): the program only prints them. */
  readonly dynamicOperands?: boolean;
  /** Options whose value needs a check beyond its kind, by option name. */
  readonly checkValue?: Readonly<Record<string, (value: string) => string | null>>;
}

/** A grammar whose operands are all of one kind, with the options given. */
export function program(options: Readonly<Record<string, OptionKind>>, operands: ValueKind | 'none', extra: Partial<ProgramGrammar> = {}): ProgramGrammar {
  return { options, operands, ...extra };
}

/** The same flags under several spellings: `flags('-l', '--long')`. */
export function flags(...names: string[]): Record<string, OptionKind> {
  return Object.fromEntries(names.map((name) => [name, 'flag' as const]));
}

/** Several options taking the same kind of value. */
export function valued(kind: ValueKind, ...names: string[]): Record<string, OptionKind> {
  return Object.fromEntries(names.map((name) => [name, kind]));
}
