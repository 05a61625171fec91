// What a tool request is about: the file it touches, the URL it fetches. Read from the tool's
// input as Claude Code sends it; anything missing or malformed gives null, never a guess.
import path from 'node:path';
import type { PermissionContext, PermissionRequest } from './types.ts';

/** Rule tools and the request tools they cover: an `Edit` rule is about every way of editing. */
const TOOL_FAMILIES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['Read', new Set(['Read', 'NotebookRead', 'Glob', 'Grep', 'LS'])],
  ['Edit', new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit'])],
]);

export const EDITING_TOOLS: ReadonlySet<string> = TOOL_FAMILIES.get('Edit') ?? new Set();
export const READING_TOOLS: ReadonlySet<string> = TOOL_FAMILIES.get('Read') ?? new Set();

export function ruleToolCovers(ruleTool: string, requestTool: string): boolean {
  return ruleTool === requestTool || (TOOL_FAMILIES.get(ruleTool)?.has(requestTool) ?? false);
}

export function requestCwd(request: PermissionRequest, context: PermissionContext): string {
  return path.posix.resolve(context.projectDir, request.cwd ?? context.projectDir);
}

function expandHome(text: string, context: PermissionContext): string {
  return text === '~' || text.startsWith('~/') ? context.homeDir + text.slice(1) : text;
}

/** The fixed directories a glob starts with: `../x/**\/*.ts` → `../x`. */
function globBase(pattern: string): string {
  const fixed: string[] = [];
  for (const segment of pattern.split('/')) {
    if (/[*?[{]/.test(segment)) break;
    fixed.push(segment);
  }
  return fixed.length === 0 ? '.' : fixed.join('/') || '/';
}

/**
 * The absolute path a file tool acts on, or null when the input names none. A Glob acts where
 * its pattern starts: `/etc/**` searches /etc whatever its `path`.
 */
export function requestPath(request: PermissionRequest, context: PermissionContext): string | null {
  const input = request.toolInput;
  const raw = input['file_path'] ?? input['notebook_path'] ?? input['path'];
  const cwd = requestCwd(request, context);
  const searches = request.toolName === 'Glob' || request.toolName === 'Grep' || request.toolName === 'LS';
  if (raw !== undefined && (typeof raw !== 'string' || raw === '' || raw.includes('\0'))) return null;
  if (raw === undefined && !searches) return null;
  const base = raw === undefined ? cwd : path.posix.resolve(cwd, expandHome(raw, context));
  const pattern = input['pattern'];
  if (request.toolName !== 'Glob' || typeof pattern !== 'string') return base;
  if (pattern.includes('\0')) return null;
  return path.posix.resolve(base, globBase(expandHome(pattern, context)));
}

/** Lower-case host of a WebFetch URL, or null when it is not an http(s) URL. */
export function requestHost(request: PermissionRequest): string | null {
  const raw = request.toolInput['url'];
  if (typeof raw !== 'string') return null;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
}

export function requestCommand(request: PermissionRequest): string | null {
  const command = request.toolInput['command'];
  return typeof command === 'string' ? command : null;
}
