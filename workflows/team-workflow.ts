// A team `team/<team>`: starts its agents, adds more, answers describe, and stops them all.
//
// Agents are child workflows with parent-close policy ABANDON: the team decides when they
// start and stop, but an agent's life does not hang on the team's run. If the team workflow
// continues as new, or an operator terminates it, its agents keep working and stay reachable
// by their own ids (`agent/<team>/<agent>`), like agents started on their own.
//
// This file wires the queries and updates to the run's state (team-run.ts) and runs the main
// line: start the members, wait, stop them all.
import { allHandlersFinished, condition, continueAsNew, getExternalWorkflowHandle, setHandler, workflowInfo } from '@temporalio/workflow';
import { agentWorkflowId } from '../domain/names.ts';
import { checkWaitMs } from './agent-limits.ts';
import { stopSignal } from './agent-messages.ts';
import { addAgentUpdate, awaitAgentStoppedUpdate, awaitAgentsStartedUpdate, describeTeamQuery, stopTeamUpdate } from './team-messages.ts';
import { TeamRun } from './team-run.ts';
import type { TeamAgentEntry, TeamDescription, TeamWorkflowInput } from './team-types.ts';

export async function teamWorkflow(input: TeamWorkflowInput & { agentsSnapshot?: TeamAgentEntry[] }): Promise<TeamDescription> {
  const team = new TeamRun(input, input.agentsSnapshot);
  const { agents, children } = team;

  setHandler(describeTeamQuery, () => team.describe());
  setHandler(awaitAgentsStartedUpdate, () => team.awaitAgentsStarted());
  setHandler(addAgentUpdate, (launch) => team.addAgent(launch), {
    validator: (launch) => {
      const refusal = team.refusalToAdd(launch.name);
      if (refusal) throw new Error(refusal);
    },
  });
  setHandler(awaitAgentStoppedUpdate, (request) => team.awaitAgentStopped(request), { validator: ({ timeoutMs }) => checkWaitMs(timeoutMs) });
  setHandler(stopTeamUpdate, () => team.stop());

  if (!input.agentsSnapshot) {
    for (const launch of input.agents) await team.startAgent(launch);
    team.state = 'running';
  }

  await condition(() => team.stopRequested || workflowInfo().continueAsNewSuggested);
  if (!team.stopRequested) {
    await condition(allHandlersFinished);
    await continueAsNew<typeof teamWorkflow>({ ...input, agents: [], agentsSnapshot: agents });
  }

  team.state = 'stopping';
  for (const entry of agents) {
    if (entry.state !== 'started') continue;
    await getExternalWorkflowHandle(agentWorkflowId({ team: input.team, agent: entry.name })).signal(stopSignal).catch(() => undefined);
  }
  // Wait for the agents this run started (each saves its pane history as it stops).
  await Promise.all(
    [...children.entries()].map(async ([name, child]) => {
      const entry = agents.find((a) => a.name === name);
      try {
        await child.result();
      } finally {
        if (entry && entry.state === 'started') entry.state = 'stopped';
      }
    }),
  ).catch(() => undefined);
  for (const entry of agents) if (entry.state === 'started') entry.state = 'stopped';
  team.state = 'stopped';
  await condition(allHandlersFinished);
  return team.describe();
}
