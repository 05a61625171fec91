// What the engine knows about programs by name. Lists, not logic: the modules that use them
// say why each list matters.
import path from 'node:path';

/** The name a program is known by: `/usr/bin/rm` is `rm`. */
export function programName(argv0: string): string {
  return path.posix.basename(argv0);
}

export const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'fish', 'csh', 'tcsh', 'ash', 'busybox']);

/** Programs that run code given on the command line or read from stdin. */
export const INTERPRETERS = new Set([
  'node', 'nodejs', 'deno', 'bun', 'tsx', 'ts-node', 'python', 'python2', 'python3', 'pypy', 'pypy3', 'perl', 'ruby', 'php',
  'lua', 'luajit', 'Rscript', 'pwsh', 'powershell', 'osascript', 'awk', 'gawk', 'mawk', 'nawk', 'jshell', 'irb', 'ghci', 'julia',
]);

/** Flags that make an interpreter run inline code rather than a script file. */
export const INLINE_CODE_FLAGS = new Set(['-e', '--eval', '-p', '--print', '-c', '-E', '-r', '-i', '--interactive', '-', '--command']);

export const DOWNLOADERS = new Set(['curl', 'wget', 'fetch', 'aria2c', 'http', 'https', 'xh', 'lwp-request', 'GET']);

export const PRIVILEGE_PROGRAMS = new Set(['sudo', 'doas', 'su', 'pkexec', 'run0', 'sudoedit']);

export const DISK_FORMATTERS = new Set(['mkfs', 'mke2fs', 'mkswap', 'wipefs', 'fdisk', 'sfdisk', 'cfdisk', 'gdisk', 'sgdisk', 'parted', 'newfs']);

export function isDiskFormatter(name: string): boolean {
  return DISK_FORMATTERS.has(name) || name.startsWith('mkfs.');
}

/** Environment variables that change which code a command runs: setting them is not "the same command". */
export const CODE_INJECTING_VARIABLES = new Set([
  'PATH', 'LD_PRELOAD', 'LD_LIBRARY_PATH', 'LD_AUDIT', 'DYLD_INSERT_LIBRARIES', 'DYLD_LIBRARY_PATH', 'NODE_OPTIONS', 'NODE_PATH',
  'BASH_ENV', 'ENV', 'PROMPT_COMMAND', 'IFS', 'PYTHONPATH', 'PYTHONSTARTUP', 'PYTHONHOME', 'PERL5OPT', 'PERL5LIB', 'RUBYOPT', 'RUBYLIB',
  'GIT_SSH', 'GIT_SSH_COMMAND', 'GIT_EXEC_PATH', 'GIT_CONFIG', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_PARAMETERS', 'GIT_EDITOR',
  'EDITOR', 'VISUAL', 'PAGER', 'GIT_PAGER', 'SHELL', 'npm_config_script_shell', 'SHELLOPTS', 'BASHOPTS',
]);

/**
 * Programs that can do anything given the right arguments, or whose every use is risky:
 * an "always" answer for one of them teaches nothing safe, so no rule is learned.
 */
export const NEVER_LEARNED = new Set([
  ...SHELLS, ...PRIVILEGE_PROGRAMS, ...DOWNLOADERS,
  'rm', 'rmdir', 'shred', 'unlink', 'dd', 'eval', 'exec', 'source', '.', 'command', 'builtin', 'xargs', 'env', 'nohup',
  'ssh', 'scp', 'sftp', 'rsync', 'nc', 'ncat', 'netcat', 'socat', 'telnet', 'ftp', 'chmod', 'chown', 'chgrp', 'chattr',
  'kill', 'pkill', 'killall', 'crontab', 'at', 'reboot', 'shutdown', 'halt', 'poweroff', 'mount', 'umount', 'iptables',
  'nft', 'useradd', 'userdel', 'passwd', 'visudo', 'systemctl', 'launchctl', 'open', 'xdg-open', 'watch', 'script', 'expect',
  'trap', 'alias', 'set', 'export', 'declare', 'typeset', 'function',
  // Their first argument is a program in a language of their own.
  'awk', 'gawk', 'mawk', 'nawk', 'jshell', 'irb', 'ghci',
]);

/**
 * Programs whose options decide whether they only look or also change files (`find -delete`,
 * `sed -i`, `tar -x`, `cp`/`mv` onto anything): learned only as the exact command approved,
 * since a path that looks like a subcommand (`find src`) would otherwise become `find src *`.
 */
export const EXACT_ONLY_PROGRAMS = new Set(['find', 'sed', 'tar', 'cp', 'mv', 'ln', 'install', 'truncate', 'patch', 'unzip', 'zip', 'gzip', 'gunzip']);

/**
 * Programs whose first argument is a subcommand: the rule learned is program, subcommand, `*`.
 * The value lists subcommands that take a further name worth keeping (`npm run test`).
 */
