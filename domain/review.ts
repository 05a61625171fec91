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

export interface LineComment {
  file: string;
  line: number;
  /** The text of the line commented on, as the diff showed it. */
  quote: string;
  text: string;
}

export const REVIEW_MESSAGE_HEADER = 'Review comments on your branch';

/** One message with every comment: file, line, the line's text, and what to do about it. */
export function reviewCommentsMessage(input: { branch: string; commit: string; comments: readonly LineComment[]; general: string | null }): string {
  const lines = [`${REVIEW_MESSAGE_HEADER} ${input.branch} (at ${input.commit.slice(0, 12)}):`];
  for (const c of input.comments) {
    lines.push(`- ${c.file} line ${c.line}: ${JSON.stringify(c.quote)}`, `  ${c.text.replace(/\n/g, '\n  ')}`);
  }
  if (input.general) lines.push(`General: ${input.general}`);
  lines.push('Please address them, commit, and tell me when it is ready for another look.');
  return lines.join('\n');
}

/** The file and line of each comment in a message reviewCommentsMessage wrote (for showing what was sent). */
export function parseReviewCommentsMessage(text: string): { commit: string; comments: { file: string; line: number; text: string }[]; general: string | null } | null {
  const head = new RegExp(`^${REVIEW_MESSAGE_HEADER} \\S+ \\(at ([0-9a-f]{4,40})\\):$`).exec(text.split('\n')[0] ?? '');
  if (!head) return null;
  const comments: { file: string; line: number; text: string }[] = [];
  let general: string | null = null;
  const rows = text.split('\n').slice(1);
  for (const [i, row] of rows.entries()) {
    const m = /^- (.+) line (\d+): /.exec(row);
    if (m) comments.push({ file: m[1] ?? '', line: Number(m[2]), text: (rows[i + 1] ?? '').trim() });
    if (row.startsWith('General: ')) general = row.slice('General: '.length);
  }
  return { commit: head[1] ?? '', comments, general };
}
