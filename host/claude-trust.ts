// Claude Code asks "Accessing workspace: … Is this a project you created or one you trust?" in a
// directory neither it nor any directory above it has a trust record for (testing/CLAUDE-CODE-NOTES.md
// §f). A worktree orc makes for an agent is such a directory, always new, so every worktree agent
// would stop there. Its files are the project's, checked out by orc: orc records the worktree as
// trusted when, and only when, the person has trusted its project. A project nobody trusted is not
// decided for them: the dialog shows, and the agent is `blocked` until a person answers it.
//
// The record lives in Claude Code's global config (`$CLAUDE_CONFIG_DIR/.claude.json`, else
// `~/.claude.json`), which running CLIs rewrite too; they lock it with a `<file>.lock` directory
// (proper-lockfile's way) and merge its `projects` on every save, so orc takes the same lock and
// writes the whole file anew with one rename.
import { mkdir, readFile, realpath, rename, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export type TrustOutcome = 'recorded' | 'already-trusted' | 'project-not-trusted' | 'no-config';

interface ClaudeConfig {
  projects?: Record<string, { hasTrustDialogAccepted?: boolean } & Record<string, unknown>>;
  [key: string]: unknown;
}

/** Claude Code's global config file for an agent's environment. */
export function claudeConfigFile(env: Readonly<Record<string, string | undefined>>): string | null {
  if (env.CLAUDE_CONFIG_DIR) return join(env.CLAUDE_CONFIG_DIR, '.claude.json');
  return env.HOME ? join(env.HOME, '.claude.json') : null;
}

/** Whether `dir` or a directory above it is trusted in `config` (as Claude Code looks it up). */
function trusted(config: ClaudeConfig, dir: string): boolean {
  for (let at = dir; ; at = dirname(at)) {
    if (config.projects?.[at]?.hasTrustDialogAccepted === true) return true;
    if (dirname(at) === at) return false;
  }
}

/** A stale lock (a CLI killed while it held it) is taken over after this long, as proper-lockfile does. */
const STALE_LOCK_MS = 10_000;
const LOCK_WAIT_MS = 3_000;

async function withLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const held = await stat(lock).catch(() => null);
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) await rmdir(lock).catch(() => undefined);
      else if (Date.now() > deadline) throw new Error(`${lock} is held by another process`, { cause: err });
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  try {
    return await work();
  } finally {
    await rmdir(lock).catch(() => undefined);
  }
}

async function readConfig(file: string): Promise<ClaudeConfig | null> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as ClaudeConfig) : null;
  } catch {
    return null;
  }
}

/** Records `workspaceDir` (an agent's worktree of `projectDir`) as trusted when its project is. */
export async function trustWorkspaceOfTrustedProject(configFile: string, projectDir: string, workspaceDir: string): Promise<TrustOutcome> {
  const file = await realpath(configFile).catch(() => null);
  if (file === null) return 'no-config';
  // Trust is keyed by the real path: /tmp may be a symlink, and the CLI resolves it.
  const [project, workspace] = await Promise.all([realpath(projectDir), realpath(workspaceDir)]);
  const before = await readConfig(file);
  if (before === null) return 'no-config';
  if (trusted(before, workspace)) return 'already-trusted';
  if (!trusted(before, project)) return 'project-not-trusted';
  return withLock(file, async () => {
    const config = await readConfig(file);
    if (config === null) return 'no-config';
    const projects = config.projects ?? {};
    projects[workspace] = { ...projects[workspace], hasTrustDialogAccepted: true };
    const mode = (await stat(file)).mode & 0o777;
    const temporary = `${file}.orc-${process.pid}`;
    await writeFile(temporary, `${JSON.stringify({ ...config, projects }, null, 2)}\n`, { mode });
    await rename(temporary, file);
    return 'recorded';
  });
}
