// A team spec, in two shapes. The file shape is what people write (team.yaml, or the
// `orc team create` flags): durations as text, optional fields left out, paths possibly
// relative. TeamSpec is the normalised shape the server, the team workflow and the agents
// work with: every default filled in, durations in milliseconds, the project path absolute
// and a custom brief already read from its file. It is a zod schema too, so the API can
// validate a spec that arrives already normalised (the CLI reads brief files on its side).
import { z } from 'zod';
import { DEFAULT_AGENT_COMMAND, parseAgentCommand } from '../agent-command.ts';
import { terminalText } from '../control-characters.ts';
import { MAX_DURATION_MS, parseDuration } from '../durations.ts';
import { normalizeHostName } from '../host-name.ts';
import { NAME_PATTERN, NAME_RULE } from '../names.ts';
import { ROLE_IDS } from '../roles/role.ts';
import { parseSandboxPath, type SandboxPath } from '../sandbox.ts';
import { MERGE_APPROVERS, PERSON_APPROVER } from '../merge-rules.ts';
import { MAX_MCP_SERVERS_NAMED, MCP_SERVER_NAME, MCP_SERVER_NAME_RULE } from '../project-mcp-servers.ts';

import { WORKSPACE_MODES, type WorkspaceMode } from '../agent.ts';

export { WORKSPACE_MODES, type WorkspaceMode };

/** Named agent commands, so a spec can say `profile: shell` instead of spelling one out. */
export const PROFILES = { 'claude-code': DEFAULT_AGENT_COMMAND, codex: 'codex', shell: 'bash' } as const;
export type Profile = keyof typeof PROFILES;
export const PROFILE_NAMES = Object.keys(PROFILES) as Profile[];

export const DEFAULT_GIT_CHECKPOINT_MS = 30 * 60 * 1000;

/** Written where "off" is allowed instead of a duration. */
export const OFF = 'off' as const;

const list = (values: readonly string[]): string => values.join(', ');
const quoted = (value: unknown): string => JSON.stringify(value);

// ---- the file shape ----

const nameField = (what: 'team' | 'agent') =>
  z.string().regex(NAME_PATTERN, { error: (issue) => `${what} name ${quoted(issue.input)} is invalid: use ${NAME_RULE}` });

/** A duration, or `off`. YAML 1.1 habits: `off` may arrive as the string or, from some writers, as false. */
const durationField = z.union([z.string(), z.literal(false)]).transform((value, ctx): number | typeof OFF => {
    if (value === false || value.trim() === OFF) return OFF;
    try {
      return parseDuration(value);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message, input: value });
      return z.NEVER;
    }
  });

const commandField = z.string().superRefine((command, ctx) => {
  try {
    parseAgentCommand(command);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message, input: command });
  }
});

const hostField = z.string().superRefine((host, ctx) => {
  const normal = normalizeHostName(host);
  if (normal !== host) {
    ctx.addIssue({ code: 'custom', input: host, message: `host ${quoted(host)} is not a host name as orc writes them (lowercase letters, digits, "." and "-"); did you mean ${quoted(normal)}?` });
  }
});

// Briefs and the project path are typed into the agents' terminals in their first message.
const nonEmptyText = (what: string) => terminalText().refine((text) => text.trim() !== '', { error: `${what} is empty: leave it out or write something` });

/** A sandbox.allow entry: `path`, `path:ro` or `path:rw`. */
const sandboxPathField = z.string().transform((text, ctx): SandboxPath => {
  try {
    return parseSandboxPath(text);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message, input: text });
    return z.NEVER;
  }
});

/** on/off, true/false (YAML 1.1 writers), or `{ enabled, allow }` (allow alone means on). */
const sandboxField = z.union([
  z.boolean(),
  z.enum(['on', 'off']).transform((v) => v === 'on'),
  z.strictObject({
    enabled: z.union([z.boolean(), z.enum(['on', 'off']).transform((v) => v === 'on')]).nullish(),
    allow: z.array(sandboxPathField).max(32).nullish(),
  }),
]);

