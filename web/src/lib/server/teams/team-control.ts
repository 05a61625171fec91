// What the API does to teams. A team is the workflow `team/<team>` plus its agents' own
// workflows; the teams and agents tables are the registry people list.
import { ApplicationFailure, WorkflowIdConflictPolicy, WorkflowIdReusePolicy, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { agents } from '$db/schema/agents.ts';
import { SANDBOX_ON } from '$domain/sandbox.ts';
import { teams } from '$db/schema/teams.ts';
import { issueToken, revokeAgentTokens } from '$db/tokens.ts';
import { isPlainShell, kindOf, parseAgentCommand } from '$domain/agent-command.ts';
import { WORKFLOW_TASK_QUEUE, agentId, agentWorkflowId, teamWorkflowId } from '$domain/names.ts';
import { firstMessage } from '$domain/roles/first-message.ts';
import { seal, sealValues } from '$domain/sealed-secret.ts';
import { agentPortEnv } from '$domain/teams/ports.ts';
import { managerOf } from '$domain/roles/manager.ts';
import type { TeamSpec } from '$domain/teams/team-spec.ts';
import { awaitLaunchUpdate } from '$workflows/agent-messages.ts';
import { addAgentUpdate, awaitAgentStoppedUpdate, awaitAgentsStartedUpdate, describeTeamQuery, stopTeamUpdate } from '$workflows/team-messages.ts';
import type { TeamAgentLaunch, TeamDescription } from '$workflows/team-types.ts';
import type { teamWorkflow } from '$workflows/team-workflow.ts';
import { agentDirsOnHost, markStopped, registerAgent } from '../agents/agent-registry.ts';
import { expireTimedOut } from '../approvals/request-store.ts';
import { toApiError } from '../temporal/temporal-errors.ts';
import { isWorkflowRunning, temporalClient } from '../temporal/temporal-access.ts';
import type { Services } from '../services.ts';
import { Conflict, Invalid, NotFound, TimedOut } from '../errors.ts';
import { emitInBackground } from '../notifications/emit.ts';

export { teamWorkflowId };


/** Registers the agents (rows and tokens) and returns what the team workflow needs to launch them. */
async function registerAgents(services: Services, spec: TeamSpec, names: string[], host: string, env: Record<string, string>): Promise<TeamAgentLaunch[]> {
  // Workflow inputs stay in Temporal's history for anyone with its UI to read: secrets go sealed.
  const secretKey = await services.secretKey();
  const sealedEnv = sealValues(env, secretKey);
  return services.db.transaction(async (tx) => {
    const launches: TeamAgentLaunch[] = [];
    for (const agent of spec.agents.filter((a) => names.includes(a.name))) {
      const id = agentId(spec.team, agent.name);
      const argv = parseAgentCommand(agent.command);
      const ref = { team: spec.team, agent: agent.name };
      const place = agentDirsOnHost(services.config.dataDir, ref, host, spec.project, agent.workspace);
      await revokeAgentTokens(tx, id);
      await registerAgent(tx, {
        ...ref,
        host,
        projectDir: spec.project,
        workspace: agent.workspace,
        ...place,
        argv,
        kind: kindOf(argv),
        hooks: agent.hooks !== false,
        sandbox: agent.sandbox ?? SANDBOX_ON,
        mcpServers: agent.mcpServers ?? [],
        envNames: Object.keys({ ...env, ...agentPortEnv(spec.ports, spec.agents.indexOf(agent)) }).sort(),
      });
      const token = await issueToken(tx, { role: 'agent', name: `agent ${id}`, agentId: id });
      const manager = managerOf(spec.agents, agent.name);
      launches.push({
        name: agent.name,
        role: agent.role,
        manager: manager ? agentId(spec.team, manager) : null,
        argv,
        kind: kindOf(argv),
        env: { ...sealedEnv, ...sealValues(agentPortEnv(spec.ports, spec.agents.indexOf(agent)), secretKey) },
        workspace: agent.workspace,
        workspaceDir: place.workspaceDir,
        scratchDir: place.scratchDir,
        checkinIntervalMs: agent.checkinIntervalMs,
        gitCheckpointMs: agent.gitCheckpointMs,
        initialMessage: isPlainShell(argv) ? '' : firstMessage({ team: spec, agent: agent.name }),
        agentToken: seal(token.token, secretKey),
        ...(agent.hooks === false ? { hooks: false as const } : {}),
        ...(spec.setup && agent.workspace === 'worktree' ? { setup: spec.setup } : {}),
        sandbox: agent.sandbox ?? SANDBOX_ON,
        ...(agent.mcpServers?.length ? { mcpServers: agent.mcpServers } : {}),
      });
    }
    return launches;
  });
}

async function forgetAgents(services: Services, team: string, names: string[]): Promise<void> {
  if (names.length === 0) return;
  await services.db.delete(agents).where(and(eq(agents.team, team), inArray(agents.name, names)));
  for (const name of names) await revokeAgentTokens(services.db, agentId(team, name));
}

/** Waits for each started agent's CLI to be ready; returns the problems of those that failed. */
async function launchProblems(client: Client, description: TeamDescription): Promise<string[]> {
  const problems: string[] = [];
  await Promise.all(
    description.agents.map(async (agent) => {
      if (agent.state === 'failed') {
        problems.push(`${agent.id}: ${agent.error ?? 'failed to start'}`);
        return;
      }
      try {
        await client.workflow.getHandle(agentWorkflowId({ team: description.team, agent: agent.name })).executeUpdate(awaitLaunchUpdate);
      } catch (err) {
        problems.push(`${agent.id}: ${toApiError(err, agent.id).message}`);
      }
    }),
  );
  return problems;
}

export async function deployTeam(services: Services, spec: TeamSpec, env: Record<string, string> = {}): Promise<TeamDescription> {
  const client = await temporalClient(services, `team ${spec.team}`);
  const workflowId = teamWorkflowId(spec.team);
  if (await isWorkflowRunning(client, workflowId)) {
    throw new Conflict(`team ${spec.team} is already running; stop it first with: orc team stop ${spec.team}`);
  }
  const running = await Promise.all(spec.agents.map(async (a) => ((await isWorkflowRunning(client, agentWorkflowId({ team: spec.team, agent: a.name }))) ? a.name : null)));
  const busy = running.filter((n): n is string => n !== null);
  if (busy.length) {
    throw new Conflict(`agents already running: ${busy.map((n) => agentId(spec.team, n)).join(', ')}; stop them first with orc agent stop`);
  }
  const host = spec.host ?? services.config.defaultHost;
  const names = spec.agents.map((a) => a.name);
  await services.db.insert(teams).values({ name: spec.team, projectDir: spec.project, host, spec, workflowId }).onConflictDoUpdate({
    target: teams.name,
    set: { projectDir: spec.project, host, spec, workflowId, stoppedAt: null, createdAt: new Date() },
  });
  const launches = await registerAgents(services, spec, names, host, env);
  let description: TeamDescription;
  try {
    const handle = await client.workflow.start<typeof teamWorkflow>('teamWorkflow', {
      taskQueue: WORKFLOW_TASK_QUEUE,
      workflowId,
      args: [{ team: spec.team, projectDir: spec.project, host, orcUrl: services.config.publicUrl, agents: launches }],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    });
    description = await handle.executeUpdate(awaitAgentsStartedUpdate);
    const problems = await launchProblems(client, description);
    if (problems.length) {
      // Nothing half-created: a team whose agents could not all launch is taken down whole.
      await handle.executeUpdate(stopTeamUpdate).catch(() => undefined);
      throw new Invalid(`team ${spec.team} was not started: ${problems.join('; ')}`);
    }
    return await handle.query(describeTeamQuery);
  } catch (err) {
    await forgetAgents(services, spec.team, names);
    await services.db.delete(teams).where(eq(teams.name, spec.team));
    throw toApiError(err, `team ${spec.team}`);
  }
}

async function requireTeam(services: Services, team: string) {
  const [row] = await services.db
    .select({ name: teams.name, spec: teams.spec, host: teams.host, stoppedAt: teams.stoppedAt })
    .from(teams)
    .where(eq(teams.name, team))
    .limit(1);
  if (!row || row.stoppedAt) throw new NotFound(`no running team ${team}; see teams with: orc team list`);
  const client = await temporalClient(services, `team ${team}`);
  return { row, client, handle: client.workflow.getHandle<typeof teamWorkflow>(teamWorkflowId(team)) };
}

export async function describeTeam(services: Services, team: string): Promise<TeamDescription> {
  const { handle } = await requireTeam(services, team);
  try {
    return await handle.query(describeTeamQuery);
  } catch (err) {
    throw toApiError(err, `team ${team}`);
  }
}

/** Running teams with their agents; only `team` when it is given. */
export async function listTeams(services: Services, team: string | null = null) {
  const rows = await services.db
    .select({ name: teams.name, projectDir: teams.projectDir, host: teams.host, createdAt: teams.createdAt })
    .from(teams)
    .where(team === null ? isNull(teams.stoppedAt) : and(isNull(teams.stoppedAt), eq(teams.name, team)))
    .orderBy(teams.name);
  const client = await temporalClient(services, 'teams');
  return Promise.all(
    rows.map(async (row) => {
      const description = await client.workflow.getHandle(teamWorkflowId(row.name)).query(describeTeamQuery).catch(() => null);
      return {
        team: row.name,
        projectDir: row.projectDir,
        host: row.host,
        createdAt: row.createdAt.toISOString(),
        state: description?.state ?? 'unknown',
        agents: description?.agents.map((a) => ({ id: a.id, role: a.role, state: a.state })) ?? [],
      };
    }),
  );
}

export async function stopTeam(services: Services, team: string): Promise<TeamDescription> {
  const { handle } = await requireTeam(services, team);
  try {
    const description = await handle.executeUpdate(stopTeamUpdate);
    const now = new Date();
    await services.db.update(teams).set({ stoppedAt: now }).where(eq(teams.name, team));
    await services.db.update(agents).set({ stoppedAt: now }).where(and(eq(agents.team, team), isNull(agents.stoppedAt)));
    for (const agent of description.agents) await revokeAgentTokens(services.db, agent.id);
    await expireTimedOut(services.db, { team }, 'the team was stopped');
    // The web app is where a team ends (every stop goes through here), so it tells the webhooks.
    emitInBackground(services, { id: `team-finished-${team}-${now.getTime()}`, kind: 'team-finished', at: now.toISOString(), team, agent: null, summary: `team ${team} finished: its ${description.agents.length} agents stopped` });
    return description;
  } catch (err) {
    throw toApiError(err, `team ${team}`);
  }
}

export async function addAgentToTeam(services: Services, team: string, agent: TeamSpec['agents'][number], env: Record<string, string> = {}): Promise<TeamDescription> {
  const { row, client, handle } = await requireTeam(services, team);
  const spec = row.spec as TeamSpec;
  if (spec.agents.some((a) => a.name === agent.name)) {
    throw new Conflict(`team ${team} already has an agent named ${agent.name}`);
  }
  const grown: TeamSpec = { ...spec, agents: [...spec.agents, agent] };
  const [launch] = await registerAgents(services, grown, [agent.name], row.host, env);
  if (!launch) throw new Error('agent registration produced nothing');
  try {
    const description = await handle.executeUpdate(addAgentUpdate, { args: [launch] });
    const added = description.agents.filter((a) => a.name === agent.name);
    const problems = await launchProblems(client, { ...description, agents: added });
    if (problems.length) throw new Invalid(problems.join('; '));
    await services.db.update(teams).set({ spec: grown }).where(eq(teams.name, team));
    return await handle.query(describeTeamQuery);
  } catch (err) {
    await forgetAgents(services, team, [agent.name]);
    throw toApiError(err, agentId(team, agent.name));
  }
}

/** How long a restart waits for the team to count the member stopped. */
const STOPPED_WAIT_MS = 15_000;
/** Beyond the workflow's own wait: the call gives up even if no worker picks the update up. */
const CALL_SLACK_MS = 5_000;

/**
 * Launches a stopped member of a running team again through its team, so that it keeps its
 * role, manager and first message and the team keeps watching it. The team notices the stop a
 * moment after the agent's own workflow ends, so the relaunch waits for that first.
 */
export async function relaunchTeamAgent(services: Services, team: string, name: string, env: Record<string, string> = {}): Promise<TeamDescription> {
  const { row, client, handle } = await requireTeam(services, team);
  const spec = row.spec as TeamSpec;
  if (!spec.agents.some((a) => a.name === name)) throw new NotFound(`team ${team} has no agent named ${name}`);
  try {
    await client.withDeadline(Date.now() + STOPPED_WAIT_MS + CALL_SLACK_MS, () =>
      handle.executeUpdate(awaitAgentStoppedUpdate, { args: [{ name, timeoutMs: STOPPED_WAIT_MS }] }),
    );
  } catch (err) {
    // The team's own words: "team <team> still counts <team>/<name> as started; try again in a moment".
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === 'AgentStillRunning') {
      throw new TimedOut(err.cause.message, { cause: err });
    }
    throw toApiError(err, `team ${team}`);
  }
  const [launch] = await registerAgents(services, spec, [name], row.host, env);
  if (!launch) throw new Error('agent registration produced nothing');
  try {
    const description = await handle.executeUpdate(addAgentUpdate, { args: [launch] });
    const problems = await launchProblems(client, { ...description, agents: description.agents.filter((a) => a.name === name) });
    if (problems.length) throw new Invalid(problems.join('; '));
    return await handle.query(describeTeamQuery);
  } catch (err) {
    // Not running after all: the row says so and its token no longer works.
    await markStopped(services.db, { team, agent: name });
    await revokeAgentTokens(services.db, agentId(team, name));
    throw toApiError(err, agentId(team, name));
  }
}

/** Whether `name` is a member of the running team `team` (as opposed to an agent started on its own). */
export async function runningTeamHas(services: Services, team: string, name: string): Promise<boolean> {
  const [row] = await services.db.select({ spec: teams.spec }).from(teams).where(and(eq(teams.name, team), isNull(teams.stoppedAt))).limit(1);
  return row !== undefined && (row.spec as TeamSpec).agents.some((a) => a.name === name);
}
