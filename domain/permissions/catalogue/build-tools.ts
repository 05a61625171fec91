// Build tools: make, cargo, go, and what docker compose says about the project's containers. The
// Makefile, build.rs, go:generate lines and compose file are the project's own code. Left out:
// every option that builds or runs somewhere else (`make -C`/`-f`/`-I`/`--eval`, `VAR=value`
// operands, `cargo --manifest-path`/`--target-dir`/`--config`/`-Z`, `go -C`/`-modfile`/`-overlay`),
// that runs a program named on the command line (`go -exec`/`-toolexec`/`-ldflags=-extld=…`,
// `go vet -vettool`, rustc `-C linker=`), that downloads and runs code (`go run pkg@version`,
// `go install`, `cargo install`), or that reaches other containers or daemons (`docker -H`,
// `--context`, `compose -f`/`-p`/`--project-directory`/`--env-file`).
import { type OptionKind, type ProgramGrammar, flags, program, valued } from './grammar.ts';
import { notArgumentFile } from './js-tools.ts';

/** Words after a last `--`: nothing is known about them. */
const NOTHING = program({}, 'none');

// --- make: the target is named in a learned rule (`make build *`).

/** `make SHELL=/tmp/x build`: an operand with `=` overrides the makefile's variables (SHELL, MAKE, MAKEFLAGS…). */
function noAssignment(value: string, index: number): string | null {
  if (value.includes('=')) return `${value}: a variable assignment overrides the makefile's own (SHELL, MAKE…)`;
  // `make build deploy`: a learned `make build *` names one target; another is another program.
  return index >= 1 ? `${value}: a second target runs other recipes than the one the rule names` : null;
}
const MAKE_TARGETS = program({}, 'read-path', { keepOperands: 1, checkOperand: noAssignment, afterDoubleDash: NOTHING });
// Left out: -C/--directory, -f/--file/--makefile, -I/--include-dir, -E/--eval, -e (the environment
// overrides the makefile), -t/--touch (writes targets), -o/-W (old/new files), -O/-l/-d (their
// optional values would hide an operand), --jobserver-*. `-j` takes only a number.
const make = program({
  ...flags('-k', '--keep-going', '-S', '--no-keep-going', '--stop', '-s', '--silent', '--quiet', '-n', '--just-print', '--dry-run', '--recon', '-B', '--always-make',
    '-q', '--question', '-i', '--ignore-errors', '-r', '--no-builtin-rules', '-R', '--no-builtin-variables', '-w', '--print-directory', '--no-print-directory',
    '-p', '--print-data-base', '--trace', '--warn-undefined-variables', '-v', '--version', '-h', '--help'),
  ...valued('integer', '-j', '--jobs'),
}, 'read-path', { keepOperands: 1, checkOperand: noAssignment, afterDoubleDash: MAKE_TARGETS });

// --- cargo

/** A target triple (`wasm32-unknown-unknown`), not a target spec file whose `linker` cargo would run. */
function targetTriple(value: string): string | null {
  return /^[A-Za-z0-9_.-]+$/.test(value) && !/\.json$/i.test(value) ? null : `${value}: only a target triple is known to be harmless`;
}
const CARGO_COMMON: Record<string, OptionKind> = { ...flags('-q', '--quiet', '-v', '--verbose', '--locked', '--offline', '--frozen', '-h', '--help'), ...valued('text', '--color') };
const CARGO_TARGETS: Record<string, OptionKind> = {
  ...CARGO_COMMON,
  ...flags('-r', '--release', '--all-features', '--no-default-features', '--workspace', '--all', '--lib', '--bins', '--tests', '--examples', '--benches',
    '--all-targets', '--keep-going', '--timings', '--ignore-rust-version', '--future-incompat-report'),
  ...valued('text', '-p', '--package', '--exclude', '-F', '--features', '--bin', '--test', '--example', '--bench', '--target', '--profile', '--message-format'),
  ...valued('integer', '-j', '--jobs'),
};
const CARGO_CHECKS = { '--target': targetTriple };

/** What `cargo test -- …` hands the test binary. Left out: --logfile (writes anywhere), -Z. */
const TEST_BINARY = program({
  ...flags('--nocapture', '--no-capture', '--ignored', '--include-ignored', '--exact', '-q', '--quiet', '--show-output', '--list', '--test', '--bench'),
  ...valued('integer', '--test-threads'),
  ...valued('text', '--skip', '--color', '--format'),
}, 'text', { afterDoubleDash: NOTHING });

