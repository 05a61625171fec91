// A team's rules for bringing a worktree agent's work into the project: who must approve a
// change before it is merged (`mergeApproval:`), and the message an agent gets when its
// branch fails the team's `check:`. An approval covers one exact change (the digest of its
// patch), so work the agent adds after it needs approving again.
import { withoutControlCharacters } from './control-characters.ts';
import { formatAgentRef, type AgentRef } from './names.ts';
import { ROLE_IDS, type RoleId } from './roles/role.ts';

/** `mergeApproval: person`: only a person (an admin token) may approve. */
export const PERSON_APPROVER = 'person';
export const MERGE_APPROVERS = [...ROLE_IDS, PERSON_APPROVER] as const;
export type MergeApprover = (typeof MERGE_APPROVERS)[number];

/** Who approves: a person, or an agent of the same team (its role from the team's spec). */
export type Approver = { kind: 'person'; name: string } | { kind: 'agent'; agent: AgentRef; role: RoleId };

/** How an approval is recorded and shown: `alice`, or `web/qa (qa)`. */
export const approverLabel = (approver: Approver): string =>
  approver.kind === 'person' ? approver.name : `${formatAgentRef(approver.agent)} (${approver.role})`;

/** Why `approver` may not approve `target`'s change under the team's rule; null when it may. */
export function approvalRefusal(rule: MergeApprover | null, approver: Approver, target: AgentRef): string | null {
  if (approver.kind === 'person') return null;
  const who = formatAgentRef(approver.agent);
  if (approver.agent.team !== target.team) return `${who} may approve only its own team's changes, not ${formatAgentRef(target)}`;
  if (approver.agent.agent === target.agent) return `${who} cannot approve its own change: a teammate or a person must`;
  if (rule === PERSON_APPROVER) return `team ${target.team}'s merges need a person's approval (mergeApproval: ${PERSON_APPROVER}); an agent's does not count`;
  if (rule !== null && approver.role !== rule) {
    return `team ${target.team}'s merges need an approval from its ${rule} agent or a person (mergeApproval: ${rule}); ${who} is ${approver.role}`;
  }
  return null;
}

export interface RecordedApproval {
  patchDigest: string;
  approvedBy: string;
}

/**
 * The approval that lets this exact change be merged, or why the merge waits. With no rule a
 * merge needs none (an approval given anyway is still recorded in the commit).
 */
export function approvalForMerge(
  rule: MergeApprover | null,
  approvals: readonly RecordedApproval[],
  patchDigest: string,
  target: AgentRef,
): { ok: true; approvedBy: string | null } | { ok: false; reason: string } {
  const match = approvals.find((a) => a.patchDigest === patchDigest);
  if (match) return { ok: true, approvedBy: match.approvedBy };
  if (rule === null) return { ok: true, approvedBy: null };
  const by = rule === PERSON_APPROVER ? 'a person' : `its ${rule} agent or a person`;
  const earlier = approvals.length > 0 ? ` (the approval given earlier was for a change the agent has added to since)` : '';
  return {
    ok: false,
    reason: `team ${target.team}'s merges need an approval from ${by} (mergeApproval: ${rule}), and this change of ${formatAgentRef(target)} has none${earlier}; approve it with: orc approve-merge ${formatAgentRef(target)}`,
  };
}

/** At most this much of a failed check's output goes to the agent (its last lines). */
const CHECK_OUTPUT_LINES = 40;
const CHECK_OUTPUT_CHARS = 4_000;

/** The message that tells an agent its branch fails the team's check, with the end of the output. */
export function checkFailedMessage(input: { branch: string; commit: string; command: string; exitCode: number | null; output: string }): string {
  // The output is the agent's own code speaking; it is typed back into its terminal, so it stays text.
  const tail = withoutControlCharacters(input.output).replace(/\s+$/, '').split('\n').slice(-CHECK_OUTPUT_LINES).join('\n').slice(-CHECK_OUTPUT_CHARS);
  const status = input.exitCode === null ? 'was stopped (timed out)' : `exited with ${input.exitCode}`;
  return [
    `The team's check \`${input.command}\` failed on your branch ${input.branch} (at ${input.commit.slice(0, 12)}): it ${status}. The end of its output:`,
    tail === '' ? '(no output)' : tail,
    'Please fix it, commit, and tell me when the check passes; your branch is not merged until it does.',
  ].join('\n');
}
