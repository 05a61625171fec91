// Recorded agent-workflow runs. Their histories are committed (workflows/histories) and
// replayed by the tests, so a change to the workflow that would break running agents fails CI.
import { WorkflowUpdateStage } from '@temporalio/client';
import { agentEventSignal, awaitLaunchUpdate, captureUpdate, sendMessageUpdate, stopUpdate } from '../workflows/agent-messages.ts';
import { agentWorkflow } from '../workflows/agent-workflow.ts';
import { addAgentUpdate, awaitAgentsStartedUpdate, stopTeamUpdate } from '../workflows/team-messages.ts';
import type { TeamAgentLaunch } from '../workflows/team-types.ts';
import { teamWorkflow } from '../workflows/team-workflow.ts';
import { fakeSpec, type Harness } from './workflow-harness.ts';
import { agentWorkflowId, teamWorkflowId } from '../domain/names.ts';

export interface Scenario {
  name: string;
  /** Runs the scenario to the workflow's end and returns its workflow id. */
  run(harness: Harness): Promise<string>;
}

export const workflowScenarios: Scenario[] = [
  {
    name: 'agent-generic-lifecycle',
    async run(harness) {
      const spec = fakeSpec(harness.hostName, { agent: 'generic' });
      const handle = await harness.client.workflow.start(agentWorkflow, {
        taskQueue: harness.taskQueue,
        workflowId: `${agentWorkflowId(spec)}-${Date.now()}`,
        args: [{ spec }],
      });
      await handle.executeUpdate(awaitLaunchUpdate);
      const first = await handle.startUpdate(sendMessageUpdate, { args: [{ text: 'echo one', from: 'human:admin' }], waitForStage: WorkflowUpdateStage.ACCEPTED });
      const second = await handle.startUpdate(sendMessageUpdate, { args: [{ text: 'echo two', from: 'human:admin' }], waitForStage: WorkflowUpdateStage.ACCEPTED });
      await Promise.all([first.result(), second.result()]);
      await handle.executeUpdate(captureUpdate, { args: [{ lines: 20 }] });
      await handle.executeUpdate(stopUpdate);
      await handle.result();
      return handle.workflowId;
    },
  },
  {
    name: 'agent-claude-code-confirmed',
    async run(harness) {
      const spec = fakeSpec(harness.hostName, { agent: 'claude', kind: 'claude-code', argv: ['claude', '--permission-mode', 'default'] });
      const handle = await harness.client.workflow.start(agentWorkflow, {
        taskQueue: harness.taskQueue,
        workflowId: `${agentWorkflowId(spec)}-${Date.now()}`,
        args: [{ spec }],
      });
      await handle.executeUpdate(awaitLaunchUpdate);
      harness.host.onType = async (input) => {
        await handle.signal(agentEventSignal, { kind: 'prompt-submitted', prompt: input.text });
        return { typedAt: new Date().toISOString(), alreadyTyped: false, confirmedByPane: false };
      };
      await handle.executeUpdate(sendMessageUpdate, { args: [{ text: 'reply with pong', from: 'human:admin' }] });
      await handle.signal(agentEventSignal, { kind: 'turn-finished' });
      await handle.executeUpdate(stopUpdate);
      await handle.result();
      return handle.workflowId;
    },
  },
  {
    name: 'team-lifecycle',
    async run(harness) {
      const team = `rt${Date.now().toString(36)}`;
      const launch = (name: string, role: string, workspace: 'shared' | 'worktree'): TeamAgentLaunch => ({
        name,
        role,
        manager: role === 'project-manager' ? null : `${team}/pm`,
        argv: ['bash'],
        kind: 'generic',
        env: {},
        workspace,
        checkinIntervalMs: null,
        gitCheckpointMs: null,
        initialMessage: `You are ${name}.`,
        agentToken: 'orc_agt_test',
      });
      const handle = await harness.client.workflow.start(teamWorkflow, {
        taskQueue: harness.taskQueue,
        workflowId: teamWorkflowId(team),
        args: [{ team, projectDir: '/tmp', host: harness.hostName, orcUrl: 'http://127.0.0.1:3000', agents: [launch('pm', 'project-manager', 'shared'), launch('api', 'engineer', 'worktree')] }],
      });
      await handle.executeUpdate(awaitAgentsStartedUpdate);
      await handle.executeUpdate(addAgentUpdate, { args: [launch('qa', 'qa', 'shared')] });
      await handle.executeUpdate(stopTeamUpdate);
      await handle.result();
      return handle.workflowId;
    },
  },
  {
    name: 'agent-delivery-held-by-dialog',
    async run(harness) {
      const spec = fakeSpec(harness.hostName, { agent: 'held', kind: 'claude-code', argv: ['claude'], hooks: false });
      const handle = await harness.client.workflow.start(agentWorkflow, {
        taskQueue: harness.taskQueue,
        workflowId: `${agentWorkflowId(spec)}-${Date.now()}`,
        args: [{ spec }],
      });
      await handle.executeUpdate(awaitLaunchUpdate);
      // A dialog is open for the first two tries (the second after the pause's timer), gone by the third.
      let tries = 0;
      harness.host.onType = () => {
        tries++;
        if (tries <= 2) return { typedAt: new Date().toISOString(), alreadyTyped: false, confirmedByPane: false, heldByDialog: 'a permission dialog of codex is open in the agent\'s pane' };
        return { typedAt: new Date().toISOString(), alreadyTyped: false, confirmedByPane: true };
      };
      const sending = handle.startUpdate(sendMessageUpdate, { args: [{ text: 'after the dialog', from: 'human:admin' }], waitForStage: WorkflowUpdateStage.ACCEPTED });
      while (tries < 2) await new Promise((resolve) => setTimeout(resolve, 50));
      await handle.signal(agentEventSignal, { kind: 'dialog-closed' });
      await (await sending).result();
      await handle.executeUpdate(stopUpdate);
      await handle.result();
      return handle.workflowId;
    },
  },
];
