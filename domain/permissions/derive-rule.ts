// The rules to learn from a human "always". Generalise only where the catalogue can read the
// program (`npm run test -- --watch` teaches `Bash(npm run test *)`, whose `*` covers only
// harmless arguments); any other program only exactly as approved; nothing from a program that
// can do anything (`rm`, shells). A compound command teaches one rule per part, all or nothing, so what is learned
// always allows the very command that was approved, and nothing is learned from a command that
// holds a part no rule may safely cover.
import path from 'node:path';
import type { BashToken } from './bash-pattern.ts';
import { checkBashCommands, checkToolRequest } from './builtin-deny.ts';
import { allowRestrictions } from './allow-restrictions.ts';
import { grammarOf } from './catalogue/index.ts';
import { INLINE_CODE_FLAGS, INTERPRETERS, NEVER_LEARNED, programName } from './program-knowledge.ts';
import { ruleMatchesCommand } from './rule-matching.ts';
import { isWithin, workspaceRoots } from './paths.ts';
import { EDITING_TOOLS, requestCommand, requestCwd, requestHost, requestPath } from './request-subject.ts';
import { type PermissionRule, formatRule, parseRule } from './rule-syntax.ts';
import { type SimpleCommand, analyseCommand } from './shell-analysis.ts';
import type { ShellWord } from './shell-words.ts';
import type { PermissionContext, PermissionRequest } from './types.ts';
import { workingDirectories } from './working-directory.ts';

const ANY: BashToken = { kind: 'any' };
/** Tools that take no specifier and only plan or search the web: learning them whole is safe. */
const WHOLE_TOOLS = new Set(['WebSearch', 'TodoWrite']);
/** Tools that search directory trees: learned as reads of the tree searched, never whole. */
const SEARCH_TOOLS = new Set(['Grep', 'Glob', 'LS']);

function literal(word: ShellWord): BashToken {
  return { kind: 'word', segments: word.value === '' ? [] : [{ literal: word.value }] };
}

function bashRule(tokens: readonly BashToken[]): PermissionRule {
  return { kind: 'bash', pattern: tokens };
}

/** The command exactly as approved, or null when a word of it is only known at run time. */
function exactRule(command: SimpleCommand): PermissionRule | null {
  if (command.openEnded || command.argv.some((word) => !word.isStatic)) return null;
  return bashRule(command.argv.map(literal));
}

/** The first `count` words plus `*`, if those words are fixed. */
function prefixRule(command: SimpleCommand, count: number): PermissionRule | null {
  const prefix = command.argv.slice(0, count);
  if (prefix.length < count || prefix.some((word) => !word.isStatic)) return null;
  return bashRule([...prefix.map(literal), ANY]);
}

/**
 * The rule for one simple command; null when nothing safe can be learned from it. A program in
 * the catalogue teaches its named words (program, subcommands, script or target) and `*`, which
 * then covers only arguments the catalogue knows to be harmless; when the command itself has a
 * word the catalogue does not vouch for, exactly that command is learned. Any other program is
 * learned exactly as approved, and programs that can do anything teach nothing.
 */
export function deriveCommandRule(command: SimpleCommand, cwd: string | null, context: PermissionContext): PermissionRule | null {
  const program = command.argv[0];
  if (program === undefined || !program.isStatic) return null;
  if (command.wrappers.includes('xargs') || command.wrappers.includes('find -exec')) return null;
  const name = programName(program.value);
  // Inline code (`node -e`, `python -c`) is a program of its own: nothing is learned from it.
  if (INTERPRETERS.has(name) && command.argv.slice(1).some((word) => word.isStatic && INLINE_CODE_FLAGS.has(word.value))) return null;
  const restrictions = allowRestrictions(command, cwd, context);
  const reading = restrictions.reading;
  if (reading === null) return NEVER_LEARNED.has(name) ? null : exactRule(command);
  const clean = restrictions.problems.size === 0 && restrictions.outside.size === 0;
  // `git --version` names no subcommand: a `Bash(git *)` would speak for all of git.
  // `node`, `make`, `python3` alone name no script or target: a `Bash(node *)` would speak for every script.
  const grammar = grammarOf(program.value);
  const namesNothing = reading.namedWords <= 1 && (grammar?.subcommands !== undefined || (grammar?.keepOperands ?? 0) > 0 || grammar?.thenProgram === true || grammar?.selectors !== undefined);
  const general = clean && !namesNothing ? prefixRule(command, reading.namedWords) : null;
  const rule = general ?? exactRule(command);
  // What is learned must allow the approved command again; a rule that would not is not learned.
  return rule !== null && ruleMatchesCommand(rule, command, rule === general ? restrictions : {}) ? rule : null;
}

