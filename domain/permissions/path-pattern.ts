// Path specifiers of Read/Edit/Write rules, gitignore style, anchored as Claude Code anchors them:
// `//abs` absolute, `~/x` home, `/x` the project root, `./x` or `x/y` the working directory, and a
// bare name with no slash (`*.env`) at any depth below the working directory.
import path from 'node:path';
import type { PermissionContext } from './types.ts';
import { workspaceRoots } from './paths.ts';

export type PathAnchor = 'absolute' | 'home' | 'project' | 'cwd' | 'anywhere';

export interface PathPattern {
  readonly anchor: PathAnchor;
  /** The pattern after its anchor, without a leading slash; `**`, `*` and `?` are wildcards. */
  readonly pattern: string;
}

export type PathResult = { readonly path: PathPattern } | { readonly problem: string };

export function parsePathPattern(specifier: string): PathResult {
  let anchor: PathAnchor;
  let rest: string;
  if (specifier.startsWith('//')) [anchor, rest] = ['absolute', specifier.slice(2)];
  else if (specifier.startsWith('~/')) [anchor, rest] = ['home', specifier.slice(2)];
  else if (specifier.startsWith('/')) [anchor, rest] = ['project', specifier.slice(1)];
  else if (specifier.startsWith('./')) [anchor, rest] = ['cwd', specifier.slice(2)];
  else if (specifier.startsWith('~')) return { problem: 'only ~/ is understood, not ~user' };
  else [anchor, rest] = [specifier.replace(/\/$/, '').includes('/') ? 'cwd' : 'anywhere', specifier];
  // A trailing slash means "this directory", which gitignore-style matching already covers.
  rest = rest.replace(/\/+$/, '');
  if (rest === '') return { problem: 'the path is empty' };
  const segments = rest.split('/');
  if (segments.some((segment) => segment === '')) return { problem: 'the path has an empty segment (//)' };
  if (segments.some((segment) => segment === '..' || segment === '.')) return { problem: '. and .. segments are not allowed in rule paths' };
  if (rest.includes('\0')) return { problem: 'the path contains a NUL character' };
  return { path: { anchor, pattern: rest } };
}

export function formatPathPattern(pattern: PathPattern): string {
  switch (pattern.anchor) {
    case 'absolute': return `//${pattern.pattern}`;
    case 'home': return `~/${pattern.pattern}`;
    case 'project': return `/${pattern.pattern}`;
    case 'cwd': return `./${pattern.pattern}`;
    case 'anywhere': return pattern.pattern;
  }
}

function globToRegExpSource(glob: string): string {
  let source = '';
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob[index] ?? '';
    if (char === '*' && glob[index + 1] === '*') {
      const atSegmentStart = index === 0 || glob[index - 1] === '/';
      const next = glob[index + 2];
      if (atSegmentStart && next === '/') { source += '(?:[^/]*/)*'; index += 2; continue; }
      if (atSegmentStart && next === undefined) { source += '.*'; index += 1; continue; }
      source += '[^/]*';
      index += 1;
      continue;
    }
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return source;
}

/** Base directories the pattern is anchored to, in this context. */
function bases(pattern: PathPattern, context: PermissionContext, cwd: string): readonly string[] {
  switch (pattern.anchor) {
    case 'absolute': return ['/'];
    case 'home': return [context.homeDir];
    // Learned for the project, so it holds in each of its worktrees too.
    case 'project': return workspaceRoots(context);
    case 'cwd':
    case 'anywhere': return [cwd];
  }
}

/** Gitignore semantics: a pattern naming a directory covers everything inside it. */
export function matchPathPattern(pattern: PathPattern, target: string, context: PermissionContext, cwd: string): boolean {
  const glob = pattern.anchor === 'anywhere' ? `**/${pattern.pattern}` : pattern.pattern;
  return bases(pattern, context, cwd).some((base) => {
    const prefix = path.posix.resolve(base);
    const regexp = new RegExp(`^${globToRegExpSource(prefix === '/' ? `/${glob}` : `${prefix}/${glob}`)}(?:/.*)?$`);
    return regexp.test(target);
  });
}
