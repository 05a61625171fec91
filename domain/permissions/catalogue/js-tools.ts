// JavaScript tools: npm/pnpm/yarn running the project's scripts, npx, node, and the checkers and
// test runners agents call directly. The project's scripts, configs and test files are the
// project's own code: running them is what an "always" on `npm test` says yes to. What is left
// out is every option that reaches beyond that: another project or prefix (`--prefix`, `-C`,
// `--dir`, `--cwd`, `-g`), another config, shell or registry (`--userconfig`, `--globalconfig`,
// `--script-shell`, `--node-options`, `--cache`, `--registry`, `-c`/`--config`), a module loaded by
// name or path (`--require`, `--import`, `--loader`, `--plugin`, `--rulesdir`, `--parser`, a
// reporter or formatter that is not built in), a download (`install`, `ci`, `exec`, `dlx`, `npx -y`,
// `npx pkg@version`), a file written anywhere (`--outputFile`), and a debugger port (`--inspect`).
import { type OptionKind, type ProgramGrammar, flags, program, valued } from './grammar.ts';

/** A check that a value is one of the program's built-in names: any other name or a path loads a module. */
function oneOf(what: string, ...names: string[]): (value: string) => string | null {
  const known = new Set(names);
  return (value) => (known.has(value) ? null : `${value}: only built-in ${what} are known to be harmless (another name or a path loads code)`);
}

/** tsc, pytest, mypy and rustc read `@file` as more arguments, which the grammar never sees. */
export function notArgumentFile(value: string): string | null {
  return value.startsWith('@') ? `${value}: an @file holds more arguments, which are not judged` : null;
}

/** Words after a last `--`: nothing is known about them. */
const NOTHING = program({}, 'none');

/** A registry package name, maybe with a version: never a URL, path, git or `github:` spec, which is fetched from anywhere. */
function packageName(value: string): string | null {
  return /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(@[\w.^~<>=*+ -]*)?$/i.test(value) ? null : `${value}: only registry package names are known to be harmless`;
}

