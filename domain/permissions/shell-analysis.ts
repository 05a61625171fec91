// A Bash command, read by a real shell parser (unbash), as the list of simple commands it would
// run. Rules are judged per simple command, so everything that hides one command inside
// another (&&, ||, ;, pipes, subshells, $(…), backticks, <(…), eval, bash -c, sudo, xargs,
// find -exec) is flattened here. What cannot be read with certainty is reported, never guessed.
import { forEachChild, parse, type Command, type Redirection, type SyntaxNode, type Word } from 'unbash';
import { type ShellWord, evaluateWord, dynamicWord } from './shell-words.ts';
import { unwrapCommand } from './shell-wrappers.ts';
import { codeRunningExpansion } from './code-running-expansions.ts';

export interface ShellRedirect {
  readonly operator: string;
  /** The file named; null for here-documents and here-strings, which name none. */
  readonly target: ShellWord | null;
  readonly writes: boolean;
}

export interface SimpleCommand {
  /** Program and arguments of what finally runs, wrappers removed; empty for `X=1` or `> file` alone. */
  readonly argv: readonly ShellWord[];
  /** Source text of the command as written, for people reading a decision. */
  readonly text: string;
  readonly redirects: readonly ShellRedirect[];
  /** Wrappers peeled off, outermost first: `sudo`, `env`, `bash -c`, `eval`, `xargs`, `find -exec`. */
  readonly wrappers: readonly string[];
  /** Names of environment variables set for this command. */
  readonly assignments: readonly string[];
  /** Of those, the ones whose value is only known at run time. */
  readonly dynamicAssignments?: readonly string[];
  /** Arguments will be appended that are unknown now (xargs). */
  readonly openEnded: boolean;
  /** Position in a pipeline, so "download piped into a shell" can be seen. */
  readonly pipeline: { readonly id: number; readonly stage: number } | null;
  /** Index of the command whose words contain this one (`$(…)`, `<(…)`), if any. */
  readonly insideOf: number | null;
}

export type ShellAnalysis =
  | { readonly ok: true; readonly commands: readonly SimpleCommand[] }
  | { readonly ok: false; readonly reason: string };

export const MAX_COMMAND_LENGTH = 10_000;
const MAX_NESTING = 12;

const WRITE_OPERATORS = new Set(['>', '>>', '>|', '&>', '&>>', '<>']);

class Unanalysable extends Error {}

interface Scope {
  readonly source: string;
  readonly depth: number;
  readonly pipeline: { readonly id: number; readonly stage: number } | null;
  readonly insideOf: number | null;
  /** Wrappers and assignments inherited from an enclosing `sudo bash -c '…'`. */
  readonly wrappers: readonly string[];
  readonly assignments: readonly string[];
  readonly dynamicAssignments?: readonly string[];
}

function describeRedirect(redirect: Redirection): ShellRedirect {
  if (redirect.type === 'HereDoc' || redirect.type === 'HereString') return { operator: redirect.operator, target: null, writes: false };
  const target = redirect.target === undefined ? null : evaluateWord(redirect.target);
  // `>&2` and `2>&1` duplicate a descriptor; only `>&file` names a file.
  if ((redirect.operator === '>&' || redirect.operator === '<&') && target !== null && /^(\d+|-)$/.test(target.value)) {
    return { operator: redirect.operator, target: null, writes: false };
  }
  const writes = WRITE_OPERATORS.has(redirect.operator) || (redirect.operator === '>&' && target !== null);
  return { operator: redirect.operator, target, writes };
}

class Analyser {
  readonly commands: SimpleCommand[] = [];
  private pipelineCount = 0;

  analyseSource(source: string, scope: Omit<Scope, 'source'>): void {
    if (scope.depth > MAX_NESTING) throw new Unanalysable('commands nested too deeply');
    const script = parse(source);
    this.visit(script, { ...scope, source });
  }

  private visit(node: SyntaxNode, scope: Scope): void {
    if (scope.depth > MAX_NESTING) throw new Unanalysable('commands nested too deeply');
    switch (node.type) {
      case 'Script': {
        const first = node.errors?.[0];
        if (first !== undefined) throw new Unanalysable(`shell syntax error at ${first.pos}: ${first.message}`);
        const source = node.source ?? scope.source;
        forEachChild(node, (child) => this.visit(child, { ...scope, source, depth: scope.depth + 1 }));
        return;
      }
      case 'Pipeline': {
        const id = this.pipelineCount++;
        node.commands.forEach((command, stage) => this.visit(command, { ...scope, pipeline: { id, stage } }));
        return;
      }
      case 'Command':
        this.addCommand(node, scope);
        return;
      case 'Redirected': {
        // Redirections of a compound command ({ …; } > f) belong to no single command inside it.
        this.commands.push({
          argv: [], text: scope.source.slice(node.pos, node.end), redirects: node.redirects.map(describeRedirect),
          wrappers: scope.wrappers, assignments: [], openEnded: false, pipeline: scope.pipeline, insideOf: scope.insideOf,
        });
        const index = this.commands.length - 1;
        this.visit(node.command, scope);
        for (const redirect of node.redirects) this.visitChildren(redirect, { ...scope, pipeline: null, insideOf: index });
        return;
      }
      case 'ParameterExpansion':
      case 'ArithmeticExpansion':
      case 'ArithmeticCommand':
      case 'ArithmeticFor':
      case 'TestCommand': {
        const hazard = codeRunningExpansion(node, scope.source);
        if (hazard !== null) throw new Unanalysable(hazard);
        this.visitChildren(node, scope);
        return;
      }
      case 'CommandExpansion':
      case 'ProcessSubstitution':
      case 'ArithmeticCommandExpansion':
        // A substitution runs with its own stdin: it is not a stage of the surrounding pipeline.
        this.visitChildren(node, { ...scope, pipeline: null, depth: scope.depth + 1 });
        return;
      default:
        this.visitChildren(node, scope);
    }
  }

