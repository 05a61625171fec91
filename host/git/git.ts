// The one place git is run: always as an argument array (never a shell string), with stdin
// closed and an environment in which git cannot stop to ask anything, because these runs
// happen on timers and in activities where nobody is there to answer; and with every program
// the repository's own config or hooks name switched off (NEUTRAL_CONFIG, filterOverrides).
import { execFile } from 'node:child_process';

export class GitError extends Error {
  override name = 'GitError';
  readonly args: readonly string[];
  readonly stderr: string;
  /** git's exit status; null when git could not be started or was killed by a signal. */
  readonly exitCode: number | null;
  /** What git printed before failing: some commands answer on stdout with a non-zero status (merge-tree's conflicts). */
  readonly stdout: string;
  constructor(message: string, args: readonly string[], stderr: string, exitCode: number | null, stdout = '') {
    super(message);
    this.args = args;
    this.stderr = stderr;
    this.exitCode = exitCode;
    this.stdout = stdout;
  }
}

export interface GitRunOptions {
  /** Extra environment for this run, on top of the stable one. */
  env?: Record<string, string>;
}

export interface Git {
  /** Runs `git <args>` in cwd and resolves with its stdout; rejects with a GitError. */
  run(cwd: string, args: readonly string[], options?: GitRunOptions): Promise<string>;
}

export interface GitOptions {
  binary?: string;
  /**
   * A git that hangs (a stuck credential helper, a filter waiting on the network) is killed
   * after this long: it may be holding the index lock, and then the agent's own git would
   * block too. SIGTERM lets git remove its lock files on the way out.
   */
  timeoutMs?: number;
}

/**
 * Variables that point git at some other repository or index. A worker started from inside
 * a git hook or alias inherits them, and then every run would act on that repository instead
 * of the one in cwd. This is git's own `local_repo_env` list, which git clears for the same
 * reason when it runs itself in a submodule.
 */
const REPO_LOCAL_ENV = [
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_CONFIG',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  'GIT_OBJECT_DIRECTORY',
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_IMPLICIT_WORK_TREE',
  'GIT_GRAFT_FILE',
  'GIT_INDEX_FILE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_REPLACE_REF_BASE',
  'GIT_PREFIX',
  'GIT_INTERNAL_SUPER_PREFIX',
  'GIT_SHALLOW_FILE',
  'GIT_COMMON_DIR',
];

/** What every run gets: no prompts, no pager, no editor, and messages in one language. */
const STABLE_ENV: Record<string, string> = {
  GIT_TERMINAL_PROMPT: '0',
  GCM_INTERACTIVE: 'never',
  GIT_PAGER: 'cat',
  PAGER: 'cat',
  GIT_EDITOR: 'true',
  GIT_SEQUENCE_EDITOR: 'true',
  // Output and error text are matched by callers (e.g. "not a git repository").
  LC_ALL: 'C',
  LANGUAGE: 'C',
};

export function gitEnvironment(base: NodeJS.ProcessEnv, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of REPO_LOCAL_ENV) delete env[name];
  return { ...env, ...STABLE_ENV, ...extra };
}

/**
 * Settings every git orc runs gets, over whatever the repository's config says. A project's
 * .git/config, .git/hooks and .gitattributes can be written by its agents, and some settings
 * name programs git runs by itself: orc's own git (checkpoints on a timer, worktrees) would run
 * them with the worker's rights, outside every permission check. With these none runs:
 * - core.fsmonitor: a program run at every index refresh (status, add, diff, commit, checkout);
 * - core.hooksPath=/dev/null: every hook, also those --no-verify leaves on (prepare-commit-msg,
 *   post-commit, post-index-change, reference-transaction, post-checkout, pre-auto-gc);
 * - core.pager: there is no terminal anyway, but never a program of the repository's;
 * - submodule.recurse: no command goes on into submodules by itself;
 * - protocol.allow=never: no remote is contacted, even indirectly (a partial clone fetching a
 *   missing object, a submodule), so no core.sshCommand, credential helper or proxy runs;
 * - gc.auto, maintenance.auto: no gc or maintenance started in the background after a commit.
 * Given as `-c`, which git passes on to the git processes it starts itself (a status run in a
 * submodule). Filter drivers are named by the repository: see filterOverrides. Diff drivers
 * (diff.external, diff.<driver>.command and .textconv) run only where a caller asks a porcelain
 * diff for them: orc's diffs pass --no-ext-diff --no-textconv, or are plumbing (diff-tree).
 */