/**
 * What `cargo clippy -- …` hands clippy-driver, which takes every rustc option: only lint levels
 * (`-D warnings`). Never `-C linker=…`, `-L`, `--extern`, or `@file` (more arguments).
 */
const LINT_LEVELS = ['-D', '-W', '-A', '-F', '--deny', '--warn', '--allow', '--forbid', '--cap-lints'];
const CLIPPY_LINTS = program(valued('text', ...LINT_LEVELS), 'none', {
  checkValue: Object.fromEntries(LINT_LEVELS.map((name) => [name, notArgumentFile])),
  afterDoubleDash: NOTHING,
});

/** What `cargo fmt -- …` hands rustfmt. Left out: --config, --config-path. */
const RUSTFMT = program({ ...flags('--check', '-v', '--verbose', '-q', '--quiet'), ...valued('text', '--edition', '--emit', '--color') }, 'write-path', { afterDoubleDash: NOTHING });

const cargoBuild = program(CARGO_TARGETS, 'none', { checkValue: CARGO_CHECKS });
const cargoTest = program({ ...CARGO_TARGETS, ...flags('--no-run', '--no-fail-fast', '--doc') }, 'text', { checkValue: CARGO_CHECKS, afterDoubleDash: TEST_BINARY });
const cargo = program({ ...CARGO_COMMON, ...flags('-V', '--version', '--list') }, 'none', {
  subcommands: {
    build: cargoBuild, b: cargoBuild, check: cargoBuild, c: cargoBuild, test: cargoTest, t: cargoTest, bench: cargoTest,
    clippy: program({ ...CARGO_TARGETS, ...flags('--fix', '--allow-dirty', '--allow-staged', '--allow-no-vcs', '--no-deps') }, 'none', { checkValue: CARGO_CHECKS, afterDoubleDash: CLIPPY_LINTS }),
    fmt: program({ ...CARGO_COMMON, ...flags('--check', '--all'), ...valued('text', '-p', '--package', '--message-format') }, 'none', { afterDoubleDash: RUSTFMT }),
    doc: program({ ...CARGO_TARGETS, ...flags('--no-deps', '--document-private-items') }, 'none', { checkValue: CARGO_CHECKS }),
    // The program is the project's own; what follows `--` is its business, but not a path outside the workspace.
    run: program(CARGO_TARGETS, 'none', { checkValue: CARGO_CHECKS, afterDoubleDash: 'read-path' }),
    tree: program({
      ...CARGO_COMMON,
      ...flags('-d', '--duplicates', '--no-dedupe', '--all-features', '--no-default-features', '--workspace'),
      ...valued('text', '-p', '--package', '-i', '--invert', '-e', '--edges', '--charset', '-f', '--format', '--target', '-F', '--features', '--prefix', '--exclude'),
      ...valued('integer', '--depth'),
    }, 'none', { checkValue: CARGO_CHECKS }),
    metadata: program({ ...CARGO_COMMON, ...flags('--no-deps', '--all-features', '--no-default-features'), ...valued('integer', '--format-version'), ...valued('text', '-F', '--features', '--filter-platform') }, 'none'),
    version: program(CARGO_COMMON, 'none'),
  },
});

// --- go: flags are whole words with one dash (`-run TestX`); operands are packages (`./...`).

