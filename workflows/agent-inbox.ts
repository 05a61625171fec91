// The agent's inbox: messages wait here in order and are typed into its pane one at a time,
// when the agent is ready for one, then confirmed (by its hook, or read back from its pane)
// before the next. A permission dialog open in the pane holds them back: keys typed there
// would answer it.
import { condition, uuid4 } from '@temporalio/workflow';
import { agentWorkflowId } from '../domain/names.ts';
import { CONFIRM_TIMEOUT, DIALOG_HOLD_MAX_PAUSE_MS, MAX_MESSAGE_CHARS, RECENT_MESSAGES_KEPT } from './agent-limits.ts';
import type { AgentRun } from './agent-run.ts';
import type { AgentMessage, SendMessageInput } from './agent-types.ts';
import { noWorkerTookActivity, rootMessage } from './failure-message.ts';
import { promptMatches } from './prompt-match.ts';

/** Prompts the agent's hook reported and no typed message has matched yet; older ones are dropped. */
const SUBMITTED_PROMPTS_KEPT = 50;

export class Inbox {
  /** Messages not yet delivered, in the order they came; carried across continue-as-new. */
  readonly messages: AgentMessage[];
  private readonly agent: AgentRun;
  private readonly recent: AgentMessage[] = [];
  private readonly submittedPrompts: string[] = [];
  /**
   * While a permission dialog open in the agent's pane holds deliveries back, until when; null
   * when nothing holds them. Tries in a row that found one, and what the host said it was.
   */
  heldUntil: number | null = null;
  private heldTries = 0;
  heldBy: string | null = null;

  constructor(agent: AgentRun, carried: AgentMessage[]) {
    this.agent = agent;
    this.messages = [...carried];
  }

  enqueue(text: string, from: string, id: string = uuid4()): AgentMessage {
    const message: AgentMessage = { id, from, text, state: 'queued', queuedAt: new Date().toISOString() };
    this.messages.push(message);
    return message;
  }

  /** Queues a message ahead of all others (the resume after a usage limit). */
  enqueueFirst(text: string, from: string): AgentMessage {
    const message: AgentMessage = { id: uuid4(), from, text, state: 'queued', queuedAt: new Date().toISOString() };
    this.messages.unshift(message);
    return message;
  }

  /** Writes the message, as it stands now, to the communication log. */
  record(message: AgentMessage): void {
    this.agent.records.recordMessage({ team: this.agent.spec.team, recipient: this.agent.agentId, message: { ...message } });
  }

  /** The sendMessage update: queues the message and resolves once it is delivered or given up. */
  async send({ id, text, from }: SendMessageInput): Promise<AgentMessage> {
    const known = id === undefined ? undefined : this.find(id);
    if (known) {
      // The same send again (a client that retried): answer for the one message there is.
      await condition(() => known.state !== 'queued' && known.state !== 'typing');
      return known;
    }
    const message = this.enqueue(text, from, id);
    this.record(message);
    await condition(() => message.state !== 'queued' && message.state !== 'typing');
    return message;
  }

  /** The enqueueMessage signal: a signal cannot be refused, so what cannot be taken is dropped. */
  receive({ id, text, from }: SendMessageInput): void {
    if (text.trim() === '' || this.agent.isClosed() || this.agent.stopRequested) return;
    if (id !== undefined && this.find(id)) return; // the same signal sent twice
    const message = this.enqueue(text.slice(0, MAX_MESSAGE_CHARS), from, id);
    if (id !== undefined) this.record(message); // a sender that follows it finds it in the log
  }

  /** A message still waiting or recently delivered, by id. */
  private find(id: string): AgentMessage | undefined {
    return this.messages.find((m) => m.id === id) ?? this.recent.find((m) => m.id === id);
  }

  /** `running`: the agent is launched and not closed; only then is the list kept short. */
  promptSubmitted(prompt: string, running: boolean): void {
    this.submittedPrompts.push(prompt);
    if (running && this.submittedPrompts.length > SUBMITTED_PROMPTS_KEPT) this.submittedPrompts.shift();
  }

