// The whole life of one agent: launch its CLI in tmux, deliver its inbox one message at a
// time (typed once, then confirmed) when the agent is ready for it, fire its check-ins and
// git checkpoints on durable timers, answer status, capture its pane, stop it.
import { ApplicationFailure, allHandlersFinished, condition, continueAsNew, getExternalWorkflowHandle, setHandler, sleep, uuid4, workflowInfo } from '@temporalio/workflow';
import { usesHooks } from '../domain/agent-hooks.ts';
import type { AgentState } from '../domain/agent-state.ts';
import { agentWorkflowId, agentWorkflowIdOf, formatAgentRef } from '../domain/names.ts';
import { MAX_CAPTURE_LINES } from '../domain/pane-text.ts';
import { agentActivities } from './agent-activities.ts';
import { stateAfterEvent } from './agent-events.ts';
import {
  CONFIRM_TIMEOUT,
  DIALOG_ANSWERS_KEPT,
  DIALOG_HOLD_MAX_PAUSE_MS,
  MAX_MESSAGE_CHARS,
  MAX_RESTARTS,
  RECENT_MESSAGES_KEPT,
  STABLE_RUN_MS,
  checkCheckinRequest,
  checkMessageText,
} from './agent-limits.ts';
import {
  agentEventSignal,
  answerDialogSignal,
  awaitLaunchUpdate,
  cancelCheckinUpdate,
  captureUpdate,
  dialogAnswerQuery,
  enqueueMessageSignal,
  scheduleCheckinUpdate,
  sendMessageUpdate,
  givenEnvQuery,
  statusQuery,
  stopSignal,
  stopUpdate,
} from './agent-messages.ts';
import type { AgentEvent, AgentMessage, AgentStatus, AgentWorkflowInput, AnswerDialogInput, Checkin, DialogAnswer } from './agent-types.ts';
import { rootMessage } from './failure-message.ts';
import { promptMatches } from './prompt-match.ts';