/** `go run example.com/tool@latest` downloads and runs a module: only the project's packages and files. */
function goPackage(value: string): string | null {
  return value.includes('@') ? `${value}: a module at a version is downloaded and built` : null;
}
const GO_MOD = { '-mod': (value: string): string | null => (/^(readonly|vendor|mod)$/.test(value) ? null : `${value}: not a -mod mode`) };
const GO_BUILD: Record<string, OptionKind> = {
  ...flags('-v', '-x', '-n', '-a', '-race', '-cover', '-trimpath', '-buildvcs', '-json'),
  ...valued('text', '-tags', '-mod', '-covermode', '-coverpkg'),
  ...valued('integer', '-p'),
};
const GO_TEST: Record<string, OptionKind> = {
  ...GO_BUILD,
  ...flags('-short', '-failfast', '-benchmem', '-c', '-fullpath'),
  ...valued('text', '-run', '-skip', '-timeout', '-bench', '-benchtime', '-cpu', '-shuffle', '-vet', '-list'),
  ...valued('integer', '-count', '-parallel'),
  ...valued('write-path', '-o', '-coverprofile', '-cpuprofile', '-memprofile', '-blockprofile', '-mutexprofile', '-trace', '-outputdir'),
};
/** A go command on packages: go stops reading its flags at `--`, so the packages after it are checked the same way. */
function goPackages(options: Record<string, OptionKind>): ProgramGrammar {
  return program(options, 'read-path', {
    singleDashLong: true, checkOperand: goPackage, checkValue: GO_MOD,
    afterDoubleDash: program({}, 'read-path', { checkOperand: goPackage, afterDoubleDash: NOTHING }),
  });
}
// Left out: -exec, -toolexec, -ldflags/-gcflags/-asmflags (`-extld` runs a program), -modfile,
// -overlay, -pkgdir, -C, -args; mod (download, rewrite go.mod), get/install (download), generate
// (runs the commands in go:generate lines), clean (-cache, -modcache), env (may print proxy credentials).
const go = program({}, 'none', {
  singleDashLong: true,
  subcommands: {
    build: goPackages({ ...GO_BUILD, ...valued('write-path', '-o') }),
    test: goPackages(GO_TEST),
    vet: goPackages({ ...flags('-json', '-x', '-n'), ...valued('text', '-tags', '-mod'), ...valued('integer', '-c') }),
    fmt: goPackages({ ...flags('-n', '-x'), ...valued('text', '-mod') }),
    list: goPackages({ ...flags('-m', '-json', '-deps', '-test', '-e', '-find', '-u', '-versions', '-retracted', '-compiled'), ...valued('text', '-f', '-tags', '-mod') }),
    // The package to run is named in a learned rule; what follows it is the program's own.
    run: program(GO_BUILD, 'read-path', {
      singleDashLong: true, keepOperands: 1, restIsScriptArguments: true, checkOperand: goPackage, checkValue: GO_MOD,
      afterDoubleDash: program({}, 'read-path', { keepOperands: 1, restIsScriptArguments: true, checkOperand: goPackage, afterDoubleDash: NOTHING }),
    }),
    doc: program(flags('-all', '-short', '-src', '-u', '-c', '-cmd'), 'text', { singleDashLong: true }),
    version: program(flags('-m', '-v'), 'read-path', { singleDashLong: true }),
    help: program({}, 'text'),
  },
});

// --- docker: only what compose says about this project's containers.
// Left out: up/run/exec/build/create/start/down/rm/cp/pull/push (run or change containers; `up`
// runs what the compose file says, which can mount `/`), and `config`: it prints the compose file
// with every `env_file:` (any file, outside the project too) and the environment filled in.
const compose = program({ ...flags('--dry-run', '--compatibility', '-h', '--help'), ...valued('text', '--ansi', '--progress', '--profile'), ...valued('integer', '--parallel') }, 'none', {
  subcommands: {
    ps: program({ ...flags('-a', '--all', '-q', '--quiet', '--services', '--no-trunc', '--orphans'), ...valued('text', '--format', '--status', '--filter') }, 'text'),
    logs: program({ ...flags('-f', '--follow', '-t', '--timestamps', '--no-color', '--no-log-prefix'), ...valued('text', '-n', '--tail', '--since', '--until'), ...valued('integer', '--index') }, 'text'),
    ls: program({ ...flags('-a', '--all', '-q', '--quiet'), ...valued('text', '--format', '--filter') }, 'none'),
    images: program({ ...flags('-q', '--quiet'), ...valued('text', '--format') }, 'text'),
    top: program({}, 'text'),
    version: program({ ...flags('--short'), ...valued('text', '-f', '--format') }, 'none'),
  },
});
const docker = program(flags('-v', '--version', '--help'), 'none', {
  subcommands: { compose, version: program(valued('text', '-f', '--format'), 'none') },
});

export const BUILD_TOOLS: Readonly<Record<string, ProgramGrammar>> = {
  make, cargo, go, docker, 'docker-compose': compose,
};
