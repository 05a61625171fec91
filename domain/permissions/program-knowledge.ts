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
