// Queries and updates of the team workflow, shared with its clients.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AwaitAgentStoppedInput, TeamAgentLaunch, TeamDescription } from './team-types.ts';

export const describeTeamQuery = defineQuery<TeamDescription>('describe');

/** Resolves once every agent of the team has been started (or failed to start). */
export const awaitAgentsStartedUpdate = defineUpdate<TeamDescription>('awaitAgentsStarted');

export const addAgentUpdate = defineUpdate<TeamDescription, [TeamAgentLaunch]>('addAgent');

/** Stops every agent (each saves its pane history), then the team. */
export const stopTeamUpdate = defineUpdate<TeamDescription>('stopTeam');

/**
 * Resolves once the team counts the member stopped or failed (or has no member of that name);
 * fails when that takes longer than `timeoutMs`. A restart waits here before addAgentUpdate.
 */
export const awaitAgentStoppedUpdate = defineUpdate<TeamDescription, [AwaitAgentStoppedInput]>('awaitAgentStopped');
