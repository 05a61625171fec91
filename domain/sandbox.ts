// The operating system's bound on what an agent can do: every agent CLI runs inside a
// bubblewrap sandbox that sees the filesystem read-only, its own workspace, scratch dir and
// CLI state writable, no credentials and none of orc's secrets, and only its own processes.
// This module is the policy, pure: what is hidden, what is writable, and the bwrap arguments
// that say so. The host gathers the facts (host/sandbox/) and the launch wraps the command.
import path from 'node:path';
import type { AgentKind } from './agent.ts';

const { join, resolve, sep } = path.posix;

/** A path opened to a sandboxed agent beyond its workspace (`sandbox.allow`), read-only unless writable. */
export interface SandboxPath {
  path: string;
  writable: boolean;
}

/** An agent's sandbox as its launch record keeps it. */
export interface SandboxSetting {
  enabled: boolean;
  allow: SandboxPath[];
}

export const SANDBOX_ON: SandboxSetting = { enabled: true, allow: [] };
export const SANDBOX_OFF: SandboxSetting = { enabled: false, allow: [] };

/**
 * Credentials under the home dir that no agent sees: keys, cloud and registry logins, password
 * stores. Data, not code: `ORC_SANDBOX_HIDE` adds more (hiddenPathsFrom).
 */
export const HIDDEN_HOME_PATHS = [
  '.ssh',
  '.aws',
  '.gnupg',
  '.config/gh',
  '.config/hub',
  '.netrc',
  '.git-credentials',
  '.docker',
  '.kube',
  '.config/gcloud',
  '.azure',
  '.oci',
  '.config/doctl',
  '.terraform.d',
  '.npmrc',
  '.pypirc',
  '.cargo/credentials',
  '.cargo/credentials.toml',
  '.password-store',
  '.local/share/keyrings',
  '.vault-token',
] as const;

/**
 * Sockets outside the home that lead out of the sandbox: a container engine's socket is root on
 * the host, and the per-user runtime dir holds the ssh agent's, D-Bus's and the keyring's.
 */
export const HIDDEN_SYSTEM_PATHS = ['/run/user', '/run/docker.sock', '/var/run/docker.sock', '/run/containerd', '/run/podman', '/run/dbus'] as const;

const expandHome = (p: string, home: string) => (p === '~' ? home : p.startsWith('~/') ? join(home, p.slice(2)) : p);

/**
 * Every path a sandboxed agent must not see: the defaults, orc's data dir (admin token, secret
 * key, other agents' access files and scratch dirs) and the extra ones `ORC_SANDBOX_HIDE` names
 * (separated by `:`; `~/` is the home dir). Relative paths in the variable are refused.
 */
export function hiddenPathsFrom(env: Readonly<Record<string, string | undefined>>, home: string, dataDir: string): string[] {
  const extra = (env.ORC_SANDBOX_HIDE ?? '')
    .split(':')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => expandHome(p, home));
  const relative = extra.filter((p) => !p.startsWith('/'));
  if (relative.length > 0) throw new Error(`ORC_SANDBOX_HIDE: ${relative.join(', ')} is not an absolute path (or ~/…)`);
  return unique([...HIDDEN_HOME_PATHS.map((p) => join(home, p)), ...HIDDEN_SYSTEM_PATHS, resolve(dataDir), ...extra.map((p) => resolve(p))]);
}

/**
 * Reads `<path>`, `<path>:ro` or `<path>:rw` (the CLI's `--sandbox-allow`, a spec's
 * `sandbox.allow`). The path must be absolute (or `~/…`, expanded by whoever knows the home).
 */
export function parseSandboxPath(text: string): SandboxPath {
  const match = /^(.*?)(?::(ro|rw))?$/.exec(text.trim());
  const raw = match?.[1] ?? '';
  if (raw === '' || !(raw.startsWith('/') || raw === '~' || raw.startsWith('~/'))) {
    throw new Error(`sandbox path ${JSON.stringify(text)}: give an absolute path (or ~/…), optionally followed by :ro or :rw`);
  }
  if (raw.split('/').includes('..')) throw new Error(`sandbox path ${JSON.stringify(text)}: no .. in it`);
  return { path: raw === '/' ? raw : raw.replace(/\/+$/, ''), writable: match?.[2] === 'rw' };
}

export const formatSandboxPath = (p: SandboxPath): string => `${p.path}:${p.writable ? 'rw' : 'ro'}`;

/** A path as the host found it: a directory, a file (or socket), or nothing there. */
export type PathKind = 'dir' | 'file' | 'missing';

/** The state a CLI keeps across runs, which must stay writable: Claude Code's config dir (or ~/.claude and ~/.claude.json), Codex's CODEX_HOME (or ~/.codex). */
export function cliStatePaths(kind: AgentKind, home: string, env: Readonly<Record<string, string | undefined>>): { path: string; kind: 'dir' | 'file' }[] {
  if (kind === 'codex') return [{ path: resolve(expandHome(env.CODEX_HOME ?? '~/.codex', home)), kind: 'dir' }];
  if (kind !== 'claude-code') return [];
  const configDir = env.CLAUDE_CONFIG_DIR;
  if (configDir) return [{ path: resolve(expandHome(configDir, home)), kind: 'dir' }];
  return [
    { path: join(home, '.claude'), kind: 'dir' },
    { path: join(home, '.claude.json'), kind: 'file' },
  ];
}

