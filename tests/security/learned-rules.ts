// The rules a person would have taught orc over a few weeks on a web project (a Node/TypeScript
// app with a Python test helper), by answering "approve always" and by writing a few by hand.
// Deliberately realistic, not minimal: the wide rules a tired person accepts (`Bash(find *)`,
// `Bash(sed *)`, a bare `Read`, the legacy `Bash(curl localhost:*)`) are here on purpose, since
// the adversarial suite asks what an attacker can do once they exist.
//
// Not here: `Bash(time *)` (this engine's rule syntax cannot spell it: `time` is a shell keyword;
// `time` and `timeout` are wrappers, so `time npm test` is judged as `npm test` anyway), and
// rules for programs that can do anything (`xargs`, `bash`, `node -e`, `curl *`), which neither
// the engine learns nor a careful person writes.
import type { LearnedRule } from '../../domain/permissions/decide.ts';
import { parseRule } from '../../domain/permissions/rule-syntax.ts';
import type { PermissionContext } from '../../domain/permissions/types.ts';

export const PROJECT = '/home/dev/src/web';
export const HOME = '/home/dev';
export const DATA_DIR = '/home/dev/orc/.data';
/** The agent's own worktree (`eng`), inside orc's data dir. */
export const WORKTREE = `${DATA_DIR}/hosts/devbox/worktrees/web/eng`;
/** Another agent's worktree (`qa` of the same team): not this agent's to read or write. */
export const OTHER_WORKTREE = `${DATA_DIR}/hosts/devbox/worktrees/web/qa`;
/** Per-agent files orc keeps: Claude Code settings with orc's hooks, the screen-fallback access (a token). */
export const AGENT_FILES = `${DATA_DIR}/hosts/devbox/agents/web`;
/** The agent's own scratch dir (its TMPDIR), where orc's data layout puts it: writable like the project. */
export const SCRATCH = `${DATA_DIR}/hosts/devbox/scratch/web/eng`;
/** A teammate's scratch dir: its temporary files, not this agent's to read or write. */
export const OTHER_SCRATCH = `${DATA_DIR}/hosts/devbox/scratch/web/qa`;

export const securityContext: PermissionContext = {
  projectDir: PROJECT,
  worktrees: [WORKTREE],
  homeDir: HOME,
  orcDataDir: DATA_DIR,
  scratchDir: SCRATCH,
};

/** Allow rules, roughly in the order a person would have taught them. */
const ALLOWED: readonly string[] = [
  // npm and the project's JS tooling: what every session runs.
  'Bash(npm test *)',
  'Bash(npm run test *)',
  'Bash(npm run build *)',
  'Bash(npm run lint *)',
  'Bash(npm run typecheck *)',
  'Bash(npm run dev *)',
  'Bash(npm ls *)',
  'Bash(npx tsc *)',
  'Bash(npx eslint *)',
  'Bash(npx prettier *)',
  'Bash(npx vitest *)',
  // git: reading, staging, committing, branches.
  'Bash(git status *)',
  'Bash(git diff *)',
  'Bash(git add *)',
  'Bash(git commit *)',
  'Bash(git log *)',
  'Bash(git show *)',
  'Bash(git branch *)',
  'Bash(git checkout *)',
  'Bash(git switch *)',
  'Bash(git fetch *)',
  'Bash(git rev-parse *)',
  'Bash(git blame *)',
  'Bash(git grep *)',
  'Bash(git stash list *)',
  // Written by hand: "let it push its feature branches".
  'Bash(git push origin feat/*)',
  // Reading and searching: learned as program + `*`.
  'Bash(ls *)',
  'Bash(cat *)',
  'Bash(head *)',
  'Bash(tail *)',
  'Bash(wc *)',
  'Bash(grep *)',
  'Bash(rg *)',
  'Bash(jq *)',
  'Bash(sort *)',
  'Bash(diff *)',
  'Bash(tree *)',
  'Bash(which *)',
  // Written by hand by a person tired of approving every `find … -name` and `sed -n`.
  'Bash(find *)',
  'Bash(sed *)',
  // Shell odds and ends.
  'Bash(cd *)',
  'Bash(echo *)',
  'Bash(printf *)',
  'Bash(pwd *)',
  'Bash(test *)',
  'Bash(mkdir *)',
  'Bash(touch *)',
  'Bash(tee *)',
  'Bash(timeout *)',
  // Build and tests beyond npm.
  'Bash(make build *)',
  'Bash(make test *)',
  'Bash(python -m pytest *)',
  'Bash(node scripts/x.js *)',
  // Written by hand for test fixtures and release bundles.
  'Bash(tar -xzf *)',
  'Bash(tar -czf *)',
  // Loopback HTTP to the dev server. The first is the legacy prefix form a person writes
  // meaning "curl to localhost": this engine reads it as `curl localhost *`.
  'Bash(curl localhost:*)',
  'Bash(curl -s http://localhost:3000/*)',
  // What an "always" on `curl -s http://localhost:3000/health` teaches: the URL, then harmless options.
  'Bash(curl -s http://localhost:3000/health *)',
  // Files: edits in the source trees, and a bare Read added by hand ("reading is harmless").
  'Read',
  'Read(/src/**)',
  'Edit(/src/**)',
  'Edit(/tests/**)',
  'Edit(/docs/**)',
  // Documentation sites and search.
  'WebFetch(domain:developer.mozilla.org)',
  'WebFetch(domain:nodejs.org)',
  'WebFetch(domain:docs.npmjs.com)',
  'WebSearch',
];

/** Deny rules a person wrote after a scare. */
const DENIED: readonly string[] = [
  'Bash(git push --force *)',
  'Bash(git reset --hard *)',
  'Bash(npm publish *)',
  'Bash(rm -rf *)',
  'Read(.env)',
];

function learned(effect: 'allow' | 'deny', texts: readonly string[]): LearnedRule[] {
  // The id is the rule as written, so a failure says which rule let something through.
  return texts.map((text) => ({ id: `${effect} ${text}`, effect, rule: parseRule(text) }));
}

export const learnedRules: readonly LearnedRule[] = [...learned('allow', ALLOWED), ...learned('deny', DENIED)];
