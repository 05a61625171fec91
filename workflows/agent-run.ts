// What the agent workflow knows of its agent while one run lasts, in one object that every
// handler and the main loop share (as in Temporal's "safe message handlers" sample): the facts
// all concerns read (state, pane, last error, stop asked, exited pane), and the concerns that
// act on them, each in its own module: the inbox, the timers, recovery, dialog answers.
import { ApplicationFailure, condition, workflowInfo } from '@temporalio/workflow';
import { usesHooks } from '../domain/agent-hooks.ts';
import type { ControlOutcome, ControlRequest } from '../domain/agent-controls.ts';
import type { AgentState } from '../domain/agent-state.ts';
import { formatAgentRef } from '../domain/names.ts';
import { agentActivities, type AgentActivities } from './agent-activities.ts';
import { DialogAnswers } from './agent-dialog-answers.ts';
import { stateAfterEvent } from './agent-events.ts';
import { Inbox } from './agent-inbox.ts';
import { Pause } from './agent-pause.ts';
import { Recovery } from './agent-recovery.ts';
import { Timers } from './agent-timers.ts';
import type { AgentEvent, AgentSnapshot, AgentSpec, AgentStatus, AgentWorkflowInput, BlockedBy, CaptureInput } from './agent-types.ts';

/** What of a blocking dialog's screen the workflow keeps (its history holds it). */
const MAX_BLOCKED_TEXT = 4_000;
const MAX_BLOCKED_TITLE = 300;

export class AgentRun {
  readonly spec: AgentSpec;
  readonly agentId: string;
  /** Claude Code with orc's hooks: it confirms messages and reports its turns through them. */
  readonly hooked: boolean;
  readonly host: AgentActivities['host'];
  readonly controls: AgentActivities['controls'];
  readonly records: AgentActivities['records'];
  readonly pendingRecords: AgentActivities['pendingRecords'];

  state: AgentState;
  paneId: string | null;
  lastError: string | null = null;
  stopRequested = false;
  /** The pane this run launched, once its process has exited; null again when relaunched. */
  exitedPane: { paneId: string; exitStatus: number | null } | null = null;
  readonly startedAt: string;
  /** The dialog orc cannot answer that holds the agent; meaningful while the state is `blocked`. */
  private blocked: BlockedBy | null;

  readonly inbox: Inbox;
  readonly timers: Timers;
  readonly recovery: Recovery;
  readonly dialogs: DialogAnswers;
  readonly pause: Pause;

  constructor(input: AgentWorkflowInput) {
    this.spec = input.spec;
    this.agentId = formatAgentRef(this.spec);
    this.hooked = usesHooks(this.spec);
    const { host, controls, records, pendingRecords } = agentActivities(this.spec);
    this.host = host;
    this.controls = controls;
    this.records = records;
    this.pendingRecords = pendingRecords;
    this.state = input.snapshot?.state ?? 'provisioning';
    this.paneId = input.snapshot?.paneId ?? null;
    this.recovery = new Recovery(this, input.snapshot?.restarts ?? 0);
    this.startedAt = input.snapshot?.startedAt ?? new Date().toISOString();
    this.inbox = new Inbox(this, input.snapshot?.inbox ?? []);
    this.timers = new Timers(this, input.snapshot);
    this.dialogs = new DialogAnswers(this);
    this.pause = new Pause(this, input.snapshot?.pause);
    this.blocked = input.snapshot?.blocked ?? null;
  }

  isClosed(): boolean {
    return this.state === 'stopped' || this.state === 'failed';
  }

  /** Why the agent takes no more messages or check-ins, or null while it does. */
  closedReason(): string | null {
    return this.isClosed() || this.stopRequested ? `agent ${this.agentId} is ${this.state}; start it again first` : null;
  }

