// git: the subcommands agents use to look at and record their work. Left out on purpose, so
// only a person (or an exact rule) allows them: push, reset, restore, clean, rm, rebase, merge,
// config, remote add, submodule, worktree add, filter-*, gc, and every option that writes a
// file (`--output`), compares files outside the repository (`--no-index`), or runs a program
// (`--ext-diff`, `-c`, `--exec-path`, `--upload-pack`, `--show-signature` runs gpg).
// Pathspecs and revisions are operands: read as paths, so `HEAD~1` and `src/a.ts` are inside the
// repository and `/etc/passwd` is not (git refuses paths outside it anyway).
import { type OptionKind, type ProgramGrammar, flags, program, valued } from './grammar.ts';

/** What shows a diff, shared by diff, log -p, show and stash show. */
const DIFF_OUTPUT: Record<string, OptionKind> = {
  ...flags(
    '-p', '-u', '--patch', '--no-patch', '-s', '--raw', '--stat', '--numstat', '--shortstat', '--dirstat', '--compact-summary', '--summary',
    '--name-only', '--name-status', '--patch-with-stat', '--patch-with-raw', '-z', '--minimal', '--patience', '--histogram', '--anchored',
    '--color', '--no-color', '--color-moved', '--no-color-moved', '--color-words', '--word-diff', '--word-diff-regex', '--no-renames',
    '--check', '--full-index', '--binary', '--abbrev', '-R', '--relative', '--no-relative', '-a', '--text', '-b', '--ignore-space-change',
    '-w', '--ignore-all-space', '--ignore-blank-lines', '--ignore-space-at-eol', '--ignore-cr-at-eol', '--ignore-submodules',
    '-W', '--function-context', '--exit-code', '--quiet', '--no-prefix', '--default-prefix', '-M', '--find-renames', '-C', '--find-copies',
    '-B', '--break-rewrites', '-D', '--irreversible-delete', '--no-textconv', '--no-ext-diff', '--indent-heuristic', '--no-indent-heuristic',
    '--submodule', '--ita-invisible-in-index', '--cached', '--staged', '--merge-base',
  ),
  ...valued('integer', '-U', '--unified', '--inter-hunk-context', '--stat-width', '--stat-count', '-l'),
  ...valued('text', '--diff-algorithm', '--diff-filter', '--src-prefix', '--dst-prefix', '--line-prefix', '-S', '-G', '-O', '--find-object'),
};

/** Which commits, shared by log, shortlog and rev-list. */
const COMMIT_LIMITS: Record<string, OptionKind> = {
  ...flags(
    '-<number>', '--all', '--branches', '--tags', '--remotes', '--no-merges', '--merges', '--first-parent', '--reverse', '--topo-order',
    '--date-order', '--author-date-order', '--left-right', '--cherry-pick', '--cherry-mark', '--cherry', '--boundary', '--ancestry-path',
    '--simplify-by-decoration', '--full-history', '--dense', '--sparse', '-i', '--regexp-ignore-case', '--invert-grep', '--all-match',
    '-E', '--extended-regexp', '-F', '--fixed-strings', '--basic-regexp', '-P', '--perl-regexp', '--no-walk', '--do-walk', '--follow',
    '-g', '--walk-reflogs', '--not', '--remove-empty', '--no-min-parents', '--no-max-parents',
  ),
  ...valued('integer', '-n', '--max-count', '--skip', '--min-parents', '--max-parents'),
  ...valued('text', '--since', '--after', '--until', '--before', '--author', '--committer', '--grep', '--since-as-filter', '-L'),
};

/** How commits are shown. */
const COMMIT_FORMAT: Record<string, OptionKind> = {
  ...flags(
    '--oneline', '--graph', '--decorate', '--no-decorate', '--abbrev-commit', '--no-abbrev-commit', '--relative-date', '--parents',
    '--children', '--source', '--log-size', '--notes', '--no-notes', '--mailmap', '--no-mailmap', '--use-mailmap', '--expand-tabs', '--no-expand-tabs',
    '--encoding', '--show-linear-break', '--stdin-no',
  ),
  ...valued('text', '--format', '--pretty', '--date', '--decorate-refs', '--decorate-refs-exclude'),
};

const PATHS = 'read-path' as const;

const status = program({
  ...flags('-s', '--short', '-b', '--branch', '--porcelain', '--long', '-v', '--verbose', '-u', '--untracked-files', '--ignored',
    '--ignore-submodules', '-z', '--column', '--no-column', '--ahead-behind', '--no-ahead-behind', '--renames', '--no-renames', '--show-stash'),
}, PATHS);

