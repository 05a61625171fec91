// Resolving the paths a request names, without touching the disk: symlinks are not followed,
// so containment is judged on the text of the path after normalisation.
import path from 'node:path';
import type { PermissionContext } from './types.ts';

const GLOB_CHARS = /[*?[]/;

function globMatchesDotDot(segment: string): boolean {
  const source = segment.replace(/[.+^${}()|\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  try {
    return new RegExp(`^${source}$`).test('..');
  } catch {
    return true;
  }
}

/**
 * Absolute, normalised form of `raw` as the shell would see it from `cwd`; null when it cannot be
 * known (a relative path after an unknown `cd`, or `~user`). A glob segment that could match `..`
 * (such as `.*` in shells without globskipdots) is read as `..`, so it can only widen what counts
 * as outside.
 */
export function resolvePath(raw: string, cwd: string | null, homeDir: string): string | null {
  let text = raw;
  if (text === '~' || text.startsWith('~/')) text = homeDir + text.slice(1);
  else if (text.startsWith('~')) return null;
  // Only a literal leading dot can match dot entries: `*` never matches `..`.
  const segments = text.split('/').map((segment) => (segment.startsWith('.') && GLOB_CHARS.test(segment) && globMatchesDotDot(segment) ? '..' : segment));
  text = segments.join('/');
  if (text.startsWith('/')) return path.posix.resolve(text);
  if (cwd === null) return null;
  return path.posix.resolve(cwd, text);
}

/** True when `target` is `root` or below it. */
export function isWithin(target: string, root: string): boolean {
  const relative = path.posix.relative(root, target);
  return relative === '' || (relative !== '..' && !relative.startsWith('../') && !path.posix.isAbsolute(relative));
}

/** The project and its worktrees: where an agent may change things. */
export function workspaceRoots(context: PermissionContext): readonly string[] {
  return [context.projectDir, ...context.worktrees].map((root) => path.posix.resolve(root));
}

export function isInWorkspace(target: string, context: PermissionContext): boolean {
  return workspaceRoots(context).some((root) => isWithin(target, root));
}

// Writing to these is how commands throw output away or talk to the terminal, not a file change.
const HARMLESS_WRITE_TARGETS = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty']);

export function isWritable(target: string, context: PermissionContext): boolean {
  if (HARMLESS_WRITE_TARGETS.has(target) || target.startsWith('/dev/fd/')) return true;
  const extra = [...(context.extraWritableDirs ?? []), ...(context.scratchDir === undefined ? [] : [context.scratchDir])].map((dir) => path.posix.resolve(dir));
  return isInWorkspace(target, context) || extra.some((root) => isWithin(target, root));
}

// Reading these gives nothing of anyone's: no input, noise, or the command's own descriptors.
const HARMLESS_READ_SOURCES = new Set(['/dev/stdin', '/dev/zero', '/dev/random', '/dev/urandom']);

/** Where a command may read without a person asking: where it may write, and a few devices. */
export function isReadable(target: string, context: PermissionContext): boolean {
  return HARMLESS_READ_SOURCES.has(target) || isWritable(target, context);
}

export function hasGlob(text: string): boolean {
  return GLOB_CHARS.test(text);
}

/** Shared temporary directories: a write there is no harm to the project, but not the agent's own place either. */
const SHARED_TEMP = ['/tmp', '/var/tmp', '/dev/shm'];

export function isSharedTemp(target: string): boolean {
  return SHARED_TEMP.some((root) => isWithin(target, root));
}