export const SUBCOMMAND_PROGRAMS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['git', new Set(['stash', 'remote', 'worktree', 'submodule', 'config', 'notes', 'bisect'])],
  ['npm', new Set(['run', 'run-script'])],
  ['pnpm', new Set(['run'])],
  ['yarn', new Set(['run', 'workspace'])],
  ['bun', new Set(['run'])],
  ['cargo', new Set<string>()],
  ['go', new Set(['mod', 'tool'])],
  ['docker', new Set(['compose', 'container', 'image', 'volume', 'network', 'buildx'])],
  ['podman', new Set(['compose', 'container', 'image', 'volume', 'network'])],
  ['kubectl', new Set(['config', 'rollout'])],
  ['helm', new Set<string>()],
  ['gh', new Set(['pr', 'issue', 'repo', 'run', 'workflow', 'release', 'gist', 'label'])],
  ['make', new Set<string>()],
  ['just', new Set<string>()],
  ['pip', new Set<string>()],
  ['pip3', new Set<string>()],
  ['uv', new Set(['pip', 'tool'])],
  ['poetry', new Set<string>()],
  ['terraform', new Set<string>()],
  ['brew', new Set<string>()],
  ['dotnet', new Set<string>()],
  ['mvn', new Set<string>()],
  ['gradle', new Set<string>()],
  ['./gradlew', new Set<string>()],
  ['rustup', new Set<string>()],
  ['nx', new Set<string>()],
  ['turbo', new Set<string>()],
  ['composer', new Set<string>()],
  ['bundle', new Set(['exec'])],
  ['rake', new Set<string>()],
  ['mix', new Set<string>()],
  ['npx', new Set<string>()],
  ['bunx', new Set<string>()],
  ['pnpx', new Set<string>()],
  ['vitest', new Set<string>()],
  ['task', new Set<string>()],
]);

/**
 * Subcommands that install, publish, delete, run arbitrary images or rewrite history: learned
 * only as the exact command that was approved, never widened with `*`.
 */
export const EXACT_ONLY_SUBCOMMANDS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['git', new Set(['push', 'reset', 'clean', 'filter-branch', 'filter-repo', 'update-ref', 'reflog', 'gc', 'config', 'remote', 'submodule', 'rm'])],
  ['npm', new Set(['install', 'i', 'add', 'ci', 'publish', 'unpublish', 'exec', 'x', 'link', 'uninstall', 'update', 'config', 'set'])],
  ['pnpm', new Set(['install', 'i', 'add', 'publish', 'exec', 'dlx', 'link', 'remove', 'update'])],
  ['yarn', new Set(['install', 'add', 'publish', 'dlx', 'exec', 'link', 'remove', 'upgrade'])],
  ['bun', new Set(['install', 'add', 'i', 'publish', 'x', 'link', 'remove', 'update'])],
  ['cargo', new Set(['install', 'publish', 'uninstall', 'yank', 'login'])],
  ['go', new Set(['install', 'get'])],
  ['docker', new Set(['run', 'exec', 'rm', 'rmi', 'system', 'kill', 'cp', 'login', 'push'])],
  ['podman', new Set(['run', 'exec', 'rm', 'rmi', 'system', 'kill', 'cp', 'login', 'push'])],
  ['kubectl', new Set(['delete', 'exec', 'apply', 'run', 'cp', 'drain', 'replace', 'patch', 'edit', 'scale'])],
  ['helm', new Set(['install', 'uninstall', 'upgrade', 'delete', 'rollback'])],
  ['gh', new Set(['api', 'secret', 'auth', 'ssh-key', 'gpg-key', 'extension', 'alias'])],
  ['pip', new Set(['install', 'uninstall', 'download'])],
  ['pip3', new Set(['install', 'uninstall', 'download'])],
  ['uv', new Set(['add', 'remove', 'pip', 'tool', 'publish'])],
  ['poetry', new Set(['add', 'remove', 'publish', 'install'])],
  ['terraform', new Set(['apply', 'destroy', 'import', 'state', 'taint'])],
  ['brew', new Set(['install', 'uninstall', 'remove', 'upgrade', 'tap'])],
  ['composer', new Set(['require', 'remove', 'install', 'update'])],
  ['bundle', new Set(['install', 'add', 'exec'])],
]);

/**
 * Programs that only read, compute or print (or whose writes the built-in rules already fence
 * in): learned as program plus `*`.
 */
export const WHOLE_PROGRAM_LEARNABLE = new Set([
  'ls', 'cat', 'head', 'tail', 'wc', 'grep', 'egrep', 'fgrep', 'rg', 'ag', 'echo', 'printf', 'pwd', 'which', 'whoami', 'date',
  'uname', 'tree', 'file', 'stat', 'du', 'df', 'diff', 'cmp', 'sort', 'uniq', 'cut', 'tr', 'jq', 'yq', 'true', 'false', 'test',
  '[', 'basename', 'dirname', 'realpath', 'readlink', 'sleep', 'seq', 'nl', 'column', 'cd', 'pushd', 'popd', 'mkdir', 'touch',
  'tsc', 'eslint', 'prettier', 'jest', 'mocha', 'pytest', 'ruff', 'black', 'mypy', 'pyright', 'shellcheck', 'shfmt', 'biome',
  'oxlint', 'tput', 'id', 'hostname', 'nproc', 'free', 'uptime', 'ps', 'lsof', 'md5sum', 'sha256sum', 'shasum', 'cksum',
  'hexdump', 'xxd', 'od', 'strings', 'less', 'more', 'fmt', 'fold', 'paste', 'join', 'comm', 'tac', 'rev', 'expr', 'bc',
  'type', 'printenv', 'locale', 'tee', 'clang-format', 'rustfmt', 'gofmt', 'isort', 'cloc', 'tokei',
]);
