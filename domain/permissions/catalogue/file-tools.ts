// Programs that list, inspect and create files and directories. What they read is a path
// inside the workspace; what they create (mkdir, touch, tee, sort -o) a path there too, never a
// file that makes code run. Left out: ps (`ps e` prints other processes' environments), env and
// printenv, less and more (they run commands of their own), and every option that names a program.
import { type ProgramGrammar, flags, program, valued } from './grammar.ts';

const R = 'read-path' as const;

const CHECKSUM = program({ ...flags('-b', '-t', '-c', '--check', '--quiet', '--status', '--tag', '-z', '--strict', '-w') }, R);
const CHECKSUMS = Object.fromEntries(['md5sum', 'sha1sum', 'sha224sum', 'sha256sum', 'sha384sum', 'sha512sum', 'b2sum', 'cksum', 'shasum'].map((name) => [name, CHECKSUM]));

export const FILE_TOOLS: Readonly<Record<string, ProgramGrammar>> = {
  ls: program({
    ...flags('-l', '-a', '-A', '-h', '-R', '-t', '-r', '-S', '-1', '-d', '-F', '-G', '-i', '-n', '-o', '-p', '-s', '-x', '-C', '-m', '-c', '-u', '-U',
      '-X', '-v', '-Z', '-Q', '-b', '-k', '-L', '-g', '-N', '-q', '--color', '--all', '--almost-all', '--human-readable', '--recursive', '--reverse',
      '--group-directories-first', '--classify', '--full-time', '--si', '--inode', '--directory', '--size', '--numeric-uid-gid', '--dereference',
      '--literal', '--hide-control-chars', '--show-control-chars', '--file-type', '--no-group', '--author', '--context'),
    ...valued('text', '--sort', '--time-style', '--time', '--format', '-I', '--ignore', '--hide', '--block-size', '--indicator-style', '--quoting-style', '-T', '--tabsize'),
    ...valued('integer', '-w', '--width'),
  }, R),
  tree: program({ ...flags('-a', '-d', '-f', '-i', '-s', '-h', '-D', '-F', '-C', '-n', '-p', '-u', '-g', '-Q', '-N', '--noreport', '--dirsfirst', '--gitignore', '--du', '--prune'), ...valued('integer', '-L', '--filelimit'), ...valued('text', '-I', '-P', '--charset', '--sort') }, R),
  file: program({ ...flags('-b', '-i', '-L', '-z', '-s', '-N', '-k', '--brief', '--mime', '--mime-type', '--mime-encoding', '--dereference', '--no-pad') }, R),
  stat: program({ ...flags('-f', '-L', '-t', '--file-system', '--dereference', '--terse'), ...valued('text', '-c', '--format', '--printf') }, R),
  du: program({ ...flags('-s', '-h', '-a', '-c', '-k', '-m', '-b', '-x', '-L', '--summarize', '--human-readable', '--all', '--total', '--apparent-size', '--si', '--one-file-system'), ...valued('integer', '-d', '--max-depth'), ...valued('text', '--exclude', '--time', '-B', '--block-size', '-t', '--threshold') }, R),
  // What df shows of a mount point is no secret, wherever it is.
  df: program({ ...flags('-h', '-H', '-T', '-i', '-k', '-l', '-a', '-P', '--human-readable', '--print-type', '--inodes', '--local', '--all', '--total'), ...valued('text', '--output', '-t', '-x', '-B') }, 'text'),
  wc: program({ ...flags('-l', '-w', '-c', '-m', '-L', '--lines', '--words', '--bytes', '--chars', '--max-line-length'), ...valued('text', '--total') }, R),
  ...CHECKSUMS,
  cd: program({ ...flags('-P', '-L', '-e', '-@') }, R),
  pushd: program({ ...flags('-n') }, R),
  popd: program({ ...flags('-n') }, 'text'),
  pwd: program({ ...flags('-P', '-L') }, 'none'),
  mkdir: program({ ...flags('-p', '-v', '--parents', '--verbose'), ...valued('text', '-m', '--mode') }, 'write-path'),
  touch: program({ ...flags('-a', '-m', '-c', '-h', '--no-create', '--no-dereference'), ...valued('text', '-d', '--date', '-t'), ...valued(R, '-r', '--reference') }, 'write-path'),
  tee: program({ ...flags('-a', '--append', '-i', '--ignore-interrupts', '-p') }, 'write-path'),
  realpath: program({ ...flags('-e', '-m', '-s', '-q', '-z', '-L', '-P', '--canonicalize-existing', '--canonicalize-missing', '--no-symlinks', '--quiet', '--zero'), ...valued('text', '--relative-to', '--relative-base') }, 'text'),
  readlink: program({ ...flags('-f', '-e', '-m', '-n', '-q', '-s', '-v', '-z', '--canonicalize', '--canonicalize-existing', '--canonicalize-missing') }, 'text'),
  basename: program({ ...flags('-a', '-z', '--multiple', '--zero'), ...valued('text', '-s', '--suffix') }, 'text'),
  dirname: program({ ...flags('-z', '--zero') }, 'text'),
  which: program({ ...flags('-a', '-s') }, 'text'),
  find: program({
    // find's predicates are whole words with one dash; -exec, -ok, -delete, -fprint* and -fls are
    // not here, so a learned `Bash(find *)` never covers them.
    ...flags('-print', '-print0', '-prune', '-empty', '-not', '-a', '-and', '-o', '-or', '-true', '-false', '-readable', '-writable', '-executable',
      '-ls', '-quit', '-depth', '-mount', '-xdev', '-follow', '-nouser', '-nogroup', '-L', '-H', '-P', '-daystart', '-noleaf', '-ignore_readdir_race'),
    ...valued('text', '-name', '-iname', '-path', '-ipath', '-wholename', '-iwholename', '-regex', '-iregex', '-type', '-xtype', '-mtime', '-mmin', '-atime',
      '-amin', '-ctime', '-cmin', '-size', '-user', '-group', '-perm', '-printf', '-regextype', '-lname', '-ilname', '-uid', '-gid', '-links', '-inum', '-used', '-fstype'),
    ...valued('integer', '-maxdepth', '-mindepth'),
    ...valued(R, '-newer', '-anewer', '-cnewer', '-samefile'),
  }, R, { singleDashLong: true, keywords: ['(', ')', '!', ','] }),
};