export async function agentWorkflow(input: AgentWorkflowInput): Promise<AgentStatus> {
  const { spec } = input;
  const agentId = formatAgentRef(spec);
  /** Claude Code with orc's hooks: it confirms messages and reports its turns through them. */
  const hooked = usesHooks(spec);
  const { host, records, pendingRecords } = agentActivities(spec);

  let state: AgentState = input.snapshot?.state ?? 'provisioning';
  let paneId: string | null = input.snapshot?.paneId ?? null;
  let lastError: string | null = null;
  let stopRequested = false;
  let lastCheckpoint: AgentStatus['lastCheckpoint'] = null;
  let restarts = input.snapshot?.restarts ?? 0;
  let launchedAt = Date.now();
  let exitedPane: { paneId: string; exitStatus: number | null } | null = null;
  const startedAt = input.snapshot?.startedAt ?? new Date().toISOString();
  const inbox: AgentMessage[] = [...(input.snapshot?.inbox ?? [])];
  const checkins: Checkin[] = [...(input.snapshot?.checkins ?? [])];
  let nextCheckpointAt: number | null =
    input.snapshot?.nextCheckpointAt ?? (spec.gitCheckpointMs ? Date.now() + spec.gitCheckpointMs : null);
  // Bumped on every change that could bring a timer forward, so the main loop re-plans.
  let planVersion = 0;
  const recent: AgentMessage[] = [];
  const submittedPrompts: string[] = [];
  /**
   * While a permission dialog open in the agent's pane holds deliveries back (keys typed there
   * would answer it), until when; null when nothing holds them. Tries in a row that found one.
   */
  let heldUntil: number | null = null;
  let heldTries = 0;
  let heldBy: string | null = null;

  const pendingCheckins = () => [...checkins].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));

  const status = (): AgentStatus => ({
    id: agentId,
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
    checkins: pendingCheckins(),
    nextCheckinAt: pendingCheckins()[0]?.dueAt ?? null,
    lastCheckpoint,
    restarts,
    deliveryHeldBy: heldBy,
  });

  const isClosed = () => state === 'stopped' || state === 'failed';
  /** Why the agent takes no more messages or check-ins, or null while it does. */
  const closedReason = () => (isClosed() || stopRequested ? `agent ${agentId} is ${state}; start it again first` : null);

  function enqueue(text: string, from: string): AgentMessage {
    const message: AgentMessage = { id: uuid4(), from, text, state: 'queued', queuedAt: new Date().toISOString() };
    inbox.push(message);
    return message;
  }

  function recordMessage(message: AgentMessage): void {
    records.recordMessage({ team: spec.team, recipient: agentId, message: { ...message } });
  }

  setHandler(statusQuery, status);
  setHandler(givenEnvQuery, () => spec.env);

  setHandler(awaitLaunchUpdate, async () => {
    await condition(() => state !== 'provisioning');
    if (state === 'failed') throw ApplicationFailure.nonRetryable(lastError ?? 'launch failed', 'LaunchFailed');
    return status();
  });

  setHandler(
    sendMessageUpdate,
    async ({ text, from }) => {
      const message = enqueue(text, from);
      recordMessage(message);
      await condition(() => message.state !== 'queued' && message.state !== 'typing');
      return message;
    },
    { validator: ({ text }) => checkMessageText(text, closedReason()) },
  );

  setHandler(enqueueMessageSignal, ({ text, from }) => {
    if (text.trim() === '' || isClosed() || stopRequested) return;
    enqueue(text.slice(0, MAX_MESSAGE_CHARS), from);
  });

  setHandler(
    scheduleCheckinUpdate,
    async ({ delayMs, note, createdBy }) => {
      const checkin: Checkin = { id: uuid4().slice(0, 8), dueAt: new Date(Date.now() + delayMs).toISOString(), note, createdBy };
      checkins.push(checkin);
      planVersion++;
      records.recordCheckin({ team: spec.team, agent: spec.agent, checkin, state: 'pending', at: new Date().toISOString() });
      return checkin;
    },
    { validator: (request) => checkCheckinRequest(request, { agentId, pending: checkins.length, closed: closedReason() }) },
  );

  setHandler(
    cancelCheckinUpdate,
    async ({ id }) => {
      const index = checkins.findIndex((c) => c.id === id);
      const [checkin] = checkins.splice(index, 1);
      if (!checkin) throw ApplicationFailure.nonRetryable(`no pending check-in ${id}`, 'NotFound');
      planVersion++;
      records.recordCheckin({ team: spec.team, agent: spec.agent, checkin, state: 'cancelled', at: new Date().toISOString() });
      return checkin;
    },
    {
      validator: ({ id }) => {
        if (!checkins.some((c) => c.id === id)) throw new Error(`no pending check-in ${id} for ${agentId}; list them with: orc checkins`);
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
        if (!Number.isInteger(lines) || lines < 1 || lines > MAX_CAPTURE_LINES) throw new Error(`lines must be a whole number from 1 to ${MAX_CAPTURE_LINES}`);
        if (isClosed()) throw new Error(`agent ${agentId} is ${state}; it has no pane to capture`);
      },
    },
  );

  const dialogAnswers: DialogAnswer[] = [];
  // One dialog answer at a time: two answers read the same dialog, so the second must look
  // only after the first has pressed its key (it then finds the dialog gone).
  let dialogTurn: Promise<unknown> = Promise.resolve();
  const answerDialogNow = async ({ requestId, decision, subject }: AnswerDialogInput) => {
    let answer: DialogAnswer;
    if (paneId === null || isClosed() || exitedPane !== null) {
      answer = { requestId, pressed: null, detail: `agent ${agentId} is ${state} and shows no dialog; nothing was pressed` };
    } else {
      try {
        answer = await host.answerDialog({ paneId, requestId, decision, subject });
      } catch (err) {
        answer = { requestId, pressed: null, detail: `could not answer the agent's dialog: ${rootMessage(err)}` };
      }
    }
    dialogAnswers.push(answer);
    if (dialogAnswers.length > DIALOG_ANSWERS_KEPT) dialogAnswers.shift();
  };

  // Async, so allHandlersFinished (before continue-as-new and the end) waits for the key press.
  setHandler(answerDialogSignal, async (input) => {
    const turn = dialogTurn.then(() => answerDialogNow(input));
    dialogTurn = turn;
    await turn;
  });

  setHandler(dialogAnswerQuery, ({ requestId }) => dialogAnswers.findLast((a) => a.requestId === requestId) ?? null);

  setHandler(stopUpdate, async () => {
    stopRequested = true;
    await condition(isClosed);
    return status();
  });

  setHandler(stopSignal, () => {
    stopRequested = true;
  });

  setHandler(agentEventSignal, (event: AgentEvent) => {
    // The host saw the dialog go: a held message need not wait out its pause.
    if (event.kind === 'dialog-closed') heldUntil = null;
    if (event.kind === 'exited') {
      // Only the pane this run launched counts; a report about an older one is stale.
      if (event.paneId === paneId && !stopRequested && !isClosed()) {
        exitedPane = { paneId: event.paneId, exitStatus: event.exitStatus };
        state = 'exited';
      }
      return;
    }
    if (state === 'provisioning' || isClosed()) {
      if (event.kind === 'prompt-submitted') submittedPrompts.push(event.prompt);
      return;
    }
    if (event.kind === 'prompt-submitted') {
      submittedPrompts.push(event.prompt);
      if (submittedPrompts.length > 50) submittedPrompts.shift();
    }
    state = stateAfterEvent(state, event, hooked);
  });

  /**
   * Claude Code takes a message only between turns: while it works or a permission dialog is
   * open, messages wait here, in order. Other CLIs (and Claude Code without hooks) give no such
   * signal and get them at once, unless the host found a dialog open in the pane (heldUntil).
   */
  const readyForMessage = () => exitedPane === null && heldUntil === null && (!hooked || state === 'idle');

  /** Relaunches a dead agent with backoff; false when it has failed too often and is given up. */
  async function recover(): Promise<boolean> {
    const exit = exitedPane;
    if (!exit) return true;
    if (Date.now() - launchedAt >= STABLE_RUN_MS) restarts = 0;
    const how = exit.exitStatus === null ? 'its pane was closed' : `its process exited with status ${exit.exitStatus}`;
    if (restarts >= MAX_RESTARTS) {
      state = 'failed';
      lastError = `${how}; given up after ${restarts} relaunches`;
      if (spec.manager) {
        const text = `orc: your teammate ${agentId} has stopped working (${lastError}). Its work so far is in ${spec.workspaceDir ?? spec.projectDir}. Decide what to do, or tell the human.`;
        await getExternalWorkflowHandle(agentWorkflowIdOf(spec.manager)).signal(enqueueMessageSignal, { text, from: 'orc' }).catch(() => undefined);
      }
      return false;
    }
    restarts++;
    lastError = `${how}; relaunch ${restarts} of ${MAX_RESTARTS}`;
    await sleep(Math.min(2 ** restarts * 1000, 60_000));
    if (stopRequested) return true;
    try {
      const relaunched = await host.launchAgent({ spec, resume: true });
      records.recordPaneHistory(`before relaunch ${restarts} (${how})`, relaunched.previousHistory);
      paneId = relaunched.paneId;
      exitedPane = null;
      launchedAt = Date.now();
      state = 'idle';
    } catch (err) {
      // The relaunch itself failed: count it as another death of the same pane.
      lastError = `relaunch failed: ${rootMessage(err)}`;
    }
    return true;
  }

  async function deliver(message: AgentMessage): Promise<void> {
    if (paneId === null) return;
    message.state = 'typing';
    const confirmByPane = !hooked;
    try {
      const typed = await host.typeMessage({
        agentId: agentWorkflowId(spec),
        paneId,
        messageId: message.id,
        text: message.text,
        confirmByPane,
      });
      if (typed.heldByDialog !== undefined) {
        // Nothing was typed. The message stays first in line and is tried again when the host
        // reports the dialog gone, or after a pause that grows while it stays (a person may be away).
        message.state = 'queued';
        heldTries++;
        heldUntil = Date.now() + Math.min(1000 * 2 ** (heldTries - 1), DIALOG_HOLD_MAX_PAUSE_MS);
        heldBy = typed.heldByDialog;
        return;
      }
      heldTries = 0;
      heldBy = null;
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
    recordMessage(message);
  }

  async function fireDueCheckins(): Promise<void> {
    const now = Date.now();
    for (const checkin of pendingCheckins()) {
      if (Date.parse(checkin.dueAt) > now) break;
      checkins.splice(checkins.indexOf(checkin), 1);
      const message = enqueue(`Check-in (scheduled by ${checkin.createdBy}): ${checkin.note}`, `checkin:${checkin.id}`);
      records.recordCheckin({ team: spec.team, agent: spec.agent, checkin, state: 'fired', at: new Date().toISOString() });
      recordMessage(message);
    }
    // A team's cadence: when the agent has nothing scheduled, it gets the next regular check-in.
    if (checkins.length === 0 && spec.checkinIntervalMs) {
      const checkin: Checkin = {
        id: uuid4().slice(0, 8),
        dueAt: new Date(now + spec.checkinIntervalMs).toISOString(),
        note: 'Regular check-in: review your progress, update your manager, and schedule your next step.',
        createdBy: 'team cadence',
      };
      checkins.push(checkin);
      records.recordCheckin({ team: spec.team, agent: spec.agent, checkin, state: 'pending', at: new Date().toISOString() });
    }
  }

  async function checkpointIfDue(): Promise<void> {
    if (nextCheckpointAt === null || Date.now() < nextCheckpointAt || !spec.gitCheckpointMs) return;
    nextCheckpointAt = Date.now() + spec.gitCheckpointMs;
    try {
      const result = await host.checkpointWorkspace({ workspaceDir: spec.workspaceDir ?? spec.projectDir, agentId });
      lastCheckpoint = { at: new Date().toISOString(), outcome: result.outcome === 'committed' ? `committed ${result.commit.slice(0, 12)}` : result.outcome };
    } catch (err) {
      lastCheckpoint = { at: new Date().toISOString(), outcome: `failed: ${rootMessage(err)}` };
    }
  }

  const nextTimerAt = (): number | null => {
    const due = [pendingCheckins()[0]?.dueAt, nextCheckpointAt, heldUntil].map((d) => (typeof d === 'string' ? Date.parse(d) : d));
    const times = due.filter((t): t is number => typeof t === 'number');
    return times.length ? Math.min(...times) : null;
  };

  if (paneId === null) {
    try {
      const launched = await host.launchAgent({ spec });
      paneId = launched.paneId;
      state = 'idle';
    } catch (err) {
      state = 'failed';
      lastError = rootMessage(err);
      await condition(allHandlersFinished);
      await Promise.all(pendingRecords);
      return status();
    }
    if (spec.initialMessage) recordMessage(enqueue(spec.initialMessage, `team:${spec.team}`));
    if (spec.checkinIntervalMs) await fireDueCheckins();
  }

  for (;;) {
    const seenPlan = planVersion;
    const wakeAt = nextTimerAt();
    const hasDeliverable = () => readyForMessage() && inbox.some((m) => m.state === 'queued');
    const woken = () =>
      stopRequested || exitedPane !== null || hasDeliverable() || planVersion !== seenPlan || workflowInfo().continueAsNewSuggested;
    if (wakeAt === null) await condition(woken);
    else if (wakeAt > Date.now()) await condition(woken, wakeAt - Date.now());
    if (heldUntil !== null && Date.now() >= heldUntil) heldUntil = null;
    if (stopRequested) break;
    if (exitedPane !== null) {
      if (!(await recover())) break;
      continue;
    }
    await fireDueCheckins();
    await checkpointIfDue();
    const next = inbox.find((m) => m.state === 'queued');
    if (next && readyForMessage()) {
      await deliver(next);
      continue;
    }
    if (workflowInfo().continueAsNewSuggested) {
      // Waiting senders hold update handlers open; let them finish before handing over.
      await condition(allHandlersFinished);
      await Promise.all(pendingRecords);
      await continueAsNew<typeof agentWorkflow>({
        spec: { ...spec, initialMessage: null },
        snapshot: { paneId: paneId ?? '', state, startedAt, inbox, checkins, nextCheckpointAt, restarts },
      });
    }
  }

  // Messages still queued are reported as not delivered rather than silently dropped.
  for (const message of inbox) {
    message.state = 'failed';
    message.error = state === 'failed' ? `the agent failed before this message was delivered: ${lastError ?? ''}` : 'the agent was stopped before this message was delivered';
    recordMessage(message);
  }
  for (const checkin of checkins.splice(0)) {
    records.recordCheckin({ team: spec.team, agent: spec.agent, checkin, state: 'cancelled', at: new Date().toISOString() });
  }
  if (paneId !== null) {
    const stopped = await host.stopAgent({ paneId, team: spec.team, agent: spec.agent });
    records.recordPaneHistory(state === 'failed' ? 'failed' : 'stopped', stopped.history);
  }
  await Promise.all(pendingRecords);
  if (state !== 'failed') state = 'stopped';
  await condition(allHandlersFinished);
  return status();
}
