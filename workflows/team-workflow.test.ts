// The team workflow on a real Temporal server, its members' host activities mocked.
import { WorkflowUpdateFailedError, WorkflowUpdateStage } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createHarness, type Harness } from '../testing/workflow-harness.ts';
import { agentWorkflowId, teamWorkflowId } from '../domain/names.ts';
import { stopUpdate } from './agent-messages.ts';
import { addAgentUpdate, awaitAgentStoppedUpdate, awaitAgentsStartedUpdate, stopTeamUpdate } from './team-messages.ts';
import type { TeamAgentLaunch } from './team-types.ts';
import { teamWorkflow } from './team-workflow.ts';

let harness: Harness;

beforeAll(async () => {
  harness = await createHarness(inject('temporalAddress'));
});

afterAll(async () => {
  await harness?.close();
});

function launch(team: string, name: string, role: string): TeamAgentLaunch {
  return {
    name,
    role,
    manager: role === 'project-manager' ? null : `${team}/pm`,
    argv: ['bash'],
    kind: 'generic',
    env: {},
    workspace: 'shared',
    checkinIntervalMs: null,
    gitCheckpointMs: null,
    initialMessage: `You are ${name}.`,
    agentToken: 'orc_agt_test',
  };
}

describe('teamWorkflow', () => {
  it('waits inside the workflow until it counts a member stopped, fails after the wait while it runs, and takes the member back', async () => {
    await harness.run(async () => {
      const team = `t${randomUUID().slice(0, 8)}`;
      const handle = await harness.client.workflow.start(teamWorkflow, {
        taskQueue: harness.taskQueue,
        workflowId: teamWorkflowId(team),
        args: [{ team, projectDir: '/tmp', host: harness.hostName, orcUrl: 'http://127.0.0.1:3000', agents: [launch(team, 'pm', 'project-manager'), launch(team, 'dev', 'engineer')] }],
      });
      await handle.executeUpdate(awaitAgentsStartedUpdate);

      const askedAt = Date.now();
      const running = await handle.executeUpdate(awaitAgentStoppedUpdate, { args: [{ name: 'dev', timeoutMs: 1_000 }] }).catch((err: unknown) => err);
      expect(running).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((running as Error).cause).toMatchObject({ type: 'AgentStillRunning', message: `team ${team} still counts ${team}/dev as started; try again in a moment` });
      expect(Date.now() - askedAt).toBeGreaterThanOrEqual(900);

      // Accepted while the member runs, resolved once the team has seen its workflow end.
      const waiting = await handle.startUpdate(awaitAgentStoppedUpdate, { args: [{ name: 'dev', timeoutMs: 20_000 }], waitForStage: WorkflowUpdateStage.ACCEPTED });
      await harness.client.workflow.getHandle(agentWorkflowId({ team, agent: 'dev' })).executeUpdate(stopUpdate);
      const stopped = await waiting.result();
      expect(stopped.agents.map((a) => [a.name, a.state])).toEqual([['pm', 'started'], ['dev', 'stopped']]);
      // No member of that name: nothing to wait for.
      expect((await handle.executeUpdate(awaitAgentStoppedUpdate, { args: [{ name: 'nobody', timeoutMs: 1_000 }] })).team).toBe(team);
      const refused = await handle.executeUpdate(awaitAgentStoppedUpdate, { args: [{ name: 'dev', timeoutMs: 0 }] }).catch((err: unknown) => err);
      expect(String((refused as Error).cause)).toContain('timeoutMs must be a whole number');

      const relaunched = await handle.executeUpdate(addAgentUpdate, { args: [launch(team, 'dev', 'engineer')] });
      expect(relaunched.agents.map((a) => [a.name, a.state])).toEqual([['pm', 'started'], ['dev', 'started']]);
      const final = await handle.executeUpdate(stopTeamUpdate);
      expect(final).toMatchObject({ state: 'stopped', agents: [{ name: 'pm', state: 'stopped' }, { name: 'dev', state: 'stopped' }] });
    });
  }, 60_000);
});
