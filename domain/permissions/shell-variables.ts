// Which variables a command may set without a person. A variable can change what a program runs
// or where (`GIT_EXTERNAL_DIFF`, `MAKEFLAGS`, `CDPATH`, `PATH`, `npm_config_script_shell`), so this
// is an allow-list of names known to be inert, with values fixed in the text; any other name, or
// any value only known at run time, waits for a person.

/** Names that only switch a mode, a colour, a port or a language. */
const INERT_NAMES = new Set([
  'NODE_ENV', 'CI', 'PORT', 'HOST', 'DEBUG', 'FORCE_COLOR', 'NO_COLOR', 'CLICOLOR', 'CLICOLOR_FORCE', 'TZ', 'LANG', 'LANGUAGE', 'TERM', 'COLUMNS', 'LINES',
  'RUST_BACKTRACE', 'RUST_LOG', 'PYTHONUNBUFFERED', 'PYTHONDONTWRITEBYTECODE', 'PYTHONHASHSEED', 'CGO_ENABLED', 'NODE_NO_WARNINGS', 'LOG_LEVEL',
  'VERBOSE', 'HEADLESS', 'TERM_PROGRAM', 'VITEST_MAX_THREADS', 'JEST_WORKER_ID', 'UV_NO_PROGRESS', 'NPM_CONFIG_FUND', 'NPM_CONFIG_AUDIT',
  'NPM_CONFIG_UPDATE_NOTIFIER', 'HUSKY', 'GIT_TERMINAL_PROMPT', 'GIT_PAGER_IN_USE', 'PAGER_DISABLED', 'SKIP_ENV_VALIDATION', 'NEXT_TELEMETRY_DISABLED',
]);

/** Shell variables and environment names in lower case that still steer programs. */
const STEERING_LOWERCASE = /^(http_proxy|https_proxy|ftp_proxy|all_proxy|no_proxy|npm_config_.*|yarn_.*|pnpm_.*)$/i;

export function isInertName(name: string): boolean {
  return INERT_NAMES.has(name) || name.startsWith('LC_');
}

/** Why setting `name` for a program (`X=1 cmd`, `env X=1 cmd`) is not known to be harmless, or null. */
export function prefixAssignmentProblem(name: string, valueIsStatic: boolean): string | null {
  if (!isInertName(name)) return `${name} is set for the command; only inert variables (NODE_ENV, CI, PORT, DEBUG, TZ, LANG…) are known to be harmless`;
  return valueIsStatic ? null : `${name} is set to a value only known at run time`;
}

/**
 * Why a shell assignment on its own (`x=1; …`) is not known to be harmless. A lower-case name is
 * the command's own variable, judged where it is used; an upper-case one may already be in the
 * environment (PATH, GIT_DIR, CDPATH) and so reach every program that follows.
 */
export function shellAssignmentProblem(name: string): string | null {
  if (isInertName(name)) return null;
  if (/[a-z]/.test(name) && !STEERING_LOWERCASE.test(name)) return null;
  return `${name}=… changes the environment of what runs after it`;
}
