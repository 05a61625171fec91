// Where to go after signing in: only a path on this site, so a crafted sign-in link cannot
// send a person elsewhere. A browser reads `//host` and `/\host` as another site
// (protocol-relative) and drops tabs and newlines from a URL before reading it, so the target
// must be a path that starts with exactly one "/", holds no control characters, and still
// names this site when a browser's URL parser reads it.
import { findControlCharacter } from '$domain/control-characters.ts';

const ORIGIN = 'http://orc.invalid';

export function safeTarget(to: string | null): string {
  if (!to || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return '/';
  if (/\s/.test(to) || findControlCharacter(to) !== null) return '/';
  try {
    if (new URL(to, ORIGIN).origin !== ORIGIN) return '/';
  } catch {
    return '/';
  }
  return to;
}
