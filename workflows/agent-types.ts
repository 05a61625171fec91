// Types shared by the agent workflow, its activities and its clients. No runtime code:
// workflow code must stay deterministic and free of Node built-ins.
import type { AgentKind, AgentState } from '../domain/agent.ts';
import type { SandboxSetting } from '../domain/sandbox.ts';

export type { AgentKind };

export interface AgentSpec {
  team: string;
  agent: string;
  host: string;
  projectDir: string;
  /** Already split into arguments; never joined into a shell string. */
  argv: string[];
  kind: AgentKind;
  /**
   * Claude Code only: false launches it without orc's hooks, so its permission dialogs are
   * answered by the host's screen fallback and its messages confirmed by reading its pane.
   * Absent means true.
   */
  hooks?: boolean | null;
  /**
   * Claude Code only: the MCP servers of the project's `.mcp.json` it may start; every other one
   * there is disabled (domain/project-mcp-servers.ts). Absent: none.
   */
  mcpServers?: string[] | null;
  /** The agent's bubblewrap sandbox (domain/sandbox.ts). Absent: unconfined, as every agent started before it. */
  sandbox?: SandboxSetting | null;
  /** Extra environment for the agent's process (on top of ORC_URL, ORC_AGENT, ORC_AGENT_TOKEN). */
  env: Record<string, string>;
  /** Where the agent's hooks and `orc` calls reach this server. */
  orcUrl: string;
  /** A token that can act only as this agent (hooks, its own check-ins, messages as itself). */
  agentToken: string;
  /** The agent's role in its team, and the agent it reports to (`team/agent`), if any. */
  role?: string | null;
  manager?: string | null;
  /** Where the agent works: the project dir, or its own git worktree. Defaults to projectDir. */
  workspaceDir?: string | null;
  /** The agent's own scratch dir (its TMPDIR); by default the data layout's, on its host. */
  scratchDir?: string | null;
  /** A check-in the agent gets every this many ms when it has scheduled none itself. */
  checkinIntervalMs?: number | null;
  /** Commit the workspace every this many ms if it changed; null: never. */
  gitCheckpointMs?: number | null;
  /** The first message, delivered once the CLI is ready (its brief and team roster). */
  initialMessage?: string | null;
}

export interface Checkin {
  id: string;
  dueAt: string;
  note: string;
  createdBy: string;
}

export interface ScheduleCheckinInput {
  delayMs: number;
  note: string;
  createdBy: string;
}

/** A check-in accepted while no worker could answer: its id and clock come from the sender. */
export interface QueuedCheckinInput extends ScheduleCheckinInput {
  id: string;
  /** When it was asked for: it falls due delayMs after this, not after a worker came back. */
  requestedAt: string;
}

export type MessageState = 'queued' | 'typing' | 'confirmed' | 'unconfirmed' | 'failed';

export interface AgentMessage {
  id: string;
  from: string;
  text: string;
  state: MessageState;
  queuedAt: string;
  typedAt?: string;
  confirmedAt?: string;
  error?: string;
}

export interface AgentStatus {
  id: string;
  team: string;
  agent: string;
  host: string;
  projectDir: string;
  argv: string[];
  kind: AgentKind;
  state: AgentState;
  paneId: string | null;
  inbox: number;
  startedAt: string;
  lastError: string | null;
  recentMessages: AgentMessage[];
  checkins: Checkin[];
  nextCheckinAt: string | null;
  lastCheckpoint: { at: string; outcome: string } | null;
  /** Relaunches after the agent's process died, in the current run of failures. */
  restarts: number;
  /** Why the next message waits although the agent could take it (a permission dialog open in its pane); null when none does. */
  deliveryHeldBy?: string | null;
  /** While paused on a usage limit: until when (orc then resumes it), and what the CLI said. */
  pausedUntil?: string | null;
  pauseReason?: string | null;
  /** While `blocked`: the dialog that holds it, as its screen shows it. */
  blockedBy?: BlockedBy | null;
}

/** A dialog orc cannot answer, seen on the agent's screen (domain/blocking-dialog.ts): control characters replaced, bounded. */
export interface BlockedBy {
  /** Its first line. */
  title: string;
  /** The dialog as shown, from its first line to its key hints. */
  text: string;
  /** When orc saw it settle (ISO). */
  since: string;
}

/** What hooks (or the pane watcher) tell the workflow about the agent. */
export type AgentEvent =
  | { kind: 'prompt-submitted'; prompt: string }
  | { kind: 'turn-finished' }
  | { kind: 'permission-requested'; tool: string }
  | { kind: 'notification'; message: string }
  | { kind: 'session-started' }
  /** The CLI ended its turn on a usage or rate limit (Claude Code's StopFailure hook). */
  | { kind: 'limit-reached'; message: string; resetAt: string | null; retryAfterMs: number }
  /** The CLI ended its turn on another error (StopFailure): it waits for the next message. */
  | { kind: 'turn-failed'; message: string }
  /**
   * A permission dialog the host worker saw in the pane has gone: answered there, by orc, or by
   * a person. `interrupted`: Claude Code's turn ended with it ("No"), and no Stop hook will say so.
   */
  | { kind: 'dialog-closed'; interrupted?: boolean }
  /** The host saw a dialog it cannot answer stay on the agent's screen for a few seconds. */
  | { kind: 'blocked'; title: string; text: string }
  /** That dialog has gone (a person answered it at the pane). */
  | { kind: 'unblocked' }
  | { kind: 'exited'; paneId: string; exitStatus: number | null };

export interface SendMessageInput {
  /** Chosen by the sender so a queued message can be followed; a repeated id is taken once. */
  id?: string;
  text: string;
  from: string;
}

export interface AnswerDialogInput {
  requestId: string;
  decision: 'allow' | 'deny';
  /** The request's command, file path or URL: the dialog must show it, or nothing is pressed. */
  subject: string;
}

export interface AwaitDialogAnswerInput {
  requestId: string;
  /** How long to wait for the outcome before the update fails. */
  timeoutMs: number;
}

export interface DialogAnswer {
  requestId: string;
  /** The key pressed in the dialog, or null when nothing was pressed. */
  pressed: string | null;
  detail: string;
}

export interface CaptureInput {
  lines: number;
}

/** Carried across continue-as-new so a long-lived agent keeps its place. */
export interface AgentSnapshot {
  paneId: string;
  state: AgentState;
  startedAt: string;
  inbox: AgentMessage[];
  checkins: Checkin[];
  nextCheckpointAt: number | null;
  restarts?: number;
  pause?: PauseSnapshot | null;
  blocked?: BlockedBy | null;
}

export interface PauseSnapshot {
  until: number;
  reason: string;
  /** Limit stops in a row without a turn between: the back-off grows with them. */
  hits: number;
}

export interface AgentWorkflowInput {
  spec: AgentSpec;
  snapshot?: AgentSnapshot;
}
