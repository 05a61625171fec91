// Safety rules built into the engine. No learned rule overrides them: they are checked first,
// and a learned allow cannot undo their deny. Besides "deny" they can "hold" a command: leave it
// undecided for a human even if a learned rule would allow it, because what it touches is only
// known when it runs (a variable as the target of rm -r, a redirection to $OUT).
import { type SimpleCommand } from './shell-analysis.ts';
import type { ShellWord } from './shell-words.ts';
import { hasShortOrLongFlag, operands, writtenOperands } from './command-arguments.ts';
import { findSecret, mentionsSecret } from './credential-paths.ts';
import { forcePushProblem } from './git-push.ts';
import { codeRunningBuiltin } from './code-running-builtins.ts';
import { codeRunningFile } from './code-running-files.ts';
import { isInWorkspace, isReadable, isSharedTemp, isWithin, isWritable, resolvePath, workspaceRoots } from './paths.ts';
import { prefixAssignmentProblem, shellAssignmentProblem } from './shell-variables.ts';
import {
  CODE_INJECTING_VARIABLES, DOWNLOADERS, INTERPRETERS, PRIVILEGE_PROGRAMS, SHELLS, isDiskFormatter, programName,
} from './program-knowledge.ts';
import { EDITING_TOOLS, READING_TOOLS, requestPath } from './request-subject.ts';
import { type PermissionContext, type PermissionRequest, defaultProtectedBranches } from './types.ts';
import { type Place, changesDirectory, workingDirectories } from './working-directory.ts';

export interface BuiltinVerdict {
  readonly effect: 'deny' | 'hold';
  readonly ruleId: string;
  readonly reason: string;
}

/** The built-in rules, for documentation and for showing people what decided. */
export const BUILTIN_RULES: readonly { readonly id: string; readonly effect: 'deny' | 'hold'; readonly summary: string }[] = [
  { id: 'no-privilege-escalation', effect: 'deny', summary: 'sudo, doas, su, pkexec, anywhere in a command' },
  { id: 'no-recursive-rm-outside-workspace', effect: 'deny', summary: 'rm -r/-R/--recursive on a path outside the project and its worktrees, or on one of their roots' },
  { id: 'no-download-to-shell', effect: 'deny', summary: 'curl/wget (…) piped or substituted into a shell or interpreter' },
  { id: 'no-force-push-protected', effect: 'deny', summary: 'git push --force/+refspec/--delete/--mirror to a protected branch (default main, master), or to an unnamed one' },
  { id: 'no-dd-outside-workspace', effect: 'deny', summary: 'dd writing (of=) anywhere but the project, devices included' },
  { id: 'no-disk-format', effect: 'deny', summary: 'mkfs, mkfs.*, mkswap, wipefs, fdisk, parted and the like' },
  { id: 'no-recursive-chmod-outside-workspace', effect: 'deny', summary: 'chmod/chown/chgrp -R outside the project (/ included)' },
  { id: 'no-write-outside-workspace', effect: 'deny', summary: 'writes (redirections, tee, cp, mv, touch, sed -i, Edit, Write…) outside the project and its worktrees' },
  { id: 'no-credential-access', effect: 'deny', summary: 'reading ~/.ssh, ~/.aws, ~/.gnupg, ~/.netrc, ~/.kube, cloud and registry tokens, /etc/shadow…' },
  { id: 'hold-dynamic-program', effect: 'hold', summary: 'the program to run is only known at run time ($CMD, $(which x))' },
  { id: 'hold-code-injecting-variable', effect: 'hold', summary: 'PATH, LD_PRELOAD, NODE_OPTIONS, BASH_ENV… set for the command' },
  { id: 'hold-unknown-target', effect: 'hold', summary: 'a write, rm -r or chmod -R whose target is only known at run time' },
  { id: 'hold-variable', effect: 'hold', summary: 'a variable set for the command (or for the rest of the line) that is not known to be inert, or to a value only known at run time' },
  { id: 'hold-code-running-builtin', effect: 'hold', summary: 'declare, export, let, printf -v, source, test -v and other builtins that evaluate code hidden in values' },
  { id: 'hold-code-running-file', effect: 'hold', summary: 'writes to files that make code run later: .git/**, .claude/**, .husky/**, .envrc, .mcp.json, .vscode/**…' },
  { id: 'hold-shared-temp', effect: 'hold', summary: 'writes to /tmp, /var/tmp or /dev/shm (the agent has its own scratch dir)' },
  { id: 'hold-unknown-argument', effect: 'hold', summary: 'a learned rule covers the command but for an argument the catalogue does not know to be harmless' },
  { id: 'hold-outside-workspace', effect: 'hold', summary: 'a cd out of the project (or to a place only known at run time), what runs there, and input redirected from outside' },
];

