// What the team workflow knows of its team while one run lasts, shared by its handlers and its
// main loop: the members' entries, the agents this run started, and starting a member (its
// worktree, then its own agent workflow as a child that the team outlives or is outlived by).
import {
  ApplicationFailure,
  ParentClosePolicy,
  WorkflowIdReusePolicy,
  condition,
  proxyActivities,
  startChild,
  workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import type { HostQueueActivities } from '../activities/host-queue.ts';
import { agentId, agentWorkflowId, hostTaskQueue } from '../domain/names.ts';
import { agentSpecFrom } from './agent-spec.ts';
import { agentWorkflow } from './agent-workflow.ts';
import { rootMessage } from './failure-message.ts';
import type { AwaitAgentStoppedInput, TeamAgentEntry, TeamAgentLaunch, TeamDescription, TeamWorkflowInput } from './team-types.ts';

export class TeamRun {
  readonly input: TeamWorkflowInput;
  state: TeamDescription['state'];
  stopRequested = false;
  readonly agents: TeamAgentEntry[];
  /** The agents this run started, by name: the team waits for them when it stops. */
  readonly children = new Map<string, ChildWorkflowHandle<typeof agentWorkflow>>();
  private readonly host: HostQueueActivities;

  constructor(input: TeamWorkflowInput, agentsSnapshot: TeamAgentEntry[] | undefined) {
    this.input = input;
    this.host = proxyActivities<HostQueueActivities>({
      taskQueue: hostTaskQueue(input.host),
      startToCloseTimeout: '2 minutes',
      scheduleToCloseTimeout: '5 minutes',
      retry: { maximumAttempts: 3, nonRetryableErrorTypes: ['GitError'] },
    });
    this.state = agentsSnapshot ? 'running' : 'starting';
    this.agents = [...(agentsSnapshot ?? [])];
  }

  describe(): TeamDescription {
    const { team, projectDir, host } = this.input;
    return { team, projectDir, host, state: this.state, agents: this.agents.map((a) => ({ ...a })) };
  }

  /** Why a member of this name cannot be added now, or null when it can. */
  refusalToAdd(name: string): string | null {
    if (this.stopRequested || this.state === 'stopped') return `team ${this.input.team} is stopping`;
    const existing = this.agents.find((a) => a.name === name);
    if (existing && existing.state !== 'stopped' && existing.state !== 'failed') return `team ${this.input.team} already has an agent named ${name}`;
    return null;
  }

  async awaitAgentsStarted(): Promise<TeamDescription> {
    await condition(() => this.state !== 'starting');
    return this.describe();
  }

  async addAgent(launch: TeamAgentLaunch): Promise<TeamDescription> {
    await this.startAgent(launch);
    return this.describe();
  }

  /**
   * The awaitAgentStopped update: the team notices a member's end a moment after the member's
   * own workflow ends, and a restart through the team waits for that first.
   */
  async awaitAgentStopped({ name, timeoutMs }: AwaitAgentStoppedInput): Promise<TeamDescription> {
    const entry = () => this.agents.find((a) => a.name === name);
    const over = () => {
      const state = entry()?.state;
      return state === undefined || state === 'stopped' || state === 'failed';
    };
    if (!(await condition(over, timeoutMs))) {
      const { team } = this.input;
      throw ApplicationFailure.nonRetryable(`team ${team} still counts ${agentId(team, name)} as ${entry()?.state ?? 'running'}; try again in a moment`, 'AgentStillRunning');
    }
    return this.describe();
  }

  async stop(): Promise<TeamDescription> {
    this.stopRequested = true;
    await condition(() => this.state === 'stopped');
    return this.describe();
  }

  async startAgent(launch: TeamAgentLaunch): Promise<void> {
    const { input } = this;
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
    const previous = this.agents.findIndex((a) => a.name === launch.name);
    if (previous === -1) this.agents.push(entry);
    else this.agents.splice(previous, 1, entry);
    try {
      entry.workspaceDir =
        launch.workspace === 'worktree'
          ? (await this.host.prepareAgentWorktree({ projectDir: input.projectDir, team: input.team, agent: launch.name, worktreeDir: launch.workspaceDir ?? null })).worktreeDir
          : input.projectDir;
      if (launch.setup && launch.workspace === 'worktree' && entry.workspaceDir) {
        // `npm ci` and the like take minutes: a proxy of its own, tried once (its output is in the log either way).
        const setupHost = proxyActivities<HostQueueActivities>({ taskQueue: hostTaskQueue(input.host), startToCloseTimeout: '20 minutes', retry: { maximumAttempts: 1 } });
        await setupHost.setupAgentWorktree({ team: input.team, agent: launch.name, worktreeDir: entry.workspaceDir, command: launch.setup });
      }
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
                sandbox: launch.sandbox ?? { enabled: false, allow: [] },
                mcpServers: launch.mcpServers ?? [],
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
      this.children.set(launch.name, child);
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
}