const diff = program(DIFF_OUTPUT, PATHS);
const log = program({ ...DIFF_OUTPUT, ...COMMIT_LIMITS, ...COMMIT_FORMAT }, PATHS);
const show = program({ ...DIFF_OUTPUT, ...COMMIT_FORMAT, ...flags('--no-patch') }, PATHS);

const gitGrep = program({
  ...flags('-n', '--line-number', '-i', '--ignore-case', '-w', '--word-regexp', '-v', '--invert-match', '-l', '--files-with-matches',
    '-L', '--files-without-match', '-c', '--count', '-h', '-H', '--cached', '--untracked', '-I', '-E',
    '--extended-regexp', '-F', '--fixed-strings', '-G', '--basic-regexp', '-P', '--perl-regexp', '--full-name', '-o', '--only-matching',
    '-q', '--quiet', '--heading', '--break', '-p', '--show-function', '--color', '--no-color', '-z', '--null', '--column', '--all-match', '--and', '--or', '--not'),
  ...valued('integer', '-A', '--after-context', '-B', '--before-context', '-C', '--context', '-m', '--max-count', '--max-depth', '--threads'),
  ...valued('text', '-e'),
}, 'text', { afterDoubleDash: PATHS });

const branch = program({
  ...flags('-a', '--all', '-r', '--remotes', '-v', '-vv', '--verbose', '-l', '--list', '--show-current', '--color', '--no-color',
    '--column', '--no-column', '-i', '--ignore-case', '--omit-empty', '-q', '--quiet', '--track', '--no-track'),
  ...valued('text', '--merged', '--no-merged', '--contains', '--no-contains', '--points-at', '--sort', '--format'),
}, 'text');

const add = program({ ...flags('-A', '--all', '-u', '--update', '-N', '--intent-to-add', '-v', '--verbose', '-n', '--dry-run', '--ignore-errors', '--ignore-missing', '--renormalize', '--no-all', '--sparse') }, PATHS);

const commit = program({
  ...flags('-a', '--all', '--amend', '--no-edit', '-s', '--signoff', '--no-signoff', '-v', '--verbose', '-q', '--quiet', '--allow-empty',
    '--allow-empty-message', '-n', '--no-verify', '--dry-run', '--short', '--porcelain', '--status', '--no-status', '--reset-author', '-o', '--only', '-i', '--include'),
  ...valued('text', '-m', '--message', '--author', '--date', '--fixup', '--squash', '--cleanup', '-c', '-C', '--reuse-message', '--reedit-message', '--trailer'),
  ...valued('read-path', '-F', '--file'),
}, PATHS);

