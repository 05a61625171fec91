// Python tools: the interpreter (a script, or a known module with -m), pytest, mypy, the
// formatters and linters, and what pip/uv say about installed packages. conftest.py, the
// project's config files and its scripts are the project's own code. Left out: every option that
// reaches beyond the project (`--rootdir`, `--basetemp`, `-c`/`--config*`, `--confcutdir`,
// `--cache-dir`, `--directory`, `--python`), loads a module by name (`-p <plugin>`, a warning
// category in a module), runs code given on the command line or standard input (`-c`, `-`, `-i`),
// or installs (`pip install`, `uv sync`, `uv run --with`, `uvx`).
import { type OptionKind, type ProgramGrammar, flags, program, valued } from './grammar.ts';
import { notArgumentFile, scriptFile } from './js-tools.ts';

/** Words after a last `--`: nothing is known about them. */
const NOTHING = program({}, 'none');

function matches(what: string, pattern: RegExp): (value: string) => string | null {
  return (value) => (pattern.test(value) ? null : `${value}: only ${what} are known to be harmless`);
}

/** An installed distribution's name (`pip show requests`). */
const packageName = matches('package names', /^[A-Za-z0-9][A-Za-z0-9._-]*$/);

/** `-W action:message:category:module:line`: a category inside a module (`pkg.Warning`) makes Python import that module. */
function warningFilter(value: string): string | null {
  return (value.split(':')[2] ?? '').includes('.') ? `${value}: a warning category in a module makes Python import it` : null;
}

type Check = (value: string) => string | null;

/**
 * pytest (8.2 on) and mypy read `@file` as more arguments wherever it stands, option values
 * included: every value and operand is checked for it, then with `extra` when given.
 */
function noArgumentFiles(options: Readonly<Record<string, OptionKind>>, extra: Readonly<Record<string, Check>> = {}): Partial<ProgramGrammar> {
  const checkValue = Object.fromEntries(Object.entries(options).filter(([, kind]) => kind !== 'flag')
    .map(([name]): [string, Check] => [name, (value) => notArgumentFile(value) ?? extra[name]?.(value) ?? null]));
  const rest = program({}, 'read-path', { checkOperand: notArgumentFile, afterDoubleDash: NOTHING });
  return { checkValue, checkOperand: notArgumentFile, afterDoubleDash: rest };
}

/** `-p no:cacheprovider` turns a plugin off; any other `-p` loads one by name. */
const pluginOff = matches('`no:<plugin>` values (another value loads a plugin)', /^no:[\w.-]+$/);

const PYTEST_OPTIONS: Record<string, OptionKind> = {
  ...flags('-x', '--exitfirst', '-q', '--quiet', '-v', '--verbose', '-s', '-l', '--showlocals', '--lf', '--last-failed', '--ff', '--failed-first', '--nf', '--new-first',
    '--sw', '--stepwise', '--sw-skip', '--stepwise-skip', '--no-header', '--no-summary', '--co', '--collect-only', '--strict-markers', '--strict-config',
    '--disable-warnings', '--disable-pytest-warnings', '--full-trace', '--setup-show', '--setup-only', '--setup-plan', '--fixtures', '--markers', '--runxfail',
    '--cache-clear', '--cache-show', '--doctest-modules', '--noconftest', '--keep-duplicates', '--continue-on-collection-errors', '--cov-branch', '--no-cov',
    '-V', '--version', '-h', '--help'),
  ...valued('text', '-k', '-m', '--tb', '-r', '--capture', '--color', '--code-highlight', '-n', '--numprocesses', '--dist', '--durations-min', '--ignore-glob',
    '--log-level', '--log-cli-level', '--log-file-level', '--import-mode', '--timeout', '-W', '--pythonwarnings', '-p', '--lfnf', '--last-failed-no-failures',
    '--doctest-glob', '--cov-report'),
  ...valued('integer', '--maxfail', '--durations', '--cov-fail-under', '--reruns'),
  ...valued('read-path', '--ignore', '--deselect', '--cov'),
  ...valued('write-path', '--junitxml', '--junit-xml', '--log-file'),
  // Left out: --basetemp, --rootdir, -c/--config-file, --confcutdir, -o/--override-ini (cache_dir, addopts…), --pyargs,
  // --debug (writes a file), --pdb/--pdbcls/--trace, --cov-config (coverage plugins), --tx/--rsyncdir (xdist over ssh).
};
const pytest = program(PYTEST_OPTIONS, 'read-path', noArgumentFiles(PYTEST_OPTIONS, {
  '-p': pluginOff,
  '-W': warningFilter,
  '--pythonwarnings': warningFilter,
  '--import-mode': matches('import modes', /^(prepend|append|importlib)$/),
  // The default report places (htmlcov/, coverage.xml) are inside the project; `html:<dir>` is anywhere.
  '--cov-report': matches('report kinds without a destination', /^(term(-missing)?(:skip-covered)?|html|xml|json|lcov|annotate)$/),
}));