const mergeApprovalField = z.enum(MERGE_APPROVERS, { error: (issue) => `unknown approver ${quoted(issue.input)}; use a role (${list(ROLE_IDS)}) or ${quoted(PERSON_APPROVER)}` });
/** The project MCP servers (`.mcp.json`) Claude Code may start; every other one is disabled. */
const mcpServersField = z
  .array(z.string().regex(MCP_SERVER_NAME, { error: (issue) => `MCP server name ${quoted(issue.input)} is invalid: use ${MCP_SERVER_NAME_RULE}` }), {
    error: 'a list of MCP server names, for example [github, postgres]',
  })
  .max(MAX_MCP_SERVERS_NAMED, { error: `at most ${MAX_MCP_SERVERS_NAMED} MCP servers` });

export const agentFileSchema = z.strictObject({
  name: nameField('agent'),
  role: z.enum(ROLE_IDS, { error: (issue) => `unknown role ${quoted(issue.input)}; known: ${list(ROLE_IDS)}` }),
  /** Extra instructions for this agent, added after its role's brief. */
  brief: nonEmptyText('brief').nullish(),
  /** The same, read from a file (relative to the spec file). */
  briefFile: nonEmptyText('briefFile').nullish(),
  command: commandField.nullish(),
  profile: z.enum(PROFILE_NAMES as [Profile, ...Profile[]], { error: (issue) => `unknown profile ${quoted(issue.input)}; use one of: ${list(PROFILE_NAMES)}` }).nullish(),
  checkin: durationField.nullish(),
  workspace: z.enum(WORKSPACE_MODES, { error: (issue) => `unknown workspace mode ${quoted(issue.input)}; use one of: ${list(WORKSPACE_MODES)}` }).nullish(),
  gitCheckpoint: durationField.nullish(),
  /** Claude Code only: false launches it without orc's hooks; the host's screen fallback answers its dialogs. */
  hooks: z.boolean().nullish(),
  /** The agent's bubblewrap sandbox; the team's when left out, on when neither says. */
  sandbox: sandboxField.nullish(),
  /** The project MCP servers this agent may start; the team's list when left out, none when neither says. */
  mcpServers: mcpServersField.nullish(),
});

export const teamSpecFileSchema = z.strictObject({
  team: nameField('team'),
  project: nonEmptyText('project').refine((path) => !path.startsWith('~'), { error: '"~" is not expanded here; write the full path' }),
  host: hostField.nullish(),
  /** Run once in each new worktree before its agent starts (e.g. `npm ci`); never by a shell. */
  setup: commandField.nullish(),
  /** Consecutive port ranges for the agents, in spec order, exported as PORT, ORC_PORT_FIRST and ORC_PORT_LAST. */
  ports: z.strictObject({ from: z.number().int().min(1024).max(65_535), perAgent: z.number().int().min(1).max(1000) }).nullish(),
  /** A worktree agent's check (e.g. `npm test`), run on its branch on request and before each merge; never by a shell. */
  check: commandField.nullish(),
  /** Who must approve a worktree agent's change before it is merged: an agent of this role in the team, or a person. */
  mergeApproval: mergeApprovalField.nullish(),
  agents: z.array(agentFileSchema).min(1, { error: 'a team needs at least one agent' }),
  /** Every agent's sandbox unless its entry says otherwise. */
  sandbox: sandboxField.nullish(),
  /** The project MCP servers every agent may start, unless its entry gives its own list. */
  mcpServers: mcpServersField.nullish(),
});

export type AgentFileEntry = z.input<typeof agentFileSchema>;
export type TeamSpecFile = z.input<typeof teamSpecFileSchema>;

