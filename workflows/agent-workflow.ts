// The whole life of one agent: launch its CLI in tmux, deliver its inbox one message at a
// time (typed once, then confirmed) when the agent is ready for it, fire its check-ins and
// git checkpoints on durable timers, relaunch it when its process dies, answer status,
// capture its pane, stop it. This file wires the signals, queries and updates to the run's
// state (agent-run.ts) and runs the main loop; each concern lives in its own module.
import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { stateRefusal } from '../domain/agent-controls.ts';
import { MAX_CAPTURE_LINES } from '../domain/pane-text.ts';
import { checkCheckinRequest, checkMessageText, checkWaitMs } from './agent-limits.ts';
import {
  agentEventSignal,
  answerDialogSignal,
  awaitDialogAnswerUpdate,
  awaitLaunchUpdate,
  cancelCheckinUpdate,
  captureUpdate,
  controlUpdate,
  dialogAnswerQuery,
  enqueueMessageSignal,
  givenEnvQuery,
  scheduleCheckinSignal,
  scheduleCheckinUpdate,
  sendMessageUpdate,
  statusQuery,
  stopSignal,
  stopUpdate,
} from './agent-messages.ts';
import { AgentRun } from './agent-run.ts';
import type { AgentStatus, AgentWorkflowInput } from './agent-types.ts';
import { rootMessage } from './failure-message.ts';

export async function agentWorkflow(input: AgentWorkflowInput): Promise<AgentStatus> {
  const agent = new AgentRun(input);
  const { spec, host, pendingRecords, inbox, timers, recovery, dialogs } = agent;

  setHandler(statusQuery, () => agent.status());
  setHandler(givenEnvQuery, () => spec.env);
  setHandler(awaitLaunchUpdate, () => agent.awaitLaunch());
  setHandler(sendMessageUpdate, (message) => inbox.send(message), { validator: ({ text }) => checkMessageText(text, agent.closedReason()) });
  setHandler(enqueueMessageSignal, (message) => inbox.receive(message));
  setHandler(scheduleCheckinUpdate, (request) => timers.schedule(request), {
    validator: (request) => checkCheckinRequest(request, { agentId: agent.agentId, pending: timers.checkins.length, closed: agent.closedReason() }),
  });
  setHandler(scheduleCheckinSignal, (request) => timers.receive(request));
  setHandler(cancelCheckinUpdate, (request) => timers.cancel(request), {
    validator: ({ id }) => {
      if (!timers.has(id)) throw new Error(`no pending check-in ${id} for ${agent.agentId}; list them with: orc checkins`);
    },
  });
  setHandler(captureUpdate, (request) => agent.capture(request), {
    validator: ({ lines }) => {
      if (!Number.isInteger(lines) || lines < 1 || lines > MAX_CAPTURE_LINES) throw new Error(`lines must be a whole number from 1 to ${MAX_CAPTURE_LINES}`);
      if (agent.isClosed()) throw new Error(`agent ${agent.agentId} is ${agent.state}; it has no pane to capture`);
    },
  });
  setHandler(controlUpdate, (request) => agent.control(request), {
    validator: (request) => {
      const refusal = agent.stopRequested ? agent.closedReason() : stateRefusal(agent.state, request.control, agent.agentId);
      if (refusal !== null) throw new Error(refusal);
    },
  });
  setHandler(answerDialogSignal, (answer) => dialogs.answer(answer));
  setHandler(dialogAnswerQuery, ({ requestId }) => dialogs.find(requestId));
  setHandler(awaitDialogAnswerUpdate, (request) => dialogs.awaitAnswer(request), { validator: ({ timeoutMs }) => checkWaitMs(timeoutMs) });
  setHandler(stopUpdate, () => agent.stop());
  setHandler(stopSignal, () => agent.requestStop());
  setHandler(agentEventSignal, (event) => agent.onEvent(event));

  // The launch, the main loop and the end stay here, awaited step by step as they always were:
  // the order of their commands is what the committed histories replay.
  if (agent.paneId === null) {
    try {
      const launched = await host.launchAgent({ spec });
      agent.paneId = launched.paneId;
      agent.state = 'idle';
      // Its CLI showed a dialog orc cannot answer instead of its prompt: a person must answer it first.
      if (launched.blocked) agent.block(launched.blocked);
    } catch (err) {
      agent.state = 'failed';
      agent.lastError = rootMessage(err);
      await condition(allHandlersFinished);
      await Promise.all(pendingRecords);
      return agent.status();
    }
    if (spec.initialMessage) inbox.record(inbox.enqueue(spec.initialMessage, `team:${spec.team}`));
    if (spec.checkinIntervalMs) await timers.fireDueCheckins();
  }

  for (;;) {
    const seenPlan = timers.planVersion;
    const wakeAt = timers.nextTimerAt();
    const woken = () =>
      agent.stopRequested || agent.exitedPane !== null || inbox.hasDeliverable() || timers.planVersion !== seenPlan || workflowInfo().continueAsNewSuggested;
    if (wakeAt === null) await condition(woken);
    else if (wakeAt > Date.now()) await condition(woken, wakeAt - Date.now());
    inbox.endHoldIfDue();
    agent.pause.resumeIfDue();
    if (agent.stopRequested) break;
    if (agent.exitedPane !== null) {
      if (!(await recovery.recover())) break;
      continue;
    }
    await timers.fireDueCheckins();
    await timers.checkpointIfDue();
    const next = inbox.next();
    if (next && inbox.readyForMessage()) {
      await inbox.deliver(next);
      continue;
    }
    if (workflowInfo().continueAsNewSuggested) {
      // Waiting senders hold update handlers open; let them finish before handing over.
      await condition(allHandlersFinished);
      await Promise.all(pendingRecords);
      await continueAsNew<typeof agentWorkflow>({ spec: { ...spec, initialMessage: null }, snapshot: agent.snapshot() });
    }
  }

  inbox.failUndelivered();
  timers.cancelAll();
  if (agent.paneId !== null) {
    const stopped = await host.stopAgent({ paneId: agent.paneId, team: spec.team, agent: spec.agent });
    agent.records.recordPaneHistory(agent.state === 'failed' ? 'failed' : 'stopped', stopped.history);
  }
  await Promise.all(pendingRecords);
  if (agent.state !== 'failed') agent.state = 'stopped';
  await condition(allHandlersFinished);
  return agent.status();
}