  dialogClosed(): void {
    this.heldUntil = null;
  }

  endHoldIfDue(): void {
    if (this.heldUntil !== null && Date.now() >= this.heldUntil) this.heldUntil = null;
  }

  /**
   * Claude Code takes a message only between turns: while it works or a permission dialog is
   * open, messages wait here, in order. Other CLIs (and Claude Code without hooks) give no such
   * signal and get them at once, unless the host found a dialog open in the pane (heldUntil).
   */
  readyForMessage(): boolean {
    // A blocking dialog would take the message's keys as its answer, whatever the CLI.
    if (this.agent.state === 'blocked') return false;
    return this.agent.exitedPane === null && this.heldUntil === null && (!this.agent.hooked || this.agent.state === 'idle');
  }

  next(): AgentMessage | undefined {
    return this.messages.find((m) => m.state === 'queued');
  }

  hasDeliverable(): boolean {
    return this.readyForMessage() && this.messages.some((m) => m.state === 'queued');
  }

  queuedCount(): number {
    return this.messages.filter((m) => m.state === 'queued').length;
  }

  recentMessages(): AgentMessage[] {
    return this.recent.slice(-RECENT_MESSAGES_KEPT);
  }

  async deliver(message: AgentMessage): Promise<void> {
    const { agent } = this;
    if (agent.paneId === null) return;
    message.state = 'typing';
    const confirmByPane = !agent.hooked;
    try {
      const typed = await agent.host.typeMessage({
        agentId: agentWorkflowId(agent.spec),
        paneId: agent.paneId,
        messageId: message.id,
        text: message.text,
        confirmByPane,
      });
      if (typed.heldByDialog !== undefined) {
        // Nothing was typed. The message stays first in line and is tried again when the host
        // reports the dialog gone, or after a pause that grows while it stays (a person may be away).
        message.state = 'queued';
        this.heldTries++;
        this.heldUntil = Date.now() + Math.min(1000 * 2 ** (this.heldTries - 1), DIALOG_HOLD_MAX_PAUSE_MS);
        this.heldBy = typed.heldByDialog;
        return;
      }
      this.heldTries = 0;
      this.heldBy = null;
      message.typedAt = typed.typedAt;
      const confirmed = confirmByPane
        ? typed.confirmedByPane
        : await condition(() => this.submittedPrompts.some((p) => promptMatches(p, message.text)), CONFIRM_TIMEOUT);
      if (confirmed) {
        message.state = 'confirmed';
        message.confirmedAt = new Date().toISOString();
        const index = this.submittedPrompts.findIndex((p) => promptMatches(p, message.text));
        if (index >= 0) this.submittedPrompts.splice(index, 1);
      } else {
        message.state = 'unconfirmed';
        message.error = 'typed into the agent, but the agent did not confirm it in time; it was not typed again';
      }
    } catch (err) {
      if (noWorkerTookActivity(err)) {
        // Nothing was typed: the host's worker is away. The message stays first in line and is
        // tried again (each try waits on the host's queue), so it arrives once the host is back.
        message.state = 'queued';
        return;
      }
      message.state = 'failed';
      message.error = rootMessage(err);
    }
    this.messages.splice(this.messages.indexOf(message), 1);
    this.recent.push(message);
    if (this.recent.length > RECENT_MESSAGES_KEPT) this.recent.shift();
    this.record(message);
  }

  /** At the end: messages still queued are reported as not delivered rather than silently dropped. */
  failUndelivered(): void {
    const { agent } = this;
    for (const message of this.messages) {
      message.state = 'failed';
      message.error = agent.state === 'failed' ? `the agent failed before this message was delivered: ${agent.lastError ?? ''}` : 'the agent was stopped before this message was delivered';
      this.record(message);
    }
  }
}
