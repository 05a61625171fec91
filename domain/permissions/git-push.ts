// `git push` that rewrites or deletes a protected branch: --force, -f, --force-with-lease,
// a `+refspec`, --delete or `:branch`, --mirror. When the branch pushed cannot be told from the
// command (no refspec, HEAD, a variable), it may be a protected one, so it counts as one.
import type { ShellWord } from './shell-words.ts';
import { programName } from './program-knowledge.ts';

const GIT_OPTIONS_WITH_VALUE = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--config-env']);
const PUSH_OPTIONS_WITH_VALUE = new Set(['--repo', '-o', '--push-option', '--receive-pack', '--exec']);

/** The words after `push` in a git command, or null when it is not a push. */
function pushArguments(argv: readonly ShellWord[]): readonly ShellWord[] | null {
  const program = argv[0];
  if (program === undefined || !program.isStatic || programName(program.value) !== 'git') return null;
  let index = 1;
  while (index < argv.length) {
    const word = argv[index];
    if (word === undefined) return null;
    if (!word.isStatic) return null;
    if (!word.value.startsWith('-')) break;
    index += GIT_OPTIONS_WITH_VALUE.has(word.value) ? 2 : 1;
  }
  return argv[index]?.value === 'push' ? argv.slice(index + 1) : null;
}

function branchMatches(branch: string, protectedPattern: string): boolean {
  const source = protectedPattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*');
  return new RegExp(`^${source}$`).test(branch);
}

/** Why this push endangers a protected branch, or null when it does not. */
export function forcePushProblem(argv: readonly ShellWord[], protectedBranches: readonly string[]): string | null {
  const args = pushArguments(argv);
  if (args === null) return null;
  let forced = false;
  let deleting = false;
  const positional: ShellWord[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const word = args[index];
    if (word === undefined) break;
    const value = word.value;
    if (!word.isStatic || !value.startsWith('-')) { positional.push(word); continue; }
    if (value === '--mirror' || value === '--all' || value === '--branches') return `git push ${value} rewrites every branch, ${protectedBranches.join(' and ')} included`;
    if (value === '--force' || value.startsWith('--force-with-lease') || value === '--force-if-includes') forced = true;
    else if (value === '--delete') deleting = true;
    else if (!value.startsWith('--') && value.slice(1).includes('f')) forced = true;
    else if (!value.startsWith('--') && value.slice(1).includes('d')) deleting = true;
    if (PUSH_OPTIONS_WITH_VALUE.has(value)) index += 1;
  }
  const refspecs = positional.slice(1);
  const isProtected = (branch: string): boolean => protectedBranches.some((pattern) => branchMatches(branch.replace(/^refs\/heads\//, ''), pattern));
  for (const refspec of refspecs) {
    if (!refspec.isStatic) {
      if (forced || deleting) return `git push ${forced ? 'forced' : 'deleting'} to a branch decided at run time (${refspec.text})`;
      continue;
    }
    const plus = refspec.value.startsWith('+');
    const spec = plus ? refspec.value.slice(1) : refspec.value;
    const colon = spec.indexOf(':');
    const destination = colon === -1 ? spec : spec.slice(colon + 1);
    const deletes = deleting || (colon === 0);
    if (!(forced || plus || deletes)) continue;
    if (destination === 'HEAD' || destination === '' || destination === '@') return 'git push forced to the current branch, which may be protected';
    if (isProtected(destination)) return `git push ${deletes ? 'deleting' : 'forced onto'} protected branch ${destination}`;
  }
  if ((forced || deleting) && refspecs.length === 0) return 'git push forced without naming a branch: the current branch may be protected';
  return null;
}