/** What the host knows about one agent when it builds its sandbox. */
export interface SandboxFacts {
  home: string;
  workspaceDir: string;
  scratchDir: string;
  /** The project's git dir when the agent works in a worktree of it: commits there write its objects and refs. */
  gitCommonDir: string | null;
  /** Files of orc's the CLI must read although they sit in the hidden data dir: its settings file, the `orc` shim's dir. */
  orcReadable: string[];
  /** From cliStatePaths, made to exist by the host. */
  cliState: { path: string; kind: 'dir' | 'file' }[];
  allow: SandboxPath[];
  /** hiddenPathsFrom, each as the host found it (only what exists can be covered). */
  hidden: { path: string; kind: PathKind }[];
  /** What stays read-only inside a writable workspace: its git dirs' hooks and config (code the person's git runs later). */
  gitProtected: { path: string; kind: PathKind }[];
  /** An empty file on the host, bound over hidden files. */
  emptyFile: string;
}

type Mount =
  | { op: 'tmpfs'; path: string }
  | { op: 'ro' | 'rw'; path: string; source?: string };

const depth = (p: string) => (p === '/' ? 0 : p.split(sep).length - 1);
function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** The git files inside a git dir that run code later when written: its hooks and its config. */
export const GIT_PROTECTED_NAMES = ['hooks', 'config'] as const;

/** Where to look for git dirs whose hooks and config stay read-only. */
export function gitDirsOf(workspaceDir: string, gitCommonDir: string | null): string[] {
  return unique([join(workspaceDir, '.git'), ...(gitCommonDir === null ? [] : [gitCommonDir])]);
}

/**
 * The mounts, in the order bwrap must make them: a mount covers whatever was mounted at or
 * below its path before it, so parents go first (shallower paths first; for one path the later
 * layer wins: hidden over the base, then read-only, then writable, then git's protected files).
 * So a hidden path inside a writable dir (the data dir inside a project) stays hidden, and a
 * hidden path is opened only by naming it (or a path inside it) in `sandbox.allow`.
 */
export function sandboxMounts(facts: SandboxFacts): Mount[] {
  const layered: { layer: number; mount: Mount }[] = [];
  const add = (layer: number, mount: Mount) => layered.push({ layer, mount });
  // /tmp is shared by every process on the host (tmux's socket lives there): a fresh one.
  add(0, { op: 'tmpfs', path: '/tmp' });
  if (facts.home !== '/') add(0, { op: 'ro', path: facts.home });
  for (const h of facts.hidden) {
    if (h.kind === 'dir') add(1, { op: 'tmpfs', path: h.path });
    if (h.kind === 'file') add(1, { op: 'ro', path: h.path, source: facts.emptyFile });
  }
  for (const p of facts.orcReadable) add(2, { op: 'ro', path: p });
  for (const p of facts.allow) add(p.writable ? 3 : 2, { op: p.writable ? 'rw' : 'ro', path: p.path });
  const writable = [facts.workspaceDir, facts.scratchDir, ...(facts.gitCommonDir === null ? [] : [facts.gitCommonDir]), ...facts.cliState.map((s) => s.path)];
  for (const p of writable) add(3, { op: 'rw', path: p });
  for (const g of facts.gitProtected) if (g.kind !== 'missing') add(4, { op: 'ro', path: g.path });
  return layered
    .map((l, i) => ({ ...l, i }))
    .sort((a, b) => depth(a.mount.path) - depth(b.mount.path) || a.layer - b.layer || a.i - b.i)
    .map((l) => l.mount);
}

/** bwrap's arguments for an agent (everything between `bwrap` and `--`). */
export function bwrapArgs(facts: SandboxFacts): string[] {
  const mounts = sandboxMounts(facts);
  const args = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc'];
  for (const m of mounts) {
    if (m.op === 'tmpfs') args.push('--tmpfs', m.path);
    else args.push(m.op === 'ro' ? '--ro-bind' : '--bind', m.source ?? m.path, m.path);
  }
  // Hidden dirs are empty and stay so: nothing an agent writes there could be mistaken for the real ones.
  const hiddenDirs = mounts.filter((m) => m.op === 'tmpfs' && m.path !== '/tmp').map((m) => m.path);
  for (const dir of hiddenDirs) args.push('--remount-ro', dir);
  args.push(
    // Its own process tree: no other process's environment, memory or file descriptors.
    '--unshare-pid',
    '--unshare-ipc',
    // Whatever user runs orc, no capability survives into the sandbox (root keeps them otherwise,
    // and could unmount what hides the credentials).
    '--cap-drop',
    'ALL',
    '--die-with-parent',
    '--chdir',
    facts.workspaceDir,
  );
  return args;
}
