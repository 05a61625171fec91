// Every path under orc's data dir, in one place. The web, the workers, the CLI and the scripts
// all find files here; nothing else joins a data-dir path (a test checks). Keeping the layout in
// one pure module is what makes the web's idea of an agent's worktree the worker's idea too.
//
//   <data>/admin-token, secret-key            orc's secrets (never an agent's to read)
//   <data>/logs/, temporal.sqlite, pglite/    the stack's own state
//   <data>/workflow-bundle.js                 the workflow code, bundled by the launcher
//   <data>/hosts/<host>/                      what one host's worker keeps
//     bin/orc                                 the shim agents call
//     sandbox-empty                           an empty file, bound over credentials a sandbox hides
//     delivered-message-ids                   the delivery ledger
//     agents/<team>/<agent>/                  settings, access file, saved pane histories
//     worktrees/<team>/<agent>/               an agent's git worktree (workspace: worktree)
//     scratch/<team>/<agent>/                 an agent's own scratch dir
import path from 'node:path';
import type { AgentRef } from './names.ts';

const { join, resolve } = path.posix;

/** Names of orc's own secret files: the rule engine treats any path naming them as a credential. */
export const SECRET_FILE_NAMES = ['admin-token', 'secret-key'] as const;

/** The data dir the environment names (`ORC_DATA_DIR`), or `.data` under the working directory. */
export function dataDirFrom(env: Readonly<Record<string, string | undefined>>): string {
  return resolve(env.ORC_DATA_DIR ?? '.data');
}

/** The files of one agent on its host. */
export interface AgentFiles {
  readonly dir: string;
  readonly claudeSettings: string;
  /** A codex agent's CODEX_HOME: its config.toml (written by orc), sessions and logs. */
  readonly codexHome: string;
  readonly screenFallbackAccess: string;
  /** Where the agent's branch started (commit and branch), written when its worktree is made: what its review diffs against. */
  readonly reviewBase: string;
  /** The output of the team's `setup:` command in the agent's worktree, and the marker that it ran there. */
  readonly setupLog: string;
  readonly setupDone: string;
  /** The last run of the team's check on the agent's branch: its whole output. */
  readonly checkLog: string;
  /** A saved pane history, named by when it was saved. */
  history(savedAt: Date): string;
}

/** What one host's worker keeps. */
export interface HostLayout {
  readonly dir: string;
  /** The data dir the host's dir is in (what a sandbox hides). */
  readonly dataDir: string;
  readonly binDir: string;
  readonly deliveryLedger: string;
  /** An empty file that sandboxes bind over the hidden files (domain/sandbox.ts). */
  readonly sandboxEmptyFile: string;
  agent(ref: AgentRef): AgentFiles;
  worktreeDir(ref: AgentRef): string;
  scratchDir(ref: AgentRef): string;
}

export interface DataLayout {
  readonly root: string;
  readonly adminToken: string;
  readonly secretKey: string;
  readonly logDir: string;
  readonly temporalDb: string;
  readonly pgliteDir: string;
  /** The workflow code, bundled once by the launcher, so a restarted worker starts at once. */
  readonly workflowBundle: string;
  host(hostName: string): HostLayout;
}

export function hostLayout(hostDir: string): HostLayout {
  const dir = resolve(hostDir);
  return {
    dir,
    dataDir: resolve(dir, '..', '..'),
    binDir: join(dir, 'bin'),
    deliveryLedger: join(dir, 'delivered-message-ids'),
    sandboxEmptyFile: join(dir, 'sandbox-empty'),
    agent(ref) {
      const agentDir = join(dir, 'agents', ref.team, ref.agent);
      return {
        dir: agentDir,
        claudeSettings: join(agentDir, 'claude-settings.json'),
        codexHome: join(agentDir, 'codex-home'),
        screenFallbackAccess: join(agentDir, 'screen-fallback.json'),
        reviewBase: join(agentDir, 'review-base.json'),
        setupLog: join(agentDir, 'setup.log'),
        setupDone: join(agentDir, 'setup.done'),
        checkLog: join(agentDir, 'check.log'),
        history: (savedAt) => join(agentDir, `history-${savedAt.toISOString().replace(/[:.]/g, '-')}.txt`),
      };
    },
    worktreeDir: (ref) => join(dir, 'worktrees', ref.team, ref.agent),
    scratchDir: (ref) => join(dir, 'scratch', ref.team, ref.agent),
  };
}

export function dataLayout(dataDir: string): DataLayout {
  const root = resolve(dataDir);
  return {
    root,
    adminToken: join(root, SECRET_FILE_NAMES[0]),
    secretKey: join(root, SECRET_FILE_NAMES[1]),
    logDir: join(root, 'logs'),
    temporalDb: join(root, 'temporal.sqlite'),
    pgliteDir: join(root, 'pglite'),
    workflowBundle: join(root, 'workflow-bundle.js'),
    host: (hostName) => hostLayout(join(root, 'hosts', hostName)),
  };
}
