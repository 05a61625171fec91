// Whether Claude Code asks before a tool use, as far as the request shows. orc hears of every
// tool use through the PreToolUse hook; one that a learned rule allows counts as decided by that
// rule even when Claude Code then runs it without asking, from its own copy of the rule. But a
// tool use Claude Code never asks about (a read inside the project, `git status`, a todo list)
// was no permission request at all, so it is not counted. This is an outline of Claude Code's
// behaviour (2.1), not a copy: where unsure it says "asks".
import { outsideReadWords } from './outside-reads.ts';
import { isInWorkspace } from './paths.ts';
import { programName } from './program-knowledge.ts';
import { EDITING_TOOLS, READING_TOOLS, requestCommand, requestCwd, requestPath } from './request-subject.ts';
import { analyseCommand } from './shell-analysis.ts';
import type { PermissionContext, PermissionRequest } from './types.ts';
import { workingDirectories } from './working-directory.ts';

/** Programs Claude Code runs without asking when they stay in the project and write nothing. */
const READ_ONLY_PROGRAMS = new Set([
  'ls', 'cat', 'head', 'tail', 'wc', 'grep', 'egrep', 'fgrep', 'rg', 'pwd', 'echo', 'printf', 'which', 'tree', 'file', 'stat', 'du',
  'df', 'sort', 'uniq', 'cut', 'diff', 'true', 'false', 'date', 'whoami', 'uname', 'basename', 'dirname', 'realpath', 'readlink',
  'nl', 'tac', 'cd',
]);
const READ_ONLY_GIT = new Set(['status', 'diff', 'log', 'show', 'branch', 'rev-parse', 'ls-files', 'blame']);
const DISCARDS = new Set(['/dev/null', '/dev/stdout', '/dev/stderr']);

/** Tools that can ask; the rest (TodoWrite, Task, AskUserQuestion…) never do. */
function isGated(tool: string): boolean {
  return tool === 'Bash' || EDITING_TOOLS.has(tool) || READING_TOOLS.has(tool) || tool === 'WebFetch' || tool === 'WebSearch' || tool.startsWith('mcp__');
}

function bashMayAsk(request: PermissionRequest, context: PermissionContext): boolean {
  const command = requestCommand(request);
  const analysis = command === null ? null : analyseCommand(command);
  if (analysis === null || !analysis.ok || analysis.commands.length === 0) return true;
  const places = workingDirectories(analysis.commands, requestCwd(request, context), context.homeDir);
  return analysis.commands.some((part, index) => {
    const cwd = places[index]?.before ?? null;
    if (cwd === null || !isInWorkspace(cwd, context)) return true;
    const writes = part.redirects.some((redirect) => redirect.writes && redirect.target !== null && !(redirect.target.isStatic && DISCARDS.has(redirect.target.value)));
    if (writes || part.wrappers.length > 0 || part.assignments.length > 0) return true;
    const program = part.argv[0];
    if (program === undefined) return false;
    if (!program.isStatic) return true;
    const name = programName(program.value);
    const readOnly = READ_ONLY_PROGRAMS.has(name) || (name === 'git' && READ_ONLY_GIT.has(part.argv[1]?.value ?? ''));
    return !readOnly || outsideReadWords(part, cwd, context).size > 0;
  });
}

/** `permissionMode` as Claude Code's hooks report it (`default`, `acceptEdits`, `plan`, `bypassPermissions`…). */
export function claudeCodeMayAsk(request: PermissionRequest, permissionMode: string | undefined, context: PermissionContext): boolean {
  const tool = request.toolName;
  if (permissionMode === 'bypassPermissions' || !isGated(tool)) return false;
  if (tool === 'Bash') return bashMayAsk(request, context);
  const target = requestPath(request, context);
  const inside = target !== null && isInWorkspace(target, context);
  if (READING_TOOLS.has(tool)) return !inside;
  if (EDITING_TOOLS.has(tool)) return !(inside && permissionMode === 'acceptEdits');
  return true;
}