/** A pnpm filter (`web`, `./packages/a`, `...^web`, `{./apps/*}`): not a directory above the workspace in braces. */
function workspaceFilter(value: string): string | null {
  return /(^|[{!/])\.\.(\/|\}|$)|\{[/~]/.test(value) ? `${value}: selects directories outside the workspace` : null;
}

const REPORTERS = oneOf('reporters',
  'default', 'basic', 'verbose', 'dot', 'json', 'junit', 'tap', 'tap-flat', 'tree', 'hanging-process', 'github-actions', 'summary', // vitest, jest
  'spec', 'nyan', 'landing', 'list', 'progress', 'json-stream', 'min', 'doc', 'markdown', 'xunit', // mocha
  'append-only', 'ndjson', 'silent'); // pnpm

/**
 * What `npm test -- …` and `npm run x -- …` hand to a script: a test runner, a linter or a tool we
 * cannot know. Only options harmless in every common runner; operands are test-file filters.
 * Never `--config`/`-c`, `--require`/`-r`, `--import`, `--setupFiles`, `--outputFile`, `--root`,
 * `--dir`, `--plugin`, `--environment`, `--mode` (reads `.env.<mode>`), `-g` (global to npm).
 */
const PASSTHROUGH_OPTIONS: Record<string, OptionKind> = {
  ...flags('--run', '--watch', '--no-watch', '--coverage', '--bail', '--verbose', '--silent', '--quiet', '-u', '--update', '--updateSnapshot', '--fix',
    '--passWithNoTests', '--color', '--no-color', '--ci', '--changed', '--globals', '--runInBand', '--detectOpenHandles', '--forceExit', '--listTests',
    '--noEmit', '--pretty', '--allowOnly', '--forbid-only', '--exit', '--recursive', '--full-trace', '--no-file-parallelism', '--logHeapUsage', '--version', '--help'),
  ...valued('text', '-t', '--testNamePattern', '--grep', '--testPathPattern', '--shard', '--maxWorkers', '--reporter', '--exclude', '--timeout', '--pool'),
  ...valued('integer', '--max-warnings', '--testTimeout', '--hookTimeout', '--retry'),
  ...valued('read-path', '--project'),
};
const PASSTHROUGH_CHECKS = { '--reporter': REPORTERS };
/** After a second `--` the script still sees option-looking words as options for all we know: read them the same way. */
const PASSTHROUGH_AGAIN = program(PASSTHROUGH_OPTIONS, 'read-path', { checkValue: PASSTHROUGH_CHECKS, afterDoubleDash: NOTHING });
export const PASSTHROUGH: ProgramGrammar = program(PASSTHROUGH_OPTIONS, 'read-path', { checkValue: PASSTHROUGH_CHECKS, afterDoubleDash: PASSTHROUGH_AGAIN });

// --- Checkers and test runners, also reached through npx, pnpm exec and yarn <bin>.

const tsc = program({
  ...flags('--noEmit', '--pretty', '--listFiles', '--listFilesOnly', '--listEmittedFiles', '--showConfig', '--explainFiles', '--traceResolution', '--diagnostics',
    '--extendedDiagnostics', '--incremental', '--emitDeclarationOnly', '-d', '--declaration', '--declarationMap', '--sourceMap', '--checkJs', '--esModuleInterop',
    '--isolatedModules', '--resolveJsonModule', '-b', '--build', '--verbose', '--dry', '--force', '-v', '--version', '-h', '--help', '--all'),
  ...valued('read-path', '-p', '--project', '--rootDir', '--baseUrl'),
  // Where tsc writes: inside the workspace, never a folder whose files run code (`.git/hooks`…).
  ...valued('write-path', '--outDir', '--outFile', '--declarationDir', '--tsBuildInfoFile', '--generateTrace'),
  ...valued('text', '-t', '--target', '-m', '--module', '--moduleResolution', '--lib', '--jsx', '--types', '--locale'),
  // tsc runs no plugins (`--plugins` is for editors; `--init` and `--clean` write or delete: left out).
}, 'read-path', {
  flagPrefixes: ['--no', '--strict', '--allow', '--skip', '--experimental'],
  checkOperand: notArgumentFile,
  afterDoubleDash: program({}, 'read-path', { checkOperand: notArgumentFile, afterDoubleDash: NOTHING }),
});

const FORMATTERS = oneOf('formatters', 'stylish', 'json', 'json-with-metadata', 'html', 'compact', 'unix', 'visualstudio', 'checkstyle', 'junit', 'tap', 'jslint-xml');
const eslint = program({
  ...flags('--fix', '--fix-dry-run', '--quiet', '--cache', '--color', '--no-color', '--no-eslintrc', '--no-config-lookup', '--no-ignore', '--no-inline-config',
    '--report-unused-disable-directives', '--no-error-on-unmatched-pattern', '--exit-on-fatal-error', '--no-warn-ignored', '--pass-on-no-patterns', '--debug',
    '--stats', '--env-info', '-v', '--version', '-h', '--help'),
  ...valued('integer', '--max-warnings'),
  ...valued('text', '-f', '--format', '--fix-type', '--ext', '--rule', '--ignore-pattern', '--cache-strategy', '--report-unused-disable-directives-severity', '--env', '--global'),
  ...valued('read-path', '--print-config', '--ignore-path'),
  // A report or cache file inside the workspace is no more than an edit there; `write-path` keeps it out of `.git/`, `.claude/`…
  ...valued('write-path', '-o', '--output-file', '--cache-location'),
  // Left out: -c/--config, --rulesdir, --plugin, --parser (a module path), --resolve-plugins-relative-to, --init (installs), --inspect-config (a server).
}, 'read-path', { checkValue: { '-f': FORMATTERS, '--format': FORMATTERS } });

// prettier writes its operands with --write: they are write paths, so never a file in `.git/`, `.claude/`…
const prettier = program({
  ...flags('-c', '--check', '-w', '--write', '-l', '--list-different', '-u', '--ignore-unknown', '--no-error-on-unmatched-pattern', '--cache', '--no-config',
    '--no-editorconfig', '--with-node-modules', '--color', '--no-color', '--use-tabs', '--no-semi', '--single-quote', '--jsx-single-quote', '--no-bracket-spacing',
    '--bracket-same-line', '--support-info', '-v', '--version', '-h', '--help'),
  ...valued('integer', '--print-width', '--tab-width'),
  ...valued('text', '--log-level', '--cache-strategy', '--quote-props', '--trailing-comma', '--arrow-parens', '--prose-wrap', '--end-of-line', '--embedded-language-formatting'),
  ...valued('read-path', '--ignore-path', '--find-config-path', '--file-info'),
  ...valued('write-path', '--cache-location'),
  // Left out: --config, --plugin, --plugin-search-dir, --parser (a module path in prettier 2), --stdin-filepath.
}, 'write-path');

// vitest's commands are words among its filters (`vitest run src`): `run`, `watch`… are keywords;
// `init` (installs packages) and the rest are not known to be harmless.
const vitest = program({
  ...PASSTHROUGH_OPTIONS,
  ...flags('--typecheck', '--isolate', '--no-isolate', '--hideSkippedTests', '--expandSnapshotDiff', '--clearScreen'),
  ...valued('integer', '--maxConcurrency'),
}, 'read-path', {
  keywords: ['run', 'watch', 'dev', 'related', 'list'],
  checkOperand: (value, index) => (index === 0 && ['init', 'bench', 'typecheck'].includes(value) ? `${value}: a vitest command not known to be harmless` : null),
  checkValue: PASSTHROUGH_CHECKS,
});

const jest = program({
  ...PASSTHROUGH_OPTIONS,
  ...flags('-i', '--watchAll', '-o', '--onlyChanged', '--findRelatedTests', '--json', '--useStderr', '--noStackTrace', '--showConfig', '--clearMocks',
    '--errorOnDeprecated', '--expand', '--lastCommit', '--no-cache', '--debug'),
  ...valued('text', '-w', '--changedSince', '--selectProjects', '--testPathIgnorePatterns', '--collectCoverageFrom'),
  // Left out: --config/-c, --rootDir, --roots, --setupFiles*, --testRunner, --testEnvironment, --reporters, --outputFile, --cacheDirectory, --globalSetup, --transform, --resolver, --projects.
}, 'read-path', { checkValue: PASSTHROUGH_CHECKS });

const mocha = program({
  ...flags('-b', '--bail', '-i', '--invert', '--recursive', '--exit', '--forbid-only', '--forbid-pending', '--full-trace', '--check-leaks', '--sort', '--dry-run',
    '--inline-diffs', '--no-diff', '-p', '--parallel', '-w', '--watch', '--color', '--no-color', '--list-reporters', '--list-interfaces', '-V', '--version', '-h', '--help'),
  ...valued('text', '-g', '--grep', '-f', '--fgrep', '-t', '--timeout', '-s', '--slow', '-R', '--reporter', '--extension', '--ignore', '--exclude'),
  ...valued('integer', '-j', '--jobs', '--retries'),
  ...valued('read-path', '--spec'),
  // Left out: -r/--require, --config, --package, --file, -u/--ui (a module), -n/--node-option, --loader, --inspect, -O/--reporter-option (output=<file>).
}, 'read-path', { checkValue: { '-R': REPORTERS, '--reporter': REPORTERS } });

const biomeRun = program({
  ...flags('--write', '--fix', '--unsafe', '--staged', '--changed', '--error-on-warnings', '--no-errors-on-unmatched', '--verbose', '--skip-errors'),
  ...valued('text', '--since', '--reporter', '--diagnostic-level', '--max-diagnostics', '--colors', '--formatter-enabled', '--linter-enabled', '--assist-enabled', '--only', '--skip'),
  // Left out: --config-path, --log-file, --log-path, --use-server, --stdin-file-path.
}, 'write-path');
const biome = program(flags('--version', '-h', '--help'), 'none', { subcommands: { check: biomeRun, lint: biomeRun, format: biomeRun, ci: biomeRun, version: program({}, 'none') } });

// vite: build, the dev server and preview on this machine. Left out: --host (serves the project,
// with its file access, to the network), --open (a browser), -c/--config, --outDir, --base.
const VITE_COMMON = { ...flags('--force', '--clearScreen', '-h', '--help'), ...valued('text', '-l', '--logLevel') };
const viteServe = program({ ...VITE_COMMON, ...flags('--strictPort'), ...valued('integer', '--port') }, 'read-path');
const viteBuild = program({ ...VITE_COMMON, ...flags('-w', '--watch', '--sourcemap', '--minify') }, 'read-path');
const vite = program({ ...VITE_COMMON, ...flags('--strictPort', '-v', '--version'), ...valued('integer', '--port') }, 'none', {
  subcommands: { build: viteBuild, dev: viteServe, serve: viteServe, preview: viteServe },
});

const svelteKit = program(flags('--version', '-h', '--help'), 'none', { subcommands: { sync: program({}, 'none') } });
const svelteCheck = program({
  ...flags('--fail-on-warnings', '--no-tsconfig', '--watch', '--preserveWatchOutput', '--color', '--no-color', '--version', '-h', '--help'),
  ...valued('read-path', '--workspace', '--tsconfig'),
  ...valued('text', '--output', '--threshold', '--ignore', '--diagnostic-sources', '--compiler-warnings'),
}, 'none', { checkValue: { '--output': oneOf('outputs', 'human', 'human-verbose', 'machine', 'machine-verbose') } });

/** Tools whose npm package has the same name as the tool, so `npx <tool>` fetches the real one when it is not installed. */
const NPX_TOOLS: Record<string, ProgramGrammar> = { tsc, eslint, prettier, vitest, jest, mocha, vite, 'svelte-check': svelteCheck };
/** Tools run from the project's node_modules/.bin (`pnpm exec tsc`, `yarn eslint .`). */
const LOCAL_TOOLS: Record<string, ProgramGrammar> = { ...NPX_TOOLS, biome, 'svelte-kit': svelteKit };

// --- Package managers: the project's scripts.

const NPM_COMMON: Record<string, OptionKind> = {
  ...flags('-s', '--silent', '-q', '--quiet', '-d', '--verbose', '--if-present', '--ignore-scripts', '--workspaces', '--ws', '--include-workspace-root',
    '--json', '--no-fund', '--no-audit', '--no-update-notifier', '--no-progress', '--color', '--no-color', '--foreground-scripts'),
  ...valued('text', '--loglevel'),
  // A workspace's name or folder: read as a path, so never a folder outside the project.
  ...valued('read-path', '-w', '--workspace'),
};
/** `npm test [args] [-- args]`: the words go to the script; npm reads options before `--` as its own config. */
const npmScript = program(NPM_COMMON, 'read-path', { afterDoubleDash: PASSTHROUGH });
const npmRun = program(NPM_COMMON, 'read-path', { keepOperands: 1, afterDoubleDash: PASSTHROUGH });
const npmQuery = (options: Record<string, OptionKind>): ProgramGrammar => program({ ...NPM_COMMON, ...options }, 'text', { checkOperand: packageName, afterDoubleDash: NOTHING });
const npmLs = npmQuery({ ...flags('-a', '--all', '-l', '--long', '-p', '--parseable', '--production', '--link'), ...valued('text', '--depth', '--omit', '--include') });
const npmView = npmQuery({});
const npmWhy = npmQuery({});

// Left out, for a person: install/i/ci/update/uninstall/link/pack/publish (download, run install
// scripts, write outside), exec/x/init/create (download and run packages), config, set, prefix -g.
const npm = program({ ...NPM_COMMON, ...flags('-v', '--version', '-h', '--help') }, 'none', {
  subcommands: {
    test: npmScript, t: npmScript, tst: npmScript, start: npmScript, run: npmRun, 'run-script': npmRun,
    ls: npmLs, list: npmLs, outdated: npmQuery(flags('-a', '--all', '-l', '--long', '-p', '--parseable')),
    view: npmView, info: npmView, show: npmView, explain: npmWhy, why: npmWhy,
    audit: program({ ...NPM_COMMON, ...flags('--production', '--package-lock-only'), ...valued('text', '--omit', '--audit-level') }, 'none'),
  },
});

/** Script names agents run by bare name (`pnpm build`, `yarn lint`). */
const SCRIPT_NAMES = ['test', 'start', 'build', 'lint', 'dev', 'check', 'typecheck', 'format'];

/**
 * pnpm's own options, before the script name. Left out: -C/--dir, -g, --config.*, --store-dir,
 * --script-shell, --shell-emulator, --node-options.
 */
const PNPM_OWN: Record<string, OptionKind> = {
  ...flags('-r', '--recursive', '-w', '--workspace-root', '-s', '--silent', '--if-present', '--parallel', '--stream', '--aggregate-output', '--no-bail',
    '--sort', '--no-sort', '--reverse', '--color', '--no-color'),
  ...valued('read-path', '-F', '--filter', '--filter-prod'),
  ...valued('text', '--reporter', '--loglevel', '--resume-from'),
  ...valued('integer', '--workspace-concurrency'),
};
const PNPM_CHECKS = { '-F': workspaceFilter, '--filter': workspaceFilter, '--filter-prod': workspaceFilter, '--reporter': REPORTERS };
/**
 * `pnpm run <script> …` and yarn's: everything after the script name is the script's own, read as
 * PASSTHROUGH. Long pnpm flags that are harmless to any script too may come before the name
 * (`pnpm run --parallel dev`); short ones (`-r` is `--require` to many runners) only before `run`.
 */
const SCRIPT_RUN_OPTIONS = { ...PASSTHROUGH_OPTIONS, ...flags('--if-present', '--parallel', '--stream', '--aggregate-output', '--no-bail', '--recursive'), ...valued('read-path', '--filter') };
const scriptRun = program(SCRIPT_RUN_OPTIONS, 'read-path', { keepOperands: 1, checkValue: { ...PASSTHROUGH_CHECKS, '--filter': workspaceFilter }, afterDoubleDash: PASSTHROUGH });
const byScriptName = Object.fromEntries(SCRIPT_NAMES.map((name) => [name, PASSTHROUGH]));
const pnpmQuery = program({ ...flags('-r', '--recursive', '--json', '--long', '--parseable', '--prod', '--dev', '-P', '-D'), ...valued('integer', '--depth') }, 'text', { checkOperand: packageName, afterDoubleDash: NOTHING });

const pnpm = program({ ...PNPM_OWN, ...flags('-v', '--version', '-h', '--help') }, 'none', {
  checkValue: PNPM_CHECKS,
  subcommands: {
    ...LOCAL_TOOLS, ...byScriptName, t: PASSTHROUGH, run: scriptRun, 'run-script': scriptRun,
    exec: program(PNPM_OWN, 'none', { checkValue: PNPM_CHECKS, subcommands: LOCAL_TOOLS }),
    ls: pnpmQuery, list: pnpmQuery, why: pnpmQuery, outdated: pnpmQuery,
  },
});

// Bare `yarn` installs, so yarn has no options of its own here: a learned `yarn *` could only come
// from a person allowing bare `yarn`. Left out: --cwd, --use-yarnrc, --modules-folder, --cache-folder, dlx, workspace(s).
const yarn = program({}, 'none', {
  subcommands: { ...LOCAL_TOOLS, ...byScriptName, run: scriptRun, why: program({}, 'text', { checkOperand: packageName, afterDoubleDash: NOTHING }) },
});

// `npx <tool>`: only tools whose npm package is the tool itself, read with that tool's grammar
// (not the whole catalogue: `npx jq`, `npx python` would fetch whatever package has that name).
// Not -y/--yes, -p/--package, -c, --call, `tool@version`: each downloads and runs a package.
const npx = program(flags('--no', '--no-install', '--version', '-h', '--help'), 'none', { subcommands: NPX_TOOLS });

// --- node: options before the script only (after it, words are the script's own).

/** The script node or python runs: a file, never `-` (the program from standard input) or a URL-like word. */
export function scriptFile(value: string): string | null {
  if (value === '-') return '-: the program is read from standard input';
  return /^[a-z][a-z0-9+.-]+:/i.test(value) ? `${value}: only a script file is known to be harmless` : null;
}
const NODE_SCRIPT = program({}, 'read-path', { keepOperands: 1, restIsScriptArguments: true, checkOperand: scriptFile, afterDoubleDash: NOTHING });
// Left out: -e/--eval, -p/--print, -i, -r/--require, --import, --loader, --experimental-loader,
// --env-file* (reads any file into the environment), --inspect* (a debugger port), --run (a script
// by name), --watch-path, --redirect-warnings, --diagnostic-dir, --openssl-config, --snapshot-blob.
// Left out too: --test (every further operand is a test file the grammar cannot check) and
// --version/--help: bare `node` runs what arrives on standard input, so a learned `node *` must not
// come from `node --version`.
const node = program({
  ...flags('--enable-source-maps', '--no-warnings', '--no-deprecation', '--trace-warnings', '--trace-deprecation', '--trace-uncaught', '--experimental-strip-types',
    '--experimental-transform-types', '--no-experimental-strip-types', '--experimental-vm-modules', '--preserve-symlinks', '--abort-on-uncaught-exception', '-c', '--check'),
  ...valued('integer', '--max-old-space-size', '--stack-trace-limit'),
  ...valued('text', '--unhandled-rejections', '-C', '--conditions', '--title'),
}, 'read-path', { keepOperands: 1, restIsScriptArguments: true, checkOperand: scriptFile, afterDoubleDash: NODE_SCRIPT });

export const JS_TOOLS: Readonly<Record<string, ProgramGrammar>> = {
  npm, pnpm, yarn, npx, node, ...LOCAL_TOOLS,
};