function deny(ruleId: string, reason: string): BuiltinVerdict {
  return { effect: 'deny', ruleId, reason };
}

function hold(ruleId: string, reason: string): BuiltinVerdict {
  return { effect: 'hold', ruleId, reason };
}

const RECURSIVE_READERS = new Set(['tar', 'zip', '7z', 'rsync', 'scp', 'rg', 'ag', 'ack', 'find', 'grep', 'egrep', 'cp']);

function nameOf(command: SimpleCommand): string | null {
  const program = command.argv[0];
  return program !== undefined && program.isStatic ? programName(program.value) : null;
}

/** Targets of a path-taking rule: each resolved, or marked unknown. */
function resolveTargets(words: readonly ShellWord[], cwd: string | null, context: PermissionContext): ({ word: ShellWord; path: string | null })[] {
  return words.map((word) => ({ word, path: word.isStatic ? resolvePath(word.value, cwd, context.homeDir) : null }));
}

function checkPrivilege(command: SimpleCommand): BuiltinVerdict | null {
  const name = nameOf(command);
  const wrapper = command.wrappers.find((item) => PRIVILEGE_PROGRAMS.has(item));
  if (wrapper !== undefined || (name !== null && PRIVILEGE_PROGRAMS.has(name))) {
    return deny('no-privilege-escalation', `${wrapper ?? name} runs commands with another user's rights`);
  }
  return null;
}

function checkRecursive(command: SimpleCommand, cwd: string | null, context: PermissionContext): BuiltinVerdict | null {
  const name = nameOf(command);
  const args = command.argv.slice(1);
  const isRm = name === 'rm' && hasShortOrLongFlag(args, 'rR', ['--recursive']);
  const isChmod = (name === 'chmod' || name === 'chown' || name === 'chgrp') && hasShortOrLongFlag(args, 'R', ['--recursive']);
  if (!isRm && !isChmod) return null;
  const targets = isRm ? operands(args) : operands(args).slice(1);
  const ruleId = isRm ? 'no-recursive-rm-outside-workspace' : 'no-recursive-chmod-outside-workspace';
  const roots = workspaceRoots(context);
  for (const { word, path } of resolveTargets(targets, cwd, context)) {
    if (path === null) continue;
    // Removing a root itself (rm -rf .) or anything above it destroys the workspace.
    const destroysRoot = isRm && roots.some((root) => isWithin(root, path));
    if (destroysRoot || !isWritable(path, context) || path.startsWith('/dev/')) {
      return deny(ruleId, `${name} recursive on ${word.text} (${path}), ${destroysRoot ? 'a workspace root or above it' : 'outside the project and its worktrees'}`);
    }
  }
  if (command.openEnded) return hold('hold-unknown-target', `${name} recursive on paths xargs supplies at run time`);
  const unknown = resolveTargets(targets, cwd, context).find((target) => target.path === null);
  if (unknown !== undefined) return hold('hold-unknown-target', `${name} recursive on ${unknown.word.text}, which is only known at run time`);
  return null;
}

function checkDd(command: SimpleCommand, cwd: string | null, context: PermissionContext): BuiltinVerdict | null {
  if (nameOf(command) !== 'dd') return null;
  for (const { word, path } of resolveTargets(writtenOperands(command.argv), cwd, context)) {
    if (path === null) return hold('hold-unknown-target', `dd writes to ${word.text}, which is only known at run time`);
    if (!isWritable(path, context) || path.startsWith('/dev/')) return deny('no-dd-outside-workspace', `dd writes to ${path}`);
  }
  return null;
}

function checkDiskFormat(command: SimpleCommand): BuiltinVerdict | null {
  const name = nameOf(command);
  return name !== null && isDiskFormatter(name) ? deny('no-disk-format', `${name} formats or repartitions disks`) : null;
}

function checkForcePush(command: SimpleCommand, context: PermissionContext): BuiltinVerdict | null {
  const problem = forcePushProblem(command.argv, context.protectedBranches ?? defaultProtectedBranches);
  return problem === null ? null : deny('no-force-push-protected', problem);
}

