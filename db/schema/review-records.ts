// What a team's review of a worktree agent's work left behind: each run of the team's `check:`
// on the agent's branch, and each approval of a change (for `mergeApproval:`). People read
// them on the review page; a merge reads them to decide whether it may go ahead.
import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const branchChecks = pgTable(
  'branch_checks',
  {
    id: text('id').primaryKey(),
    team: text('team').notNull(),
    agent: text('agent').notNull(),
    /** The branch's tip the check ran on (after the agent's uncommitted work was checkpointed). */
    commit: text('commit').notNull(),
    command: text('command').notNull(),
    passed: boolean('passed').notNull(),
    /** Null when it was stopped (its time ran out). */
    exitCode: integer('exit_code'),
    /** The end of its output (the whole is in the host's check log). */
    outputTail: text('output_tail').notNull(),
    durationMs: integer('duration_ms').notNull(),
    /** `human:<name>` of who asked, or `merge` for the check a merge runs first. */
    requestedBy: text('requested_by').notNull(),
    /** Whether the failure was sent to the agent. */
    toldAgent: boolean('told_agent').notNull().default(false),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('branch_checks_agent_idx').on(table.team, table.agent, table.finishedAt)],
);

export const mergeApprovals = pgTable(
  'merge_approvals',
  {
    id: text('id').primaryKey(),
    team: text('team').notNull(),
    agent: text('agent').notNull(),
    /** sha256 of the change's patch as the approver saw it: work added since needs approving again. */
    patchDigest: text('patch_digest').notNull(),
    /** The branch's tip when it was approved, for people reading the record. */
    commit: text('commit').notNull(),
    /** domain/merge-rules.ts approverLabel: a person's name, or `team/agent (role)`. */
    approvedBy: text('approved_by').notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('merge_approvals_agent_idx').on(table.team, table.agent, table.approvedAt)],
);
