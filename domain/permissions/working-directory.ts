// Where each simple command of a Bash request runs, following `cd`, `pushd` and `popd` in
// order. The flattened list has no scopes, so a `cd` inside `( … )` or `$(…)` is taken to
// last: that can only make a later command's place less certain, never more.
import { operands } from './command-arguments.ts';
import { resolvePath } from './paths.ts';
import { programName } from './program-knowledge.ts';
import type { SimpleCommand } from './shell-analysis.ts';

export interface Place {
  /** The directory the command starts in; null once it cannot be known (`cd $DIR`). */
  readonly before: string | null;
  /** The directory after it: differs from `before` only for a `cd`, `pushd` or `popd`. */
  readonly after: string | null;
}

export function changesDirectory(command: SimpleCommand): boolean {
  const program = command.argv[0];
  if (program === undefined || !program.isStatic) return false;
  const name = programName(program.value);
  return name === 'cd' || name === 'pushd' || name === 'popd';
}

export function workingDirectories(commands: readonly SimpleCommand[], start: string, homeDir: string): Place[] {
  let cwd: string | null = start;
  // `cd -` goes back to OLDPWD, `popd` to what `pushd` left; both unknown before anything set them.
  let previous: string | null = null;
  const stack: (string | null)[] = [];
  return commands.map((command) => {
    const before = cwd;
    if (changesDirectory(command)) {
      const name = programName(command.argv[0]?.value ?? '');
      const target = operands(command.argv.slice(1))[0];
      if (name === 'popd') cwd = stack.length > 0 ? (stack.pop() ?? null) : null;
      else if (target !== undefined && !target.isStatic) cwd = null;
      else if (target?.value === '-') cwd = previous;
      else {
        if (name === 'pushd') stack.push(cwd);
        cwd = target === undefined ? homeDir : resolvePath(target.value, cwd, homeDir);
      }
      previous = before;
    }
    return { before, after: cwd };
  });
}