const unittest = program({
  ...flags('-v', '--verbose', '-q', '--quiet', '-f', '--failfast', '-b', '--buffer', '-c', '--catch', '--locals', '-h', '--help'),
  ...valued('text', '-k', '-p', '--pattern'),
  ...valued('read-path', '-s', '--start-directory', '-t', '--top-level-directory'),
  ...valued('integer', '--durations'),
}, 'read-path', { keywords: ['discover'] });

// mypy reads code, it never runs it. Left out: --config-file, --cache-dir, --python-executable
// (runs that program), --install-types (pip install), --*-report (write folders), --custom-typeshed-dir, -c.
const MYPY_OPTIONS: Record<string, OptionKind> = {
  ...flags('--strict', '--ignore-missing-imports', '--pretty', '--explicit-package-bases', '--namespace-packages', '--follow-untyped-imports', '--incremental',
    '--sqlite-cache', '--error-summary', '-v', '--verbose', '-V', '--version', '-h', '--help'),
  ...valued('text', '-p', '--package', '-m', '--module', '--python-version', '--platform', '--follow-imports', '--exclude', '--always-true', '--always-false',
    '--enable-error-code', '--disable-error-code'),
  ...valued('write-path', '--junit-xml'),
};
const mypy = program(MYPY_OPTIONS, 'read-path', {
  flagPrefixes: ['--no-', '--disallow-', '--warn-', '--allow-', '--strict-', '--check-', '--show-', '--hide-', '--local-partial-types'],
  ...noArgumentFiles(MYPY_OPTIONS),
});

// ruff, black and isort rewrite their operands (--fix, the default, no --check): operands are write
// paths, so never a file in `.git/`, `.claude/`… Left out: --config/--settings-path (ruff's takes
// inline KEY=VALUE such as cache-dir), --cache-dir, --stdin-filename, black -c/--code.
const RUFF_COMMON = {
  ...flags('-q', '--quiet', '-s', '--silent', '-v', '--verbose', '--no-cache', '--preview', '--no-preview', '--isolated', '--respect-gitignore',
    '--no-respect-gitignore', '--force-exclude', '--no-force-exclude', '-h', '--help'),
  ...valued('integer', '--line-length'),
  ...valued('text', '--target-version', '--exclude', '--extend-exclude'),
};
const ruff = program(flags('-V', '--version', '-h', '--help'), 'none', {
  subcommands: {
    check: program({
      ...RUFF_COMMON,
      ...flags('--fix', '--no-fix', '--unsafe-fixes', '--no-unsafe-fixes', '--show-fixes', '--no-show-fixes', '--diff', '--statistics', '--exit-zero',
        '-e', '--exit-non-zero-on-fix', '--fix-only', '--no-fix-only', '--show-files', '--show-settings', '-w', '--watch'),
      ...valued('text', '--select', '--ignore', '--extend-select', '--fixable', '--unfixable', '--extend-fixable', '--output-format', '--per-file-ignores'),
      ...valued('write-path', '-o', '--output-file'),
    }, 'write-path'),
    format: program({ ...RUFF_COMMON, ...flags('--check', '--diff', '--exit-non-zero-on-format'), ...valued('text', '--range') }, 'write-path'),
    version: program(valued('text', '--output-format'), 'none'),
  },
});

const black = program({
  ...flags('--check', '--diff', '--color', '--no-color', '-q', '--quiet', '-v', '--verbose', '--fast', '--safe', '--preview', '--unstable', '-S',
    '--skip-string-normalization', '-C', '--skip-magic-trailing-comma', '--skip-source-first-line', '--pyi', '--ipynb', '--version', '-h', '--help'),
  ...valued('integer', '-l', '--line-length', '-W', '--workers'),
  ...valued('text', '-t', '--target-version', '--include', '--exclude', '--extend-exclude', '--force-exclude', '--required-version'),
}, 'write-path');

const isort = program({
  ...flags('-c', '--check-only', '--check', '--diff', '-q', '--quiet', '-v', '--verbose', '--atomic', '--filter-files', '--float-to-top', '--show-files',
    '--only-modified', '-V', '--version', '-h', '--help'),
  ...valued('integer', '-l', '--line-length', '-j', '--jobs'),
  ...valued('text', '--profile', '-s', '--skip', '--skip-glob', '--extend-skip', '--extend-skip-glob', '-m', '--multi-line'),
}, 'write-path');

