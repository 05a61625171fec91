// Confines a command orc runs on an agent's behalf, such as the team's `check:` on the agent's
// branch: that runs code the agent wrote, so a sandboxed agent's check gets the agent's own
// sandbox (its worktree and scratch dir writable, the same paths hidden, tmux's socket too),
// or the run is refused. Never unconfined instead.
import { hostLayout } from '../../domain/data-layout.ts';
import { failureLine, type SandboxProbe } from '../../domain/sandbox-probe.ts';
import type { SandboxPath } from '../../domain/sandbox.ts';
import type { Tmux } from '../tmux/tmux.ts';
import { programPaths, sandboxedArgv } from './agent-sandbox.ts';

export interface CommandSandboxInput {
  hostDir: string;
  projectDir: string;
  worktreeDir: string;
  scratchDir: string;
  allow: SandboxPath[];
  /** The command's environment (its HOME decides which home is read-only). */
  env: NodeJS.ProcessEnv;
}

export type ConfineCommand = (input: CommandSandboxInput, argv: string[]) => Promise<string[]>;

export class CommandSandboxError extends Error {}

export function commandSandbox(deps: { probe: () => Promise<SandboxProbe>; tmux: Tmux | null; workerEnv?: NodeJS.ProcessEnv }): ConfineCommand {
  return async (input, argv) => {
    const probe = await deps.probe();
    if (!probe.works) throw new CommandSandboxError(`bubblewrap does not work on this host: ${failureLine(probe)}`);
    // A tmux server that is not running has no socket to hide.
    const tmuxSocket = deps.tmux ? (await deps.tmux.run(['display-message', '-p', '#{socket_path}']).catch(() => '')).trim() || null : null;
    const layout = hostLayout(input.hostDir);
    return sandboxedArgv(
      {
        bwrap: probe.bwrap,
        kind: 'generic',
        workspace: 'worktree',
        projectDir: input.projectDir,
        workspaceDir: input.worktreeDir,
        scratchDir: input.scratchDir,
        agentEnv: input.env,
        workerEnv: deps.workerEnv ?? process.env,
        dataDir: layout.dataDir,
        orcReadable: programPaths(argv),
        tmuxSocket,
        allow: input.allow,
        emptyFile: layout.sandboxEmptyFile,
      },
      argv,
    );
  };
}
