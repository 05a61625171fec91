// Builds one agent's sandbox on this host: gathers the facts the policy needs (what exists of
// the hidden paths, where the CLI keeps its state, the project's git dir) and returns the
// command line that runs the agent's argv inside bwrap. The policy itself is domain/sandbox.ts.
import { lstat, mkdir, open, realpath, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bwrapArgs,
  cliStatePaths,
  GIT_PROTECTED_NAMES,
  gitDirsOf,
  hiddenPathsFrom,
  type PathKind,
  type SandboxFacts,
  type SandboxPath,
} from '../../domain/sandbox.ts';
import type { AgentKind, WorkspaceMode } from '../../domain/agent.ts';

export class SandboxSetupError extends Error {}

export interface AgentSandboxInput {
  bwrap: string;
  kind: AgentKind;
  workspace: WorkspaceMode | null;
  projectDir: string;
  workspaceDir: string;
  scratchDir: string;
  /** The environment the agent starts with (its HOME, CLAUDE_CONFIG_DIR). */
  agentEnv: Readonly<Record<string, string | undefined>>;
  /** The worker's environment: its HOME's credentials are hidden too, and ORC_SANDBOX_HIDE. */
  workerEnv: Readonly<Record<string, string | undefined>>;
  dataDir: string;
  /** Files in the data dir the agent reads: its CLI settings, the orc shim's dir. */
  orcReadable: string[];
  /** tmux's socket: a way out of any sandbox (tmux runs commands for whoever connects). */
  tmuxSocket: string | null;
  allow: SandboxPath[];
  emptyFile: string;
}

async function kindOfPath(p: string): Promise<PathKind> {
  const found = await stat(p).catch(() => null);
  if (found === null) return 'missing';
  return found.isDirectory() ? 'dir' : 'file';
}

const expandHome = (p: string, home: string) => (p === '~' ? home : p.startsWith('~/') ? path.join(home, p.slice(2)) : p);

/** A path and, when it is a link, where it leads: a cover must sit on the real place. */
async function withRealPath(p: string): Promise<string[]> {
  const link = await lstat(p).catch(() => null);
  if (link === null || !link.isSymbolicLink()) return [p];
  const real = await realpath(p).catch(() => null);
  return real === null ? [p] : [p, real];
}

/** The bwrap command line (program first) that runs `argv` confined. */
export async function sandboxedArgv(input: AgentSandboxInput, argv: string[]): Promise<string[]> {
  const home = path.resolve(input.agentEnv.HOME ?? input.workerEnv.HOME ?? homedir());
  const workerHome = path.resolve(input.workerEnv.HOME ?? homedir());
  let hiddenList: string[];
  try {
    hiddenList = [...new Set([...hiddenPathsFrom(input.workerEnv, home, input.dataDir), ...hiddenPathsFrom(input.workerEnv, workerHome, input.dataDir)])];
  } catch (err) {
    throw new SandboxSetupError((err as Error).message);
  }
  if (input.tmuxSocket) hiddenList.push(input.tmuxSocket);
  const hidden = await Promise.all((await Promise.all(hiddenList.map(withRealPath))).flat().map(async (p) => ({ path: p, kind: await kindOfPath(p) })));

  // The CLI's state must exist before it can be bound (the home is read-only inside).
  const cliState = cliStatePaths(input.kind, home, input.agentEnv);
  for (const s of cliState) {
    if (s.kind === 'dir') await mkdir(s.path, { recursive: true, mode: 0o700 });
    // A JSON file the CLI reads: made as an empty object, never as an empty file.
    else await writeFile(s.path, '{}\n', { flag: 'wx', mode: 0o600 }).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  }
  const allow: SandboxPath[] = [];
  for (const a of input.allow) {
    const p = path.resolve(expandHome(a.path, home));
    if ((await kindOfPath(p)) === 'missing') throw new SandboxSetupError(`sandbox.allow path ${p} does not exist on this host; create it or drop it from the agent's sandbox.allow`);
    allow.push({ path: p, writable: a.writable });
  }
  // A worktree commits into the project's git dir: its objects and refs are written there.
  const gitCommonDir = input.workspace === 'worktree' && (await kindOfPath(path.join(input.projectDir, '.git'))) === 'dir' ? path.join(input.projectDir, '.git') : null;
  const gitProtected = await Promise.all(
    gitDirsOf(input.workspaceDir, gitCommonDir)
      .flatMap((dir) => GIT_PROTECTED_NAMES.map((name) => path.join(dir, name)))
      .map(async (p) => ({ path: p, kind: await kindOfPath(p) })),
  );
  await (await open(input.emptyFile, 'a', 0o444)).close();
  const facts: SandboxFacts = {
    home,
    workspaceDir: input.workspaceDir,
    scratchDir: input.scratchDir,
    gitCommonDir,
    orcReadable: input.orcReadable,
    cliState,
    allow,
    hidden,
    gitProtected,
    emptyFile: input.emptyFile,
  };
  return [input.bwrap, ...bwrapArgs(facts), '--', ...argv];
}

/** orc's own program files (its CLI and the Node that runs it), which the `orc` shim runs inside. */
const ORC_INSTALL_DIR = path.resolve(fileURLToPath(new URL('../../', import.meta.url)));

/**
 * What an agent's sandbox must keep readable besides its workspace, because the programs it runs
 * live there: orc's install dir (the `orc` shim's CLI), the Node that runs it, and the directory
 * of the agent's own command when it is named by an absolute path. Any of them may sit under
 * /tmp (a clone being tested, a CLI unpacked there), which the sandbox replaces with a fresh one.
 * orc's data dir stays hidden even when it lies inside the install dir: hidden paths are deeper.
 */
export function programPaths(argv: readonly string[]): string[] {
  const command = argv[0];
  return [...new Set([ORC_INSTALL_DIR, path.dirname(process.execPath), ...(command && path.isAbsolute(command) ? [path.dirname(command)] : [])])];
}