/** A branch or ref name for checkout/switch: never `.`, a glob or a file path that would discard changes. */
function refName(value: string): string | null {
  if (value === '-' ) return null;
  if (/^[.~]|[*?[\\]|\.\.|^-/.test(value)) return `${value}: checkout of files discards changes; only branch names are known to be harmless`;
  return null;
}

const checkout = program({ ...flags('-q', '--quiet', '--track', '--no-track', '--detach', '--guess', '--no-guess', '--progress', '--no-progress'), ...valued('text', '-b') }, 'text', {
  checkOperand: refName, checkValue: { '-b': refName },
});
const switchBranch = program({ ...flags('-q', '--quiet', '--track', '--no-track', '--detach', '-d', '--guess', '--no-guess', '--progress'), ...valued('text', '-c', '--create') }, 'text', {
  checkOperand: refName, checkValue: { '-c': refName, '--create': refName },
});

/** A remote or refspec: no URL or local path, which would fetch from anywhere. */
function remoteName(value: string): string | null {
  return /:\/\/|::|^[./~]|^[^:]*@/.test(value) ? `${value}: only the names of configured remotes are known to be harmless` : null;
}

const fetch = program({ ...flags('--all', '-p', '--prune', '--tags', '--no-tags', '-q', '--quiet', '-v', '--verbose', '--dry-run', '--prune-tags', '--progress', '--no-progress'), ...valued('integer', '--depth', '--deepen') }, 'text', { checkOperand: remoteName });
const pull = program({ ...flags('--rebase', '--no-rebase', '--ff-only', '--ff', '--no-ff', '-q', '--quiet', '-v', '--verbose', '--autostash', '--no-autostash', '--prune', '--tags', '--no-edit') }, 'text', { checkOperand: remoteName });

const stash = program({ ...flags('-u', '--include-untracked', '-k', '--keep-index', '-q', '--quiet'), ...valued('text', '-m', '--message') }, 'none', {
  subcommands: {
    list: program({ ...COMMIT_FORMAT, ...COMMIT_LIMITS }, 'none'),
    show: program({ ...DIFF_OUTPUT }, 'text'),
    push: program({ ...flags('-u', '--include-untracked', '-k', '--keep-index', '--no-keep-index', '-q', '--quiet', '--staged'), ...valued('text', '-m', '--message') }, PATHS),
    save: program({ ...flags('-u', '--include-untracked', '-k', '--keep-index', '-q', '--quiet') }, 'text'),
    pop: program({ ...flags('-q', '--quiet', '--index') }, 'text'),
    apply: program({ ...flags('-q', '--quiet', '--index') }, 'text'),
  },
});

const simpleReads: Record<string, ProgramGrammar> = {
  'rev-parse': program({ ...flags('--show-toplevel', '--abbrev-ref', '--short', '--verify', '-q', '--quiet', '--is-inside-work-tree', '--is-inside-git-dir',
    '--git-dir', '--git-common-dir', '--show-prefix', '--show-cdup', '--symbolic-full-name', '--is-bare-repository', '--absolute-git-dir', '--all', '--branches', '--tags') }, 'text'),
  'ls-files': program({ ...flags('-c', '--cached', '-d', '--deleted', '-m', '--modified', '-o', '--others', '-i', '--ignored', '-s', '--stage', '-u', '--unmerged',
    '-k', '--killed', '-z', '--exclude-standard', '--error-unmatch', '--full-name', '--directory', '--no-empty-directory', '-t', '-v', '--eol', '--deduplicate', '--recurse-submodules') }, PATHS),
  'ls-tree': program({ ...flags('-r', '-t', '-d', '-l', '--long', '-z', '--name-only', '--name-status', '--full-name', '--full-tree', '--abbrev') }, 'text'),
  blame: program({ ...flags('-w', '-M', '-C', '-e', '--show-email', '-s', '-l', '-t', '-p', '--porcelain', '--line-porcelain', '-f', '--show-name', '-n', '--show-number', '--root', '--color-lines', '--color-by-age'), ...valued('text', '-L') }, PATHS),
  shortlog: program({ ...COMMIT_LIMITS, ...flags('-s', '--summary', '-n', '--numbered', '-e', '--email', '-c', '--committer') }, PATHS),
  describe: program({ ...flags('--tags', '--all', '--always', '--long', '--dirty', '--exact-match', '--first-parent', '--contains'), ...valued('integer', '--abbrev', '--candidates'), ...valued('text', '--match', '--exclude') }, 'text'),
  tag: program({ ...flags('-l', '--list', '--column', '--no-column', '-i', '--ignore-case', '--color'), ...valued('integer', '-n'), ...valued('text', '--sort', '--contains', '--no-contains', '--merged', '--no-merged', '--points-at', '--format') }, 'text'),
  'merge-base': program({ ...flags('--is-ancestor', '-a', '--all', '--fork-point', '--octopus', '--independent') }, 'text'),
  'cat-file': program({ ...flags('-p', '-t', '-s', '-e') }, 'text'),
  'rev-list': program({ ...COMMIT_LIMITS, ...flags('--count', '--objects', '--left-only', '--right-only') }, 'text'),
  'for-each-ref': program({ ...valued('text', '--format', '--sort', '--points-at', '--merged', '--no-merged', '--contains'), ...valued('integer', '--count') }, 'text'),
  'show-ref': program({ ...flags('--heads', '--tags', '--head', '-d', '--dereference', '-s', '--hash', '--verify', '-q', '--quiet') }, 'text'),
  'name-rev': program({ ...flags('--name-only', '--tags', '--all', '--always') }, 'text'),
  'count-objects': program({ ...flags('-v', '-H', '--human-readable') }, 'none'),
  reflog: program({ ...COMMIT_FORMAT, ...valued('integer', '-n') }, 'text'),
  remote: program({ ...flags('-v', '--verbose') }, 'none', { subcommands: { show: program({ ...flags('-n') }, 'text'), 'get-url': program({ ...flags('--all', '--push') }, 'text') } }),
  worktree: program({}, 'none', { subcommands: { list: program({ ...flags('--porcelain', '-v', '--verbose', '-z') }, 'none') } }),
  version: program({ ...flags('--build-options') }, 'none'),
  help: program({ ...flags('-a', '--all', '-g', '--guides') }, 'text'),
};

export const GIT: ProgramGrammar = program({ ...flags('--no-pager', '-P', '--no-optional-locks', '--literal-pathspecs', '--glob-pathspecs', '--noglob-pathspecs', '--icase-pathspecs', '--version', '--help') }, 'none', {
  subcommands: { status, diff, log, show, grep: gitGrep, branch, add, commit, checkout, switch: switchBranch, fetch, pull, stash, ...simpleReads },
});