// pip: only what it says about installed packages. Left out: install/uninstall/download/wheel
// (download and run build code), --index-url, --proxy, --cert, --log (writes), --python (runs it).
const PIP_COMMON = flags('-q', '--quiet', '-v', '--verbose', '--disable-pip-version-check', '--no-color', '--no-input', '--isolated', '--require-virtualenv', '-h', '--help');
const pip = program({ ...PIP_COMMON, ...flags('-V', '--version') }, 'none', {
  subcommands: {
    list: program({
      ...PIP_COMMON,
      ...flags('-o', '--outdated', '-u', '--uptodate', '-e', '--editable', '-l', '--local', '--user', '--not-required', '--exclude-editable', '--include-editable', '--pre'),
      ...valued('text', '--format', '--exclude'),
    }, 'none', { checkValue: { '--format': matches('formats', /^(columns|freeze|json)$/) } }),
    show: program({ ...PIP_COMMON, ...flags('-f', '--files') }, 'text', { checkOperand: packageName, afterDoubleDash: NOTHING }),
    freeze: program({ ...PIP_COMMON, ...flags('-l', '--local', '--user', '--all', '--exclude-editable') }, 'none'),
    check: program(PIP_COMMON, 'none'),
  },
});

// python: a script (named in a learned rule; what follows is the script's own), or -m with a
// module from this list. Left out: -c, -i, `-` (code from standard input), -m with any other module
// (http.server serves files to the network, venv, pip install…), -X pycache_prefix= (writes anywhere),
// and -V/--version/-h: bare `python` runs what arrives on standard input, so a learned `python *`
// must not come from `python --version`.
const PYTHON_SCRIPT = program({}, 'read-path', { keepOperands: 1, restIsScriptArguments: true, checkOperand: scriptFile, afterDoubleDash: NOTHING });
const python = program({ ...flags('-u', '-B', '-I', '-E', '-s', '-S', '-O', '-b', '-q', '-P'), ...valued('text', '-W', '-X') }, 'read-path', {
  selectors: { '-m': { pytest, unittest, mypy, pip, black, isort, ruff } },
  keepOperands: 1,
  restIsScriptArguments: true,
  checkOperand: scriptFile,
  checkValue: {
    '-W': warningFilter,
    '-X': matches('-X modes that write nothing', /^(dev|utf8(=[01])?|importtime(=2)?|tracemalloc(=\d+)?|faulthandler|warn_default_encoding|no_debug_ranges|frozen_modules=(on|off))$/),
  },
  afterDoubleDash: PYTHON_SCRIPT,
});

// uv: `uv run <program>` reads the program with its own catalogue entry (`uv run pytest -x`); uv
// never fetches a program it does not find. Left out: sync/add/lock/tool/pip install (install,
// write the lock), uvx, --with* (installs packages), -p/--python, --directory, --project,
// --env-file, --config-file, --cache-dir, --index*, -m/--script, and `uv version` (bumps versions).
const UV_COMMON = { ...flags('-q', '--quiet', '-v', '--verbose', '--no-progress', '--offline', '--frozen', '--locked', '--no-cache', '-h', '--help'), ...valued('text', '--color') };
const THEN_PROGRAM = program({}, 'none', { thenProgram: true });
const uvRun = program({
  ...UV_COMMON,
  ...flags('--no-sync', '--all-extras', '--no-dev', '--dev', '--exact', '--all-packages', '--no-project'),
  ...valued('text', '--extra', '--group', '--no-group', '--only-group', '--package'),
}, 'none', { thenProgram: true, afterDoubleDash: THEN_PROGRAM });
const uvPip = program(UV_COMMON, 'none', {
  subcommands: {
    list: program({ ...UV_COMMON, ...flags('--outdated', '-e', '--editable', '--exclude-editable', '--strict'), ...valued('text', '--format', '--exclude') }, 'none'),
    show: program({ ...UV_COMMON, ...flags('--files', '--strict') }, 'text', { checkOperand: packageName, afterDoubleDash: NOTHING }),
    freeze: program({ ...UV_COMMON, ...flags('--exclude-editable', '--strict') }, 'none'),
    tree: program({ ...UV_COMMON, ...flags('--invert', '--outdated', '--show-version-specifiers', '--no-dedupe', '--strict'), ...valued('integer', '-d', '--depth') }, 'none'),
    check: program(UV_COMMON, 'none'),
  },
});
const uv = program({ ...UV_COMMON, ...flags('-V', '--version') }, 'none', { subcommands: { run: uvRun, pip: uvPip } });

export const PYTHON_TOOLS: Readonly<Record<string, ProgramGrammar>> = {
  python, python3: python, pytest, mypy, ruff, black, isort, pip, pip3: pip, uv,
};
