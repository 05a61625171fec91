// The agent workflow on a real Temporal server, with its host activities mocked.
import { WorkflowUpdateFailedError, WorkflowUpdateStage } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createHarness, fakeSpec, type Harness } from '../testing/workflow-harness.ts';
import { agentEventSignal, awaitLaunchUpdate, captureUpdate, sendMessageUpdate, statusQuery, stopUpdate } from './agent-messages.ts';
import type { AgentSpec } from './agent-types.ts';
import { agentWorkflow } from './agent-workflow.ts';

let harness: Harness;

beforeAll(async () => {
  harness = await createHarness(inject('temporalAddress'));
});

afterAll(async () => {
  await harness?.close();
});

function startAgent(overrides: Partial<AgentSpec> = {}) {
  const spec = fakeSpec(harness.hostName, { agent: `a-${randomUUID().slice(0, 8)}`, ...overrides });
  return harness.client.workflow.start(agentWorkflow, {
    taskQueue: harness.taskQueue,
    workflowId: `agent/${spec.team}/${spec.agent}`,
    args: [{ spec }],
  });
}

describe('agentWorkflow', () => {
  it('launches, delivers messages in the order sent, captures and stops', async () => {
    await harness.run(async () => {
      const handle = await startAgent();
      const launched = await handle.executeUpdate(awaitLaunchUpdate);
      expect(launched).toMatchObject({ state: 'idle', paneId: '%1' });

      const texts = ['first', 'second', 'third'];
      // Accepted one after another (as an inbox receives them), completed later.
      const pending = [];
      for (const text of texts) {
        pending.push(await handle.startUpdate(sendMessageUpdate, { args: [{ text, from: 'human:test' }], waitForStage: WorkflowUpdateStage.ACCEPTED }));
      }
      const results = await Promise.all(pending.map((update) => update.result()));
      expect(results.map((m) => m.state)).toEqual(['confirmed', 'confirmed', 'confirmed']);
      const typedForThis = harness.host.typed.filter((t) => t.agentId === handle.workflowId).map((t) => t.text);
      expect(typedForThis).toEqual(texts);
      expect(new Set(results.map((m) => m.id)).size).toBe(3);

      expect(await handle.executeUpdate(captureUpdate, { args: [{ lines: 7 }] })).toEqual({ text: 'fake pane, last 7 lines' });

      const stopsBefore = harness.host.stops;
      const stopped = await handle.executeUpdate(stopUpdate);
      expect(stopped.state).toBe('stopped');
      expect(harness.host.stops).toBe(stopsBefore + 1);
      expect((await handle.result()).state).toBe('stopped');
    });
  });

  it('waits for Claude Code to confirm through its hook before reporting delivery', async () => {
    await harness.run(async () => {
      const handle = await startAgent({ kind: 'claude-code' });
      await handle.executeUpdate(awaitLaunchUpdate);
      harness.host.onType = async (input) => {
        // The hook arrives while the activity is still finishing, as it does for real.
        await handle.signal(agentEventSignal, { kind: 'prompt-submitted', prompt: `${input.text}\n` });
        return { typedAt: new Date().toISOString(), alreadyTyped: false, confirmedByPane: false };
      };
      const message = await handle.executeUpdate(sendMessageUpdate, { args: [{ text: 'hello claude', from: 'human:test' }] });
      expect(message.state).toBe('confirmed');
      expect((await handle.query(statusQuery)).state).toBe('working');
      await handle.signal(agentEventSignal, { kind: 'turn-finished' });
      await expect.poll(() => handle.query(statusQuery).then((s) => s.state)).toBe('idle');
      await handle.executeUpdate(stopUpdate);
    });
  });

  it('reports a failed delivery and goes on with the next message', async () => {
    await harness.run(async () => {
      const handle = await startAgent();
      await handle.executeUpdate(awaitLaunchUpdate);
      const { ApplicationFailure } = await import('@temporalio/common');
      harness.host.onType = (input) => {
        if (input.text === 'breaks') throw ApplicationFailure.nonRetryable('pane is gone', 'PaneGone');
        return { typedAt: new Date().toISOString(), alreadyTyped: false, confirmedByPane: true };
      };
      const failed = await handle.executeUpdate(sendMessageUpdate, { args: [{ text: 'breaks', from: 'human:test' }] });
      expect(failed.state).toBe('failed');
      expect(failed.error).toContain('pane is gone');
      const next = await handle.executeUpdate(sendMessageUpdate, { args: [{ text: 'works', from: 'human:test' }] });
      expect(next.state).toBe('confirmed');
      expect((await handle.query(statusQuery)).recentMessages.map((m) => m.state)).toEqual(['failed', 'confirmed']);
      await handle.executeUpdate(stopUpdate);
    });
  });

  it('rejects empty messages and messages to a stopped agent', async () => {
    await harness.run(async () => {
      const handle = await startAgent();
      await handle.executeUpdate(awaitLaunchUpdate);
      const empty = await handle.executeUpdate(sendMessageUpdate, { args: [{ text: '  ', from: 'human:test' }] }).catch((err: unknown) => err);
      expect(empty).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(String((empty as Error).cause)).toContain('message text is empty');
      await handle.executeUpdate(stopUpdate);
      await expect(handle.executeUpdate(sendMessageUpdate, { args: [{ text: 'late', from: 'human:test' }] })).rejects.toThrow();
    });
  });

  it('fails the launch with the reason, and the workflow ends as failed', async () => {
    await harness.run(async () => {
      const { ApplicationFailure } = await import('@temporalio/common');
      harness.host.onLaunch = () => {
        throw ApplicationFailure.nonRetryable('project directory /nope does not exist on host x', 'ProjectDirMissing');
      };
      try {
        const handle = await startAgent();
        const error = await handle.executeUpdate(awaitLaunchUpdate).catch((err: unknown) => err);
        expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
        expect(String((error as Error).cause)).toContain('project directory /nope does not exist');
        const result = await handle.result();
        expect(result.state).toBe('failed');
        expect(result.lastError).toContain('/nope');
      } finally {
        harness.host.onLaunch = () => ({ paneId: '%1' });
      }
    });
  });
});
