// A team `team/<team>`: starts its agents, adds more, answers describe, and stops them all.
//
// Agents are child workflows with parent-close policy ABANDON: the team decides when they
// start and stop, but an agent's life does not hang on the team's run. If the team workflow
// continues as new, or an operator terminates it, its agents keep working and stay reachable
// by their own ids (`agent/<team>/<agent>`), like agents started on their own.
import {
  ParentClosePolicy,
  WorkflowIdReusePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import type { HostQueueActivities } from '../activities/host-queue.ts';
import { agentId, agentWorkflowId, hostTaskQueue } from '../domain/names.ts';
import { stopSignal } from './agent-messages.ts';
import { agentSpecFrom } from './agent-spec.ts';
import { agentWorkflow } from './agent-workflow.ts';
import { addAgentUpdate, awaitAgentsStartedUpdate, describeTeamQuery, stopTeamUpdate } from './team-messages.ts';
import { rootMessage } from './failure-message.ts';
import type { TeamAgentEntry, TeamAgentLaunch, TeamDescription, TeamWorkflowInput } from './team-types.ts';


export async function teamWorkflow(input: TeamWorkflowInput & { agentsSnapshot?: TeamAgentEntry[] }): Promise<TeamDescription> {
  const host = proxyActivities<HostQueueActivities>({
    taskQueue: hostTaskQueue(input.host),
    startToCloseTimeout: '2 minutes',
    scheduleToCloseTimeout: '5 minutes',
    retry: { maximumAttempts: 3, nonRetryableErrorTypes: ['GitError'] },
  });
  let state: TeamDescription['state'] = input.agentsSnapshot ? 'running' : 'starting';
  let stopRequested = false;
  const agents: TeamAgentEntry[] = [...(input.agentsSnapshot ?? [])];
  const children = new Map<string, ChildWorkflowHandle<typeof agentWorkflow>>();

  const describe = (): TeamDescription => ({ team: input.team, projectDir: input.projectDir, host: input.host, state, agents: agents.map((a) => ({ ...a })) });

  async function startAgent(launch: TeamAgentLaunch): Promise<void> {
    const entry: TeamAgentEntry = {
      name: launch.name,
      id: agentId(input.team, launch.name),
      role: launch.role,
      manager: launch.manager,
      workspace: launch.workspace,
      workspaceDir: null,
      state: 'starting',
      error: null,
    };
    // A stopped member launched again (a restart) takes its old entry's place: one entry per name.
    const previous = agents.findIndex((a) => a.name === launch.name);
    if (previous === -1) agents.push(entry);
    else agents.splice(previous, 1, entry);
    try {
      entry.workspaceDir =
        launch.workspace === 'worktree'
          ? (await host.prepareAgentWorktree({ projectDir: input.projectDir, team: input.team, agent: launch.name, worktreeDir: launch.workspaceDir ?? null })).worktreeDir
          : input.projectDir;
      const child = await startChild(agentWorkflow, {
        workflowId: agentWorkflowId({ team: input.team, agent: launch.name }),
        taskQueue: workflowInfo().taskQueue,
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
        args: [
          {
            spec: agentSpecFrom(
              {
                team: input.team,
                agent: launch.name,
                host: input.host,
                projectDir: input.projectDir,
                workspace: launch.workspace,
                workspaceDir: entry.workspaceDir,
                scratchDir: launch.scratchDir ?? null,
                argv: launch.argv,
                kind: launch.kind,
                hooks: launch.hooks !== false,
                envNames: [],
              },
              {
                env: launch.env,
                orcUrl: input.orcUrl,
                agentToken: launch.agentToken,
                role: launch.role,
                manager: launch.manager,
                checkinIntervalMs: launch.checkinIntervalMs,
                gitCheckpointMs: launch.gitCheckpointMs,
                initialMessage: launch.initialMessage,
              },
            ),
          },
        ],
      });
      children.set(launch.name, child);
      entry.state = 'started';
      // Noticed here while this run lasts; an agent that ends on its own (failed) shows so.
      child.result().then(
        (final) => {
          entry.state = final.state === 'failed' ? 'failed' : 'stopped';
          entry.error = final.lastError;
        },
        (err: unknown) => {
          entry.state = 'failed';
          entry.error = rootMessage(err);
        },
      );
    } catch (err) {
      entry.state = 'failed';
      entry.error = rootMessage(err);
    }
  }

  setHandler(describeTeamQuery, describe);

  setHandler(awaitAgentsStartedUpdate, async () => {
    await condition(() => state !== 'starting');
    return describe();
  });

  setHandler(
    addAgentUpdate,
    async (launch) => {
      await startAgent(launch);
      return describe();
    },
    {
      validator: (launch) => {
        if (stopRequested || state === 'stopped') throw new Error(`team ${input.team} is stopping`);
        const existing = agents.find((a) => a.name === launch.name);
        if (existing && existing.state !== 'stopped' && existing.state !== 'failed') {
          throw new Error(`team ${input.team} already has an agent named ${launch.name}`);
        }
      },
    },
  );

  setHandler(stopTeamUpdate, async () => {
    stopRequested = true;
    await condition(() => state === 'stopped');
    return describe();
  });

  if (!input.agentsSnapshot) {
    for (const launch of input.agents) await startAgent(launch);
    state = 'running';
  }

  await condition(() => stopRequested || workflowInfo().continueAsNewSuggested);
  if (!stopRequested) {
    await condition(allHandlersFinished);
    await continueAsNew<typeof teamWorkflow>({ ...input, agents: [], agentsSnapshot: agents });
  }

  state = 'stopping';
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
  state = 'stopped';
  await condition(allHandlersFinished);
  return describe();
}
