// The whole life of one agent: launch its CLI in tmux, deliver its inbox one message at a
// time (typed once, then confirmed), answer status, capture its pane, stop it.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { HostActivities } from '../activities/host-activities.ts';
import type { AgentState } from '../domain/agent-state.ts';
import { agentWorkflowId, hostTaskQueue } from '../domain/names.ts';
import {
  agentEventSignal,
  awaitLaunchUpdate,
  captureUpdate,
  sendMessageUpdate,
  statusQuery,
  stopUpdate,
} from './agent-messages.ts';
import type { AgentEvent, AgentMessage, AgentStatus, AgentWorkflowInput } from './agent-types.ts';
import { promptMatches } from './prompt-match.ts';

/** How long a typed message may wait for the agent's confirmation before it is reported unconfirmed. */
const CONFIRM_TIMEOUT = '30 seconds';
const MAX_MESSAGE_CHARS = 100_000;
const RECENT_MESSAGES_KEPT = 20;

/** An activity failure wraps the activity's own error; people want the latter's words. */
function rootMessage(err: unknown): string {
  let current = err;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

export async function agentWorkflow(input: AgentWorkflowInput): Promise<AgentStatus> {
  const { spec } = input;
  // Host activities run only on the worker of the host where the agent's tmux lives; the
  // schedule-to-close bound makes a dead host surface as an error instead of a hang.
  const host = proxyActivities<HostActivities>({
    taskQueue: hostTaskQueue(spec.host),
    startToCloseTimeout: '1 minute',
    scheduleToCloseTimeout: '3 minutes',
    retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '5 seconds', maximumAttempts: 5 },
  });

  let state: AgentState = input.snapshot?.state ?? 'provisioning';
  let paneId: string | null = input.snapshot?.paneId ?? null;
  let lastError: string | null = null;
  let stopRequested = false;
  const startedAt = input.snapshot?.startedAt ?? new Date().toISOString();
  const inbox: AgentMessage[] = [...(input.snapshot?.inbox ?? [])];
  const recent: AgentMessage[] = [];
  const submittedPrompts: string[] = [];

  const status = (): AgentStatus => ({
    id: `${spec.team}/${spec.agent}`,
    team: spec.team,
    agent: spec.agent,
    host: spec.host,
    projectDir: spec.projectDir,
    argv: spec.argv,
    kind: spec.kind,
    state,
    paneId,
    inbox: inbox.filter((m) => m.state === 'queued').length,
    startedAt,
    lastError,
    recentMessages: recent.slice(-RECENT_MESSAGES_KEPT),
  });

  const isClosed = () => state === 'stopped' || state === 'failed';

  setHandler(statusQuery, status);

  setHandler(awaitLaunchUpdate, async () => {
    await condition(() => state !== 'provisioning');
    if (state === 'failed') throw ApplicationFailure.nonRetryable(lastError ?? 'launch failed', 'LaunchFailed');
    return status();
  });

  setHandler(
    sendMessageUpdate,
    async ({ text, from }) => {
      const message: AgentMessage = { id: uuid4(), from, text, state: 'queued', queuedAt: new Date().toISOString() };
      inbox.push(message);
      await condition(() => message.state !== 'queued' && message.state !== 'typing');
      return message;
    },
    {
      validator: ({ text }) => {
        if (text.trim() === '') throw new Error('message text is empty');
        if (text.length > MAX_MESSAGE_CHARS) throw new Error(`message is ${text.length} characters; the limit is ${MAX_MESSAGE_CHARS}`);
        if (isClosed() || stopRequested) throw new Error(`agent ${spec.team}/${spec.agent} is ${state}; start it again first`);
      },
    },
  );

  setHandler(
    captureUpdate,
    async ({ lines }) => {
      if (paneId === null) throw ApplicationFailure.nonRetryable('the agent has no pane yet', 'NoPane');
      return host.capturePane({ paneId, lines });
    },
    {
      validator: ({ lines }) => {
        if (!Number.isInteger(lines) || lines < 1 || lines > 100_000) throw new Error('lines must be a whole number from 1 to 100000');
        if (isClosed()) throw new Error(`agent ${spec.team}/${spec.agent} is ${state}; it has no pane to capture`);
      },
    },
  );

  setHandler(stopUpdate, async () => {
    stopRequested = true;
    await condition(isClosed);
    return status();
  });

  setHandler(agentEventSignal, (event: AgentEvent) => {
    switch (event.kind) {
      case 'prompt-submitted':
        submittedPrompts.push(event.prompt);
        if (submittedPrompts.length > 50) submittedPrompts.shift();
        if (state !== 'provisioning') state = 'working';
        break;
      case 'turn-finished':
        if (state !== 'provisioning') state = 'idle';
        break;
      case 'notification':
      case 'session-started':
        break;
    }
  });

  async function deliver(message: AgentMessage): Promise<void> {
    if (paneId === null) return;
    message.state = 'typing';
    const confirmByPane = spec.kind !== 'claude-code';
    try {
      const typed = await host.typeMessage({
        agentId: agentWorkflowId(spec),
        paneId,
        messageId: message.id,
        text: message.text,
        confirmByPane,
      });
      message.typedAt = typed.typedAt;
      const confirmed = confirmByPane
        ? typed.confirmedByPane
        : await condition(() => submittedPrompts.some((p) => promptMatches(p, message.text)), CONFIRM_TIMEOUT);
      if (confirmed) {
        message.state = 'confirmed';
        message.confirmedAt = new Date().toISOString();
        const index = submittedPrompts.findIndex((p) => promptMatches(p, message.text));
        if (index >= 0) submittedPrompts.splice(index, 1);
      } else {
        message.state = 'unconfirmed';
        message.error = 'typed into the agent, but the agent did not confirm it in time; it was not typed again';
      }
    } catch (err) {
      message.state = 'failed';
      message.error = rootMessage(err);
    }
    inbox.splice(inbox.indexOf(message), 1);
    recent.push(message);
    if (recent.length > RECENT_MESSAGES_KEPT) recent.shift();
  }

  if (paneId === null) {
    try {
      const launched = await host.launchAgent({ spec });
      paneId = launched.paneId;
      state = 'idle';
    } catch (err) {
      state = 'failed';
      lastError = rootMessage(err);
      await condition(allHandlersFinished);
      return status();
    }
  }

  for (;;) {
    await condition(
      () => stopRequested || inbox.some((m) => m.state === 'queued') || workflowInfo().continueAsNewSuggested,
    );
    if (stopRequested) break;
    const next = inbox.find((m) => m.state === 'queued');
    if (next) {
      await deliver(next);
      continue;
    }
    if (workflowInfo().continueAsNewSuggested) {
      // Waiting senders hold update handlers open; let them finish before handing over.
      await condition(allHandlersFinished);
      const snapshot = { paneId: paneId ?? '', state, startedAt, inbox };
      await continueAsNew<typeof agentWorkflow>({ spec, snapshot });
    }
  }

  // Messages still queued are reported as not delivered rather than silently dropped.
  for (const message of inbox) {
    message.state = 'failed';
    message.error = 'the agent was stopped before this message was delivered';
  }
  if (paneId !== null) await host.stopAgent({ paneId, team: spec.team, agent: spec.agent });
  state = 'stopped';
  await condition(allHandlersFinished);
  return status();
}