function deriveBash(request: PermissionRequest, context: PermissionContext): PermissionRule[] | null {
  const command = requestCommand(request);
  if (command === null) return null;
  const analysis = analyseCommand(command);
  if (!analysis.ok || analysis.commands.length === 0) return null;
  // Never learn from a command the built-in rules deny or hold: no rule could make it run.
  const cwd = requestCwd(request, context);
  if (checkBashCommands(analysis.commands, cwd, context).some((verdict) => verdict !== null)) return null;
  const places = workingDirectories(analysis.commands, cwd, context.homeDir);
  const rules: PermissionRule[] = [];
  for (const [index, part] of analysis.commands.entries()) {
    if (part.argv.length === 0) continue;
    const rule = deriveCommandRule(part, places[index]?.before ?? null, context);
    if (rule === null) return null;
    if (!rules.some((known) => formatRule(known) === formatRule(rule))) rules.push(rule);
  }
  return rules.length === 0 ? null : rules;
}

const GLOB_CHARACTERS = /[*?[\]]/;

function derivePath(request: PermissionRequest, context: PermissionContext): PermissionRule[] | null {
  const target = requestPath(request, context);
  if (target === null || GLOB_CHARACTERS.test(target)) return null;
  const tool = EDITING_TOOLS.has(request.toolName) ? 'Edit' : 'Read';
  const root = workspaceRoots(context).find((candidate) => isWithin(target, candidate));
  if (root === undefined) {
    // Outside the project: only the file that was approved.
    if (target === '/') return null;
    return [{ kind: 'path', tool, path: { anchor: 'absolute', pattern: target.slice(1) } }];
  }
  const relative = path.posix.relative(root, target);
  if (relative === '') return [{ kind: 'path', tool, path: { anchor: 'project', pattern: '**' } }];
  const directory = path.posix.dirname(relative);
  // A file at the root teaches only that file; deeper, its directory and everything below.
  const pattern = directory === '.' ? relative : `${directory}/**`;
  return [{ kind: 'path', tool, path: { anchor: 'project', pattern } }];
}

/**
 * The rules to learn when a person answers "always" to `request`; null when nothing safe can
 * be learned. Every rule returned, together, allows `request` again.
 */
export function deriveRules(request: PermissionRequest, context: PermissionContext): PermissionRule[] | null {
  const rules = deriveUnchecked(request, context);
  // A rule that would not read back the same is not worth storing: learn nothing instead.
  return rules !== null && rules.every(readsBack) ? rules : null;
}

function readsBack(rule: PermissionRule): boolean {
  try {
    return formatRule(parseRule(formatRule(rule))) === formatRule(rule);
  } catch {
    return false;
  }
}

function deriveUnchecked(request: PermissionRequest, context: PermissionContext): PermissionRule[] | null {
  const tool = request.toolName;
  if (tool === 'Bash') return deriveBash(request, context);
  if (checkToolRequest(request, context) !== null) return null;
  if (tool.startsWith('mcp__')) {
    const rest = tool.slice('mcp__'.length);
    const split = rest.indexOf('__');
    if (split <= 0 || !/^[A-Za-z0-9_-]+$/.test(rest.slice(split + 2)) || !/^[A-Za-z0-9_-]+$/.test(rest.slice(0, split))) return null;
    return [{ kind: 'mcp', server: rest.slice(0, split), tool: rest.slice(split + 2) }];
  }
  if (tool === 'WebFetch') {
    const host = requestHost(request);
    return host === null ? null : [{ kind: 'domain', host }];
  }
  if (EDITING_TOOLS.has(tool) || tool === 'Read' || tool === 'NotebookRead') return derivePath(request, context);
  // A bare `Grep` would reach outside the project too; a `Read(…)` rule covers searches of its tree.
  if (SEARCH_TOOLS.has(tool)) return derivePath(request, context);
  if (WHOLE_TOOLS.has(tool)) return [{ kind: 'tool', tool }];
  return null;
}