/** A shell or interpreter that takes its code from stdin or from a file it is handed. */
function readsCodeFromInput(command: SimpleCommand): boolean {
  const name = nameOf(command);
  if (name === null) return false;
  if (name === 'source' || name === '.') return true;
  if (!SHELLS.has(name) && !INTERPRETERS.has(name)) return false;
  const args = command.argv.slice(1);
  const scriptGiven = operands(args).some((word) => word.isStatic && word.value !== '-');
  return !scriptGiven || args.some((word) => word.value === '-s' || word.value === '-') || args.some((word) => !word.isStatic);
}

function checkDownloadToShell(commands: readonly SimpleCommand[], index: number): BuiltinVerdict | null {
  const command = commands[index];
  if (command === undefined || !readsCodeFromInput(command)) return null;
  const isDownloader = (other: SimpleCommand): boolean => {
    const name = nameOf(other);
    return name !== null && DOWNLOADERS.has(name);
  };
  const pipeline = command.pipeline;
  const fedByPipe = pipeline !== null && commands.some((other) => other.pipeline?.id === pipeline.id && other.pipeline.stage < pipeline.stage && isDownloader(other));
  const fedBySubstitution = commands.some((other) => {
    if (!isDownloader(other)) return false;
    // Walk out through enclosing commands: `bash <(curl …)`, `sh -c "$(wget …)"`.
    for (let outer = other.insideOf; outer !== null; outer = commands[outer]?.insideOf ?? null) if (outer === index) return true;
    return false;
  });
  if (!fedByPipe && !fedBySubstitution) return null;
  return deny('no-download-to-shell', `${nameOf(command) ?? 'a shell'} runs code downloaded by the same command`);
}

function checkCredentials(command: SimpleCommand, cwd: string | null, context: PermissionContext): BuiltinVerdict | null {
  const name = nameOf(command);
  const recursive = name !== null && RECURSIVE_READERS.has(name) && (name !== 'grep' && name !== 'egrep' && name !== 'cp' || hasShortOrLongFlag(command.argv.slice(1), 'rRa', ['--recursive', '--archive']));
  const words = [...command.argv, ...command.redirects.flatMap((redirect) => (redirect.target === null ? [] : [redirect.target]))];
  for (const word of words) {
    if (!word.isStatic) {
      const marker = mentionsSecret(word.text);
      if (marker !== null) return deny('no-credential-access', `${word.text} may point at credentials (${marker})`);
      continue;
    }
    // `--key=~/.ssh/id`, `if=/root/x`: the part after = is a path too.
    const candidates = [word.value, ...(word.value.includes('=') ? [word.value.slice(word.value.indexOf('=') + 1)] : [])];
    for (const candidate of candidates) {
      const path = resolvePath(candidate, cwd, context.homeDir);
      const secret = path === null ? null : findSecret(path, context, recursive);
      if (secret !== null) return deny('no-credential-access', `${word.text} ${secret.how}, where credentials are kept`);
    }
  }
  return null;
}

function checkWrites(command: SimpleCommand, cwd: string | null, context: PermissionContext): BuiltinVerdict | null {
  const targets = [...command.redirects.filter((redirect) => redirect.writes).map((redirect) => redirect.target), ...writtenOperands(command.argv)];
  let unknown: string | null = null;
  let held: BuiltinVerdict | null = null;
  for (const target of targets) {
    if (target === null) continue;
    const path = target.isStatic ? resolvePath(target.value, cwd, context.homeDir) : null;
    if (path === null) { unknown ??= target.text; continue; }
    const verdict = judgeWrite(path, context);
    if (verdict?.effect === 'deny') return verdict;
    held ??= verdict;
  }
  if (held !== null) return held;
  if (unknown !== null) return hold('hold-unknown-target', `writes to ${unknown}, which is only known at run time`);
  if (command.openEnded && writtenOperands([...command.argv, { text: 'x', value: 'x', isStatic: true }]).length > 0) {
    return hold('hold-unknown-target', 'writes to paths xargs supplies at run time');
  }
  return null;
}

function checkHolds(command: SimpleCommand): BuiltinVerdict | null {
  const program = command.argv[0];
  if (program !== undefined && !program.isStatic) return hold('hold-dynamic-program', `the program ${program.text} is only known at run time`);
  const injected = command.assignments.find((name) => CODE_INJECTING_VARIABLES.has(name) || name.startsWith('LD_') || name.startsWith('DYLD_'));
  if (injected !== undefined) return hold('hold-code-injecting-variable', `${injected} is set, which changes what code the command runs`);
  const dynamic = new Set(command.dynamicAssignments ?? []);
  // `X=1 cmd` sets X for cmd; `X=1` alone sets it for the rest of the command line.
  for (const name of command.assignments) {
    const problem = program === undefined ? shellAssignmentProblem(name) : prefixAssignmentProblem(name, !dynamic.has(name));
    if (problem !== null) return hold('hold-variable', problem);
  }
  const builtin = codeRunningBuiltin(command);
  return builtin === null ? null : hold('hold-code-running-builtin', builtin);
}