/** What each field of the file shape takes, for messages about a missing or mistyped value. */
export const FIELD_HINTS: Record<string, string> = {
  team: `a team name (${NAME_RULE})`,
  project: 'the project directory (absolute, or relative to the spec file)',
  host: 'a host name',
  setup: 'a command run in each new worktree before its agent starts, for example "npm ci"',
  ports: 'ports for each agent, for example { from: 4100, perAgent: 10 }',
  check: 'a command run on a worktree agent\'s branch before it is merged, for example "npm test"',
  mergeApproval: `who must approve a change before it is merged: a role (${list(ROLE_IDS)}) or ${PERSON_APPROVER}`,
  agents: 'a list of agents, each with at least name and role',
  name: `an agent name (${NAME_RULE})`,
  role: `a role, one of: ${list(ROLE_IDS)}`,
  brief: 'text',
  briefFile: 'a file path (relative to the spec file)',
  command: `a command line, for example "${DEFAULT_AGENT_COMMAND}"`,
  profile: `one of: ${list(PROFILE_NAMES)}`,
  checkin: `a duration such as 30m, or ${OFF}`,
  workspace: `one of: ${list(WORKSPACE_MODES)}`,
  gitCheckpoint: `a duration such as 30m, or ${OFF}`,
  hooks: 'true or false (Claude Code agents only)',
  sandbox: 'on, off, or { enabled: on|off, allow: [ "/path", "/path:rw" ] }',
  mcpServers: "a list of the project's MCP server names (.mcp.json) the agents may start, for example [github]",
};

// ---- the normalised shape ----

const durationMs = z.number().int().positive().max(MAX_DURATION_MS);

export const agentSpecSchema = z.object({
  name: z.string().regex(NAME_PATTERN),
  role: z.enum(ROLE_IDS),
  /** Custom instructions (inline or from briefFile), added after the role's brief; null for none. */
  brief: terminalText().nullable(),
  /** The command line to run (split by parseAgentCommand, never run by a shell). */
  command: commandField,
  /** How often orc wakes the agent on its own; null: only its self-scheduled check-ins. */
  checkinIntervalMs: durationMs.nullable(),
  workspace: z.enum(WORKSPACE_MODES),
  /** How often orc commits a checkpoint of the agent's workspace; null: never. */
  gitCheckpointMs: durationMs.nullable(),
  /** False: Claude Code without orc's hooks (screen fallback). Absent means with hooks (and specs saved before this field). */
  hooks: z.literal(false).optional(),
  /** The agent's sandbox. Absent means on, opening nothing more (and specs saved before this field). */
  sandbox: z.object({ enabled: z.boolean(), allow: z.array(z.object({ path: z.string().min(1).max(4096), writable: z.boolean() })).max(32) }).optional(),
  /** The project MCP servers it may start. Absent means none (and specs saved before this field). */
  mcpServers: z.array(z.string().regex(MCP_SERVER_NAME)).max(MAX_MCP_SERVERS_NAMED).optional(),
});

export const teamSpecSchema = z
  .object({
    team: z.string().regex(NAME_PATTERN),
    /** Absolute. */
    project: terminalText().refine((path) => path.startsWith('/'), { error: 'project must be an absolute path' }),
    /** The host whose worker runs the agents; null: the server's default host. */
    host: hostField.nullable(),
    /** Run once in each new worktree before its agent starts; absent in specs saved before it. */
    setup: commandField.nullable().optional(),
    ports: z.object({ from: z.number().int(), perAgent: z.number().int().positive() }).nullable().optional(),
    /** Run on a worktree agent's branch on request and before each merge; absent: no check. */
    check: commandField.nullable().optional(),
    /** Who must approve a change before it is merged; absent: anyone with an admin token merges. */
    mergeApproval: z.enum(MERGE_APPROVERS).nullable().optional(),
    agents: z.array(agentSpecSchema).min(1),
  })
  .superRefine((spec, ctx) => {
    const seen = new Set<string>();
    spec.agents.forEach((agent, index) => {
      if (seen.has(agent.name)) ctx.addIssue({ code: 'custom', path: ['agents', index, 'name'], message: `duplicate agent name ${quoted(agent.name)}` });
      seen.add(agent.name);
    });
  });

export type AgentSpec = z.infer<typeof agentSpecSchema>;
export type TeamSpec = z.infer<typeof teamSpecSchema>;

/** The result of reading a spec: the normalised spec, or every problem found, each as `path: message`. */
export type TeamSpecResult = { ok: true; spec: TeamSpec } | { ok: false; problems: string[] };