  status(): AgentStatus {
    const checkins = this.timers.pending();
    return {
      id: this.agentId,
      team: this.spec.team,
      agent: this.spec.agent,
      host: this.spec.host,
      projectDir: this.spec.projectDir,
      argv: this.spec.argv,
      kind: this.spec.kind,
      state: this.state,
      paneId: this.paneId,
      inbox: this.inbox.queuedCount(),
      startedAt: this.startedAt,
      lastError: this.lastError,
      recentMessages: this.inbox.recentMessages(),
      checkins,
      nextCheckinAt: checkins[0]?.dueAt ?? null,
      lastCheckpoint: this.timers.lastCheckpoint,
      restarts: this.recovery.restarts,
      deliveryHeldBy: this.inbox.heldBy,
      ...this.pause.status(),
      blockedBy: this.state === 'blocked' ? this.blocked : null,
    };
  }

  /** What the next run starts from when this one continues as new. */
  snapshot(): AgentSnapshot {
    return {
      paneId: this.paneId ?? '',
      state: this.state,
      startedAt: this.startedAt,
      inbox: this.inbox.messages,
      checkins: this.timers.checkins,
      nextCheckpointAt: this.timers.nextCheckpointAt,
      restarts: this.recovery.restarts,
      pause: this.pause.snapshot(),
      blocked: this.state === 'blocked' ? this.blocked : null,
    };
  }

  async awaitLaunch(): Promise<AgentStatus> {
    await condition(() => this.state !== 'provisioning');
    if (this.state === 'failed') throw ApplicationFailure.nonRetryable(this.lastError ?? 'launch failed', 'LaunchFailed');
    return this.status();
  }

  async capture({ lines }: CaptureInput): Promise<{ text: string }> {
    if (this.paneId === null) throw ApplicationFailure.nonRetryable('the agent has no pane yet', 'NoPane');
    return this.host.capturePane({ paneId: this.paneId, lines });
  }

  /** A person's control of the CLI, pressed by its host; an interrupt seen on screen leaves it idle (no Stop hook says so). */
  async control(request: ControlRequest): Promise<ControlOutcome> {
    if (this.paneId === null) throw ApplicationFailure.nonRetryable('the agent has no pane yet', 'NoPane');
    const outcome = await this.controls.controlAgent({ agentId: this.agentId, paneId: this.paneId, kind: this.spec.kind, request });
    if (outcome.done && request.control === 'interrupt' && this.state === 'working') this.state = 'idle';
    return outcome;
  }

  requestStop(): void {
    this.stopRequested = true;
  }

  async stop(): Promise<AgentStatus> {
    this.stopRequested = true;
    await condition(() => this.isClosed());
    return this.status();
  }

  /**
   * A dialog orc cannot answer holds the agent (seen by its host at launch or later): it takes no
   * message until the dialog goes, and a person hears of it once per dialog.
   */
  block({ title, text }: { title: string; text: string }): void {
    const again = this.state === 'blocked' && this.blocked?.title === title.slice(0, MAX_BLOCKED_TITLE);
    this.state = 'blocked';
    if (again) return;
    this.blocked = { title: title.slice(0, MAX_BLOCKED_TITLE), text: text.slice(0, MAX_BLOCKED_TEXT), since: new Date().toISOString() };
    this.records.notify({
      id: `blocked-${workflowInfo().runId}-${this.blocked.since}`,
      kind: 'needs-person',
      at: this.blocked.since,
      team: this.spec.team,
      agent: this.agentId,
      summary: `${this.agentId} is blocked by a dialog orc cannot answer: ${this.blocked.title}`,
      reason: 'blocked-dialog',
    });
  }

  /** What the agent's hooks or its host's pane watchers report. */
  onEvent(event: AgentEvent): void {
    // The host saw the dialog go: a held message need not wait out its pause.
    if (event.kind === 'dialog-closed') this.inbox.dialogClosed();
    if (event.kind === 'exited') {
      this.recovery.noteExit(event);
      return;
    }
    const running = this.state !== 'provisioning' && !this.isClosed();
    if (event.kind === 'prompt-submitted') this.inbox.promptSubmitted(event.prompt, running);
    if (!running) return;
    if (event.kind === 'limit-reached') this.pause.begin(event);
    if (event.kind === 'turn-finished') this.pause.turnSucceeded();
    if (event.kind === 'blocked') {
      this.block(event);
      return;
    }
    this.state = stateAfterEvent(this.state, event, this.hooked);
  }
}
