// The shapes every part of the rule engine shares: what is asked, and where it is asked from.

/** One PermissionRequest as Claude Code sends it (tool_name, tool_input, cwd), already validated. */
export interface PermissionRequest {
  readonly toolName: string;
  readonly toolInput: Readonly<Record<string, unknown>>;
  /** The agent's working directory; relative paths and `./` rules resolve against it (default: projectDir). */
  readonly cwd?: string;
}

/** Where the agent works. All paths absolute and POSIX. */
export interface PermissionContext {
  readonly projectDir: string;
  /** Git worktrees of the project; they count as the project for writes and for `/…` rules. */
  readonly worktrees: readonly string[];
  /** What `~` and `$HOME` mean. */
  readonly homeDir: string;
  /** Branches a force push may never touch; default main and master. `*` matches within a name. */
  readonly protectedBranches?: readonly string[];
  /** Directories outside the project that writes may still go to (e.g. a scratch dir); default none. */
  readonly extraWritableDirs?: readonly string[];
  /**
   * orc's data dir (admin token, sealing key, agents' access files): a credential place, read and
   * written by no command. The workspace and the scratch dir count as theirs even when inside it.
   */
  readonly orcDataDir?: string;
  /** The agent's own scratch dir: writable like the project (other writes to /tmp wait for a person). */
  readonly scratchDir?: string;
}

export const defaultProtectedBranches: readonly string[] = ['main', 'master'];
