// Every permission request an agent's CLI asked orc about, and how it was decided: by a learned
// rule, a built-in rule, a person, or nobody in time. What `orc approvals` lists and
// `orc stats` counts; the waiting hook polls its row for a person's answer. A tool use that
// Claude Code ran without asking (from its own copy of a learned rule) is a row too, heard of
// through the PreToolUse hook, so the figures count what the rules decided.
import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * `timed-out`: no one answered in time, the agent's own dialog shows, and orc can still press an
 * answer there. `expired`: a timed-out request the agent has since moved on from.
 */
export const REQUEST_STATUSES = ['pending', 'allowed', 'denied', 'timed-out', 'expired'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const DECIDERS = ['rule', 'builtin', 'human', 'timeout'] as const;
export type Decider = (typeof DECIDERS)[number];
/** Which hook told orc: Claude Code asked (PermissionRequest), or only said it is about to run the tool (PreToolUse). */
export const REQUEST_HOOKS = ['permission-request', 'pre-tool-use'] as const;
export type RequestHook = (typeof REQUEST_HOOKS)[number];

export const permissionRequests = pgTable(
  'permission_requests',
  {
    id: text('id').primaryKey(),
    /** `team/agent`. */
    agentId: text('agent_id').notNull(),
    team: text('team').notNull(),
    projectDir: text('project_dir').notNull(),
    /** The CLI's working directory when it asked (relative paths resolve against it). */
    cwd: text('cwd'),
    hook: text('hook', { enum: REQUEST_HOOKS }).notNull().default('permission-request'),
    /** Claude Code's session and tool use, to tell one tool use's PreToolUse and PermissionRequest apart from another's. */
    sessionId: text('session_id'),
    toolUseId: text('tool_use_id'),
    toolName: text('tool_name').notNull(),
    toolInput: jsonb('tool_input').$type<Record<string, unknown>>().notNull(),
    /** The Bash command (or file, or URL) for display, truncated. */
    commandText: text('command_text'),
    status: text('status', { enum: REQUEST_STATUSES }).notNull(),
    decidedBy: text('decided_by', { enum: DECIDERS }),
    /** The learned rule's id, or the built-in rule's name. */
    ruleId: text('rule_id'),
    reason: text('reason'),
    /** For a person's decision: `human:<token name>`. */
    decider: text('decider'),
    /** Rules (Claude Code syntax) a person's "always" allow taught; handed to Claude Code with the answer. */
    learnedRules: jsonb('learned_rules').$type<string[]>(),
    requestedAt: timestamp('requested_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decisionLatencyMs: integer('decision_latency_ms'),
  },
  (table) => [
    index('permission_requests_status_idx').on(table.status, table.requestedAt),
    index('permission_requests_agent_idx').on(table.agentId, table.requestedAt),
  ],
);
