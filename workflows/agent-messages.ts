// Signals, queries and updates of the agent workflow, defined beside it so that clients
// (the web API, tests) use the very same typed objects.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AgentEvent, AgentMessage, AgentStatus, CaptureInput, SendMessageInput } from './agent-types.ts';

export const statusQuery = defineQuery<AgentStatus>('status');

/** Resolves once the agent's CLI is launched and ready for input (or throws why it could not be). */
export const awaitLaunchUpdate = defineUpdate<AgentStatus>('awaitLaunch');

/** Queues a message and resolves when the agent confirmed it (or delivery gave up). */
export const sendMessageUpdate = defineUpdate<AgentMessage, [SendMessageInput]>('sendMessage');

export const captureUpdate = defineUpdate<{ text: string }, [CaptureInput]>('capture');

export const stopUpdate = defineUpdate<AgentStatus>('stop');

export const agentEventSignal = defineSignal<[AgentEvent]>('agentEvent');