  private visitChildren(node: SyntaxNode, scope: Scope): void {
    forEachChild(node, (child) => this.visit(child, scope));
  }

  private addCommand(node: Command, scope: Scope): void {
    const text = scope.source.slice(node.pos, node.end);
    // `cmd a=b` passes "a=b" as an argument; unbash gives it as an Assignment node.
    const argv: ShellWord[] = [];
    for (const argument of node.name === undefined ? [] : [node.name, ...node.suffix]) {
      if (argument.type === 'Word') argv.push(evaluateWord(argument));
      else if (argument.type === 'Assignment') argv.push(assignmentWord(argument.text, argument.value));
    }
    const assignments = node.prefix.flatMap((item) => (item.type === 'Assignment' ? [item.name] : []));
    const dynamicAssignments = node.prefix.flatMap((item) => (item.type === 'Assignment' && (item.value.type !== 'Word' || !evaluateWord(item.value).isStatic || item.text.includes('+=')) ? [item.name] : []));
    const redirects = node.redirects.map(describeRedirect);
    const index = this.emit(argv, text, redirects, { ...scope, assignments: [...scope.assignments, ...assignments], dynamicAssignments });
    // Words, prefixes and redirect targets may hide more commands ($(…), <(…)).
    this.visitChildren(node, { ...scope, pipeline: null, insideOf: index });
  }

  /** Records a command after unwrapping; returns the index nested commands refer to. */
  private emit(argv: readonly ShellWord[], text: string, redirects: readonly ShellRedirect[], scope: Scope): number {
    const unwrapped = unwrapCommand(argv, scope.assignments);
    if (unwrapped.kind === 'opaque') throw new Unanalysable(unwrapped.reason);
    if (unwrapped.kind === 'script') {
      const index = this.commands.length;
      // The wrapper's own redirections still apply around the inner script.
      if (redirects.length > 0) {
        this.commands.push({ argv: [], text, redirects, wrappers: scope.wrappers, assignments: [], openEnded: false, pipeline: scope.pipeline, insideOf: scope.insideOf });
      }
      this.analyseSource(unwrapped.source, {
        depth: scope.depth + 1, pipeline: scope.pipeline, insideOf: scope.insideOf,
        wrappers: [...scope.wrappers, ...unwrapped.wrappers], assignments: unwrapped.assignments,
      });
      return index;
    }
    const extraWrites: ShellRedirect[] = unwrapped.writes.map((target) => ({ operator: 'find -fprint', target, writes: true }));
    this.commands.push({
      argv: unwrapped.argv, text, redirects: [...redirects, ...extraWrites], wrappers: [...scope.wrappers, ...unwrapped.wrappers],
      assignments: unwrapped.assignments, dynamicAssignments: [...(scope.dynamicAssignments ?? []), ...unwrapped.dynamicAssignments], openEnded: unwrapped.openEnded, pipeline: scope.pipeline, insideOf: scope.insideOf,
    });
    const index = this.commands.length - 1;
    for (const spawned of unwrapped.spawned) {
      this.emit(spawned, text, [], { ...scope, wrappers: [...scope.wrappers, ...unwrapped.wrappers, 'find -exec'], assignments: [], pipeline: null, insideOf: index });
    }
    return index;
  }
}

function assignmentWord(text: string, value: Word | { type: 'ArrayValue' }): ShellWord {
  if (value.type !== 'Word') return dynamicWord(text);
  const evaluated = evaluateWord(value);
  const name = text.slice(0, text.indexOf('=') + 1);
  return evaluated.isStatic ? { text, value: name + evaluated.value, isStatic: true } : dynamicWord(text);
}

/** Reads `command` into the simple commands it would run. Never throws. */
export function analyseCommand(command: string): ShellAnalysis {
  if (command.length > MAX_COMMAND_LENGTH) return { ok: false, reason: `command longer than ${MAX_COMMAND_LENGTH} characters` };
  // `$[…]` is bash's old arithmetic, which the parser reads as text: it evaluates subscripts, running code in them.
  if (command.includes('$[')) return { ok: false, reason: 'old-style arithmetic $[…] evaluates what variables hold, which can run code' };
  try {
    const analyser = new Analyser();
    analyser.analyseSource(command, { depth: 0, pipeline: null, insideOf: null, wrappers: [], assignments: [] });
    return { ok: true, commands: analyser.commands };
  } catch (error) {
    const reason = error instanceof Unanalysable ? error.message : `the shell parser failed: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, reason };
  }
}
