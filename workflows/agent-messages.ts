// Signals, queries and updates of the agent workflow, defined beside it so that clients
// (the web API, tests) use the very same typed objects.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ControlOutcome, ControlRequest } from '../domain/agent-controls.ts';
import type { AgentEvent, AgentMessage, AgentStatus, AnswerDialogInput, AwaitDialogAnswerInput, CaptureInput, Checkin, DialogAnswer, QueuedCheckinInput, ScheduleCheckinInput, SendMessageInput } from './agent-types.ts';

export const statusQuery = defineQuery<AgentStatus>('status');

/** The environment given at start, still sealed: a restart passes it on to the new run. */
export const givenEnvQuery = defineQuery<Record<string, string>>('givenEnv');

/** Resolves once the agent's CLI is launched and ready for input (or throws why it could not be). */
export const awaitLaunchUpdate = defineUpdate<AgentStatus>('awaitLaunch');

/** Queues a message and resolves when the agent confirmed it (or delivery gave up). */
export const sendMessageUpdate = defineUpdate<AgentMessage, [SendMessageInput]>('sendMessage');

export const captureUpdate = defineUpdate<{ text: string }, [CaptureInput]>('capture');

export const stopUpdate = defineUpdate<AgentStatus>('stop');

export const agentEventSignal = defineSignal<[AgentEvent]>('agentEvent');

/** Schedules a check-in: a durable timer whose note is delivered to the agent when due. */
export const scheduleCheckinUpdate = defineUpdate<Checkin, [ScheduleCheckinInput]>('scheduleCheckin');

export const cancelCheckinUpdate = defineUpdate<Checkin, [{ id: string }]>('cancelCheckin');

/** Queues a message without waiting for delivery: for workflows (a team, a failing agent) telling an agent something. */
export const enqueueMessageSignal = defineSignal<[SendMessageInput]>('enqueueMessage');

/**
 * Schedules a check-in without waiting on a worker (sent when none answers for the agent): a
 * signal, durable once Temporal accepts it; a repeated id is taken once.
 */
export const scheduleCheckinSignal = defineSignal<[QueuedCheckinInput]>('scheduleCheckinQueued');

/** Asks the agent to stop (from its team, which cannot wait on an update of another workflow). */
export const stopSignal = defineSignal('stop');

/**
 * A person answered a request whose hook had already given up: the host presses the matching
 * key in the agent's own dialog, if that dialog is live and shows this request. A signal, so
 * the answer is durable the moment it is accepted; the outcome is awaited with awaitDialogAnswerUpdate.
 */
export const answerDialogSignal = defineSignal<[AnswerDialogInput]>('answerDialog');

/**
 * What answering the dialog for a request did; null while it is still being done (or unknown).
 * Kept for clients that poll it, from before awaitDialogAnswerUpdate.
 */
export const dialogAnswerQuery = defineQuery<DialogAnswer | null, [{ requestId: string }]>('dialogAnswer');

/**
 * Resolves with what answering the dialog for a request did, once it is done; fails when that
 * takes longer than `timeoutMs` (at most MAX_UPDATE_WAIT_MS). The server sends answerDialogSignal
 * first, then waits here instead of polling dialogAnswerQuery.
 */
export const awaitDialogAnswerUpdate = defineUpdate<DialogAnswer, [AwaitDialogAnswerInput]>('awaitDialogAnswer');

/**
 * A person's control of the agent's CLI (interrupt, permission mode, compact, clear, model):
 * its host presses the keys and reads the screen; resolves with what the screen showed. Refused
 * by its validator while the agent's state forbids it (domain/agent-controls.ts stateRefusal).
 */
export const controlUpdate = defineUpdate<ControlOutcome, [ControlRequest]>('control');
