// The one place git is run: always as an argument array (never a shell string), with stdin
// closed and an environment in which git cannot stop to ask anything, because these runs
// happen on timers and in activities where nobody is there to answer.
import { execFile } from 'node:child_process';

export class GitError extends Error {
  override name = 'GitError';
  readonly args: readonly string[];
  readonly stderr: string;
  /** git's exit status; null when git could not be started or was killed by a signal. */
  readonly exitCode: number | null;
  constructor(message: string, args: readonly string[], stderr: string, exitCode: number | null) {
    super(message);
    this.args = args;
    this.stderr = stderr;
    this.exitCode = exitCode;
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

export function createGit(options: GitOptions = {}): Git {
  const binary = options.binary ?? 'git';
  const timeout = options.timeoutMs ?? 10 * 60_000;
  return {
    run(cwd, args, runOptions = {}) {
      const env = gitEnvironment(process.env, runOptions.env);
      return new Promise((resolve, reject) => {
        const child = execFile(
          binary,
          args,
          { cwd, env, timeout, killSignal: 'SIGTERM', maxBuffer: 64 * 1024 * 1024 },
          (error, stdout, stderr) => {
            if (error) {
              const exitCode = typeof error.code === 'number' ? error.code : null;
              const detail = error.killed ? `killed after ${timeout} ms` : stderr.trim() || error.message;
              reject(new GitError(`git ${args.join(' ')} failed in ${cwd}: ${detail}`, args, stderr, exitCode));
              return;
            }
            resolve(stdout);
          },
        );
        // Nothing is ever written to git's stdin; closing it makes anything that would read
        // an answer from it see end-of-file instead of waiting forever.
        child.stdin?.end();
      });
    },
  };
}