export const NEUTRAL_CONFIG: readonly (readonly [key: string, value: string])[] = [
  ['core.fsmonitor', 'false'],
  ['core.hooksPath', '/dev/null'],
  ['core.pager', 'cat'],
  ['submodule.recurse', 'false'],
  ['protocol.allow', 'never'],
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
];

const NEUTRAL_ARGS: readonly string[] = NEUTRAL_CONFIG.flatMap(([key, value]) => ['-c', `${key}=${value}`]);

/**
 * The filter drivers the repository's config defines (the local, worktree, global and system
 * files with their includes), in the config's own spelling: `filter.<name>.clean`, `.smudge`
 * or `.process` is a program git runs on file contents whenever .gitattributes (or
 * .git/info/attributes) gives a path `filter=<name>`, in add, status, diff and checkout.
 * Attributes cannot be switched off from the command line, so each driver is emptied instead.
 */
export function filterDriverNames(configNames: string): string[] {
  const names = new Set<string>();
  for (const key of configNames.split('\0')) {
    // filter.<name>.<variable>, where <name> may hold dots; filter.<variable> defines no driver.
    const last = key.lastIndexOf('.');
    if (!key.startsWith('filter.') || last <= 'filter'.length) continue;
    names.add(key.slice('filter.'.length, last));
  }
  return [...names];
}

/**
 * Overrides that leave each driver without a program (an empty clean, smudge or process is no
 * filter) and not required (a required filter without a program fails the command). A name
 * holding `=` cannot be said with `-c` (git splits there), so those go through
 * GIT_CONFIG_COUNT/KEY/VALUE, which git (2.31 and later) takes as exact key and value pairs.
 */
export function filterOverrides(names: readonly string[]): { args: string[]; env: Record<string, string> } {
  const args: string[] = [];
  const pairs: [string, string][] = [];
  for (const name of names) {
    for (const [variable, value] of [['clean', ''], ['smudge', ''], ['process', ''], ['required', 'false']] as const) {
      const key = `filter.${name}.${variable}`;
      if (name.includes('=')) pairs.push([key, value]);
      else args.push('-c', `${key}=${value}`);
    }
  }
  const env: Record<string, string> = {};
  if (pairs.length > 0) {
    env['GIT_CONFIG_COUNT'] = String(pairs.length);
    for (const [i, [key, value]] of pairs.entries()) {
      env[`GIT_CONFIG_KEY_${i}`] = key;
      env[`GIT_CONFIG_VALUE_${i}`] = value;
    }
  }
  return { args, env };
}

export function createGit(options: GitOptions = {}): Git {
  const binary = options.binary ?? 'git';
  const timeout = options.timeoutMs ?? 10 * 60_000;
  /** Runs the binary; errors name `shown`, the caller's arguments, not the settings put before them. */
  const exec = (cwd: string, args: readonly string[], shown: readonly string[], extraEnv: Record<string, string>): Promise<string> => {
    const env = gitEnvironment(process.env, extraEnv);
    return new Promise((resolve, reject) => {
      const child = execFile(binary, args, { cwd, env, timeout, killSignal: 'SIGTERM', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) {
          const exitCode = typeof error.code === 'number' ? error.code : null;
          const detail = error.killed ? `killed after ${timeout} ms` : stderr.trim() || error.message;
          reject(new GitError(`git ${shown.join(' ')} failed in ${cwd}: ${detail}`, shown, stderr, exitCode, stdout));
          return;
        }
        resolve(stdout);
      });
      // Nothing is ever written to git's stdin; closing it makes anything that would read
      // an answer from it see end-of-file instead of waiting forever.
      child.stdin?.end();
    });
  };
  return {
    async run(cwd, args, runOptions = {}) {
      // Read afresh for every run: the agent may have added a driver since the last one.
      // (`git config` itself runs no program; exit 1 means no such key.)
      let configNames = '';
      try {
        configNames = await exec(cwd, [...NEUTRAL_ARGS, 'config', '--null', '--name-only', '--get-regexp', '^filter\\.'], args, {});
      } catch (err) {
        if (!(err instanceof GitError && err.exitCode === 1)) throw err;
      }
      const filters = filterOverrides(filterDriverNames(configNames));
      return exec(cwd, [...NEUTRAL_ARGS, ...filters.args, ...args], args, { ...runOptions.env, ...filters.env });
    },
  };
}
