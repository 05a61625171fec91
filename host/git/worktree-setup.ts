// A team's `setup:` command (e.g. `npm ci`), run once in each new worktree before its agent starts:
// as an argument array (never a shell), in the worktree, with its output kept in a log file. A
// marker beside the log says it ran, so a restart of the agent does not run it again.
import { stat, writeFile } from 'node:fs/promises';
import { parseAgentCommand } from '../../domain/agent-command.ts';
import { outputTail, runLoggedCommand } from '../logged-command.ts';

export interface WorktreeSetupInput {
  worktreeDir: string;
  command: string;
  /** Where its output goes (stdout and stderr, as they came). */
  logFile: string;
  /** Written once the command succeeded: it then is not run again in this worktree. */
  doneFile: string;
  timeoutMs?: number;
}

export type WorktreeSetupResult =
  | { outcome: 'ran'; exitCode: 0; tail: string; logFile: string }
  | { outcome: 'already-done' }
  | { outcome: 'failed'; exitCode: number | null; tail: string; logFile: string };

export async function runWorktreeSetup(input: WorktreeSetupInput): Promise<WorktreeSetupResult> {
  if (await stat(input.doneFile).then(() => true, () => false)) return { outcome: 'already-done' };
  const { exitCode, output } = await runLoggedCommand({
    argv: parseAgentCommand(input.command),
    cwd: input.worktreeDir,
    shownAs: input.command,
    logFile: input.logFile,
    timeoutMs: input.timeoutMs ?? 15 * 60_000,
  });
  if (exitCode !== 0) return { outcome: 'failed', exitCode, tail: outputTail(output), logFile: input.logFile };
  await writeFile(input.doneFile, `${new Date().toISOString()}\n`);
  return { outcome: 'ran', exitCode: 0, tail: outputTail(output), logFile: input.logFile };
}