/**
 * Learned rules speak for the project: a command that runs outside it (after a `cd` out, or
 * one to a place only known at run time), a `cd` that leaves it, and input read from outside by
 * a redirection wait for a person, whatever rule would allow them inside.
 */
function checkPlace(command: SimpleCommand, place: Place, context: PermissionContext): BuiltinVerdict | null {
  const ruleId = 'hold-outside-workspace';
  if (place.before === null) return hold(ruleId, `${command.text} runs after a cd to a directory only known at run time`);
  if (!isInWorkspace(place.before, context)) return hold(ruleId, `${command.text} runs in ${place.before}, outside the project and its worktrees`);
  if (changesDirectory(command)) {
    if (place.after === null) return hold(ruleId, `${command.text} changes to a directory only known at run time`);
    if (!isInWorkspace(place.after, context)) return hold(ruleId, `${command.text} leaves the project and its worktrees (for ${place.after})`);
  }
  for (const redirect of command.redirects) {
    const reads = !redirect.writes && redirect.target !== null && (redirect.operator === '<' || redirect.operator === '<&');
    if (!reads || redirect.target === null) continue;
    const source = redirect.target.isStatic ? resolvePath(redirect.target.value, place.before, context.homeDir) : null;
    if (source === null) return hold(ruleId, `${command.text} reads from ${redirect.target.text}, which is only known at run time`);
    if (!isReadable(source, context)) return hold(ruleId, `${command.text} reads ${source}, outside the project and its worktrees`);
  }
  return null;
}

/** Built-in verdict for each simple command of a Bash request: deny beats hold. */
export function checkBashCommands(commands: readonly SimpleCommand[], cwd: string, context: PermissionContext): (BuiltinVerdict | null)[] {
  const places = workingDirectories(commands, cwd, context.homeDir);
  return commands.map((command, index) => {
    const place = places[index] ?? { before: null, after: null };
    const dir = place.before;
    const verdicts = [
      checkPrivilege(command), checkDiskFormat(command), checkForcePush(command, context), checkDownloadToShell(commands, index),
      checkRecursive(command, dir, context), checkDd(command, dir, context), checkWrites(command, dir, context),
      checkCredentials(command, dir, context), checkHolds(command), checkPlace(command, place, context),
    ].filter((verdict) => verdict !== null);
    return verdicts.find((verdict) => verdict.effect === 'deny') ?? verdicts[0] ?? null;
  });
}

/**
 * A write to `path`: outside the workspace it is denied, except in the shared temporary
 * directories where a person may still allow it; inside, a file that makes code run later
 * (`.git/config`, `.claude/settings.json`, `.envrc`) waits for a person.
 */
function judgeWrite(path: string, context: PermissionContext): BuiltinVerdict | null {
  if (!isWritable(path, context)) {
    if (isSharedTemp(path)) return hold('hold-shared-temp', `writes to ${path}, in a shared temporary directory: the agent's own scratch dir is ${context.scratchDir ?? 'not set'}`);
    return deny('no-write-outside-workspace', `writes to ${path}, outside the project and its worktrees`);
  }
  const code = codeRunningFile(path, context);
  return code === null ? null : hold('hold-code-running-file', `writes ${code}`);
}

/** Built-in verdict for a request to any tool but Bash. */
export function checkToolRequest(request: PermissionRequest, context: PermissionContext): BuiltinVerdict | null {
  const tool = request.toolName;
  if (!EDITING_TOOLS.has(tool) && !READING_TOOLS.has(tool)) return null;
  const target = requestPath(request, context);
  if (target === null) return hold('hold-unknown-target', `${tool} without a usable path`);
  // Grep searches whole trees: pointing it at an ancestor of a secret reaches the secret.
  const secret = findSecret(target, context, tool === 'Grep');
  if (secret !== null) return deny('no-credential-access', `${tool} on ${target}, which ${secret.how}, where credentials are kept`);
  if (EDITING_TOOLS.has(tool)) return judgeWrite(target, context);
  return null;
}
