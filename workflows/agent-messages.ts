// Signals, queries and updates of the agent workflow, defined beside it so that clients
// (the web API, tests) use the very same typed objects.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AgentEvent, AgentMessage, AgentStatus, CaptureInput, Checkin, ScheduleCheckinInput, SendMessageInput } from './agent-types.ts';

export const statusQuery = defineQuery<AgentStatus>('status');

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

/** Asks the agent to stop (from its team, which cannot wait on an update of another workflow). */
export const stopSignal = defineSignal('stop');
