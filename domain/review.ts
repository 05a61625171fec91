// Reviewing and merging a worktree agent's branch: the words the CLI, the web and the host share.

/**
 * How an agent's branch goes into its target: `squash` one new commit with all of its changes,
 * `merge` a merge commit with both histories, `rebase` its commits replayed on the target's tip.
 */
export const MERGE_MODES = ['squash', 'merge', 'rebase'] as const;
export type MergeMode = (typeof MERGE_MODES)[number];

/** The message that asks an agent to bring its branch up to date with its target. */
export function rebaseRequestMessage(input: { branch: string; target: string; files: readonly string[] }): string {
  const files = input.files.map((file) => `  - ${JSON.stringify(file)}`).join('\n');
  return [
    `Your branch ${input.branch} cannot be merged into ${input.target}: ${input.target} moved on and changed the same lines in:`,
    files,
    `Please rebase onto ${input.target} (git rebase ${input.target}), resolve the conflicts, run the tests and commit; then tell me it is ready.`,
  ].join('\n');
}
