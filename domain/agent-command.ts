// The agent command is given by people as one string ("claude --permission-mode default");
// it is split with a real shell-word parser and then only ever run as an argument array.
import { parse } from 'shell-quote';
import type { AgentKind } from './agent.ts';

export const DEFAULT_AGENT_COMMAND = 'claude --permission-mode default';

export class InvalidCommandError extends Error {
  override name = 'InvalidCommandError';
}

/** Splits a command line into argv. Shell operators, globs and substitutions are refused, not run. */
export function parseAgentCommand(command: string): string[] {
  const trimmed = command.trim();
  if (trimmed === '') throw new InvalidCommandError('agent command is empty: give a program, for example --cmd "bash"');
  const words = parse(trimmed, (name) => `$${name}`);
  const argv: string[] = [];
  for (const word of words) {
    if (typeof word === 'string') {
      argv.push(word);
      continue;
    }
    const shown = 'op' in word ? word.op : 'comment' in word ? `#${word.comment}` : String(word);
    throw new InvalidCommandError(
      `agent command "${command}" contains shell syntax (${shown}); give a plain program and arguments, or wrap a pipeline in: bash -c '...'`,
    );
  }
  return argv;
}

/** Claude Code gets hooks and is confirmed through them; other CLIs are confirmed by reading the pane. */
export function isClaudeCode(argv: readonly string[]): boolean {
  const program = argv[0] ?? '';
  const base = program.split('/').pop() ?? '';
  return base === 'claude' || base === 'claude.exe';
}

/** The Codex CLI: orc writes its config and resumes it with `codex resume --last`. */
export function isCodex(argv: readonly string[]): boolean {
  return (argv[0] ?? '').split('/').pop() === 'codex';
}

/** Which kind of agent an argv launches. */
export function kindOf(argv: readonly string[]): AgentKind {
  if (isClaudeCode(argv)) return 'claude-code';
  return isCodex(argv) ? 'codex' : 'generic';
}

const PLAIN_SHELLS = new Set(['bash', 'sh', 'dash', 'zsh', 'fish', 'ksh']);

/** A plain shell runs what it is sent: it gets no brief (a brief typed into bash is commands). */
export function isPlainShell(argv: readonly string[]): boolean {
  const base = (argv[0] ?? '').split('/').pop() ?? '';
  return PLAIN_SHELLS.has(base);
}
