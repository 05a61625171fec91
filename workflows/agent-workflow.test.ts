// The agent workflow on a real Temporal server, with its host activities mocked.
import { WorkflowUpdateFailedError, WorkflowUpdateStage } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createHarness, fakeSpec, type Harness } from '../testing/workflow-harness.ts';
import {
  agentEventSignal,
  answerDialogSignal,
  awaitDialogAnswerUpdate,
  awaitLaunchUpdate,
  cancelCheckinUpdate,
  captureUpdate,
  controlUpdate,
  dialogAnswerQuery,
  enqueueMessageSignal,
  scheduleCheckinSignal,
  scheduleCheckinUpdate,
  sendMessageUpdate,
  statusQuery,
  stopUpdate,
} from './agent-messages.ts';
import type { AgentSpec } from './agent-types.ts';
import { agentWorkflow } from './agent-workflow.ts';

let harness: Harness;

beforeAll(async () => {
  harness = await createHarness(inject('temporalAddress'));
});

afterAll(async () => {
  await harness?.close();
});

beforeEach(() => {
  // Each test scripts the fake host afresh; a script left by another test would act on its workflows.
  harness.host.onType = () => ({ typedAt: new Date().toISOString(), alreadyTyped: false, confirmedByPane: true });
  harness.host.onLaunch = () => ({ paneId: '%1' });
  harness.host.onAnswerDialog = (input) => ({ requestId: input.requestId, pressed: input.decision === 'allow' ? '1' : '4', detail: 'pressed in the fake dialog' });
  harness.host.onControl = (input) => ({ control: input.request.control, done: true, detail: 'done on the fake screen', screen: 'fake screen' });
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

  it('Claude Code without hooks: messages are confirmed from its pane at once, and a closed dialog ends the wait for approval', async () => {
    await harness.run(async () => {
      const handle = await startAgent({ kind: 'claude-code', argv: ['claude'], hooks: false });
      await handle.executeUpdate(awaitLaunchUpdate);
      let confirmByPane: boolean | undefined;
      harness.host.onType = (input) => {
        confirmByPane = input.confirmByPane;
        return { typedAt: new Date().toISOString(), alreadyTyped: false, confirmedByPane: true };
      };
      // Waiting for approval (told by the hook endpoint for the screen fallback) does not hold messages back.
      await handle.signal(agentEventSignal, { kind: 'permission-requested', tool: 'Bash' });
      await expect.poll(() => handle.query(statusQuery).then((s) => s.state)).toBe('waiting-approval');
      const message = await handle.executeUpdate(sendMessageUpdate, { args: [{ text: 'hello', from: 'human:test' }] });
      expect(message.state).toBe('confirmed');
      expect(confirmByPane).toBe(true);
      await handle.signal(agentEventSignal, { kind: 'dialog-closed' });
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

  it('keeps a message queued while a dialog is open in the pane, tries again with growing pauses, and delivers it once the dialog closes', async () => {
    await harness.run(async () => {
      const handle = await startAgent({ kind: 'claude-code', argv: ['claude'], hooks: false });
      await handle.executeUpdate(awaitLaunchUpdate);
      let dialogOpen = true;
      const tries: number[] = [];
      harness.host.onType = () => {
        tries.push(Date.now());
        if (dialogOpen) return { typedAt: new Date().toISOString(), alreadyTyped: false, confirmedByPane: false, heldByDialog: 'a permission dialog of codex is open in the agent\'s pane' };
        return { typedAt: new Date().toISOString(), alreadyTyped: false, confirmedByPane: true };
      };
      const update = await handle.startUpdate(sendMessageUpdate, { args: [{ text: 'after the dialog', from: 'human:test' }], waitForStage: WorkflowUpdateStage.ACCEPTED });
      // Tried at once, then after 1 s and 2 s more: still queued, and the status says why.
      await expect.poll(() => tries.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
      expect(tries[2]! - tries[1]!).toBeGreaterThan(tries[1]! - tries[0]! + 500);
      const held = await handle.query(statusQuery);
      expect(held).toMatchObject({ inbox: 1, recentMessages: [], deliveryHeldBy: 'a permission dialog of codex is open in the agent\'s pane' });
      // The host reports the dialog gone: the next try comes at once, not after the pause (4 s by now).
      dialogOpen = false;
      const closedAt = Date.now();
      await handle.signal(agentEventSignal, { kind: 'dialog-closed' });
      const message = await update.result();
      expect(message.state).toBe('confirmed');
      expect(Date.now() - closedAt).toBeLessThan(3000);
      expect(await handle.query(statusQuery)).toMatchObject({ inbox: 0, deliveryHeldBy: null });
      await handle.executeUpdate(stopUpdate);
    });
  });

  it('carries a control to the host once; an interrupt seen done leaves the agent idle; a dialog waiting refuses controls', async () => {
    await harness.run(async () => {
      const handle = await startAgent({ kind: 'claude-code', argv: ['claude'] });
      await handle.executeUpdate(awaitLaunchUpdate);
      await handle.signal(agentEventSignal, { kind: 'prompt-submitted', prompt: 'work' });
      await expect.poll(() => handle.query(statusQuery).then((s) => s.state)).toBe('working');
      // Only an interrupt while it works.
      const mode = await handle.executeUpdate(controlUpdate, { args: [{ control: 'mode', mode: 'plan' }] }).catch((err: unknown) => err);
      expect(String((mode as Error).cause)).toContain('is working; interrupt it first');
      const before = harness.host.controls.length;
      const outcome = await handle.executeUpdate(controlUpdate, { args: [{ control: 'interrupt' }] });
      expect(outcome).toMatchObject({ control: 'interrupt', done: true });
      expect(harness.host.controls.slice(before)).toMatchObject([{ paneId: '%1', kind: 'claude-code', request: { control: 'interrupt' } }]);
      expect((await handle.query(statusQuery)).state).toBe('idle');

      // A control the screen did not confirm changes nothing, and is not tried again.
      harness.host.onControl = (input) => ({ control: input.request.control, done: false, detail: 'not seen', screen: '' });
      await handle.signal(agentEventSignal, { kind: 'prompt-submitted', prompt: 'work again' });
      await expect.poll(() => handle.query(statusQuery).then((s) => s.state)).toBe('working');
      expect(await handle.executeUpdate(controlUpdate, { args: [{ control: 'interrupt' }] })).toMatchObject({ done: false });
      expect(harness.host.controls.length).toBe(before + 2);
      expect((await handle.query(statusQuery)).state).toBe('working');

      await handle.signal(agentEventSignal, { kind: 'permission-requested', tool: 'Bash' });
      await expect.poll(() => handle.query(statusQuery).then((s) => s.state)).toBe('waiting-approval');
      const refused = await handle.executeUpdate(controlUpdate, { args: [{ control: 'interrupt' }] }).catch((err: unknown) => err);
      expect(String((refused as Error).cause)).toContain('waits for a permission decision');
      expect(harness.host.controls.length).toBe(before + 2);
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

  it('answers the agent\'s own dialog on the host, one answer at a time, and reports each outcome', async () => {
    await harness.run(async () => {
      const handle = await startAgent({ kind: 'claude-code', argv: ['claude'] });
      await handle.executeUpdate(awaitLaunchUpdate);
      let dialogOpen = true;
      harness.host.onAnswerDialog = async (input) => {
        // A second answer for the same dialog must find it already answered.
        await new Promise((resolve) => setTimeout(resolve, 100));
        if (!dialogOpen) return { requestId: input.requestId, pressed: null, detail: 'no permission dialog is showing' };
        dialogOpen = false;
        return { requestId: input.requestId, pressed: '1', detail: 'pressed 1 (Yes)' };
      };
      expect(await handle.query(dialogAnswerQuery, { requestId: 'aaaaaaaaaa' })).toBeNull();
      await handle.signal(answerDialogSignal, { requestId: 'aaaaaaaaaa', decision: 'allow', subject: 'npm test' });
      await handle.signal(answerDialogSignal, { requestId: 'bbbbbbbbbb', decision: 'deny', subject: 'npm test' });
      await expect.poll(() => handle.query(dialogAnswerQuery, { requestId: 'bbbbbbbbbb' }), { timeout: 10_000 }).not.toBeNull();
      expect(await handle.query(dialogAnswerQuery, { requestId: 'aaaaaaaaaa' })).toEqual({ requestId: 'aaaaaaaaaa', pressed: '1', detail: 'pressed 1 (Yes)' });
      expect(await handle.query(dialogAnswerQuery, { requestId: 'bbbbbbbbbb' })).toMatchObject({ pressed: null });
      expect(harness.host.dialogAnswers.filter((a) => a.requestId === 'aaaaaaaaaa')).toEqual([{ paneId: '%1', requestId: 'aaaaaaaaaa', decision: 'allow', subject: 'npm test' }]);
      await handle.executeUpdate(stopUpdate);
    });
  });

  it('waits inside the workflow for what a dialog answer did, and fails after the wait when nothing comes', async () => {
    await harness.run(async () => {
      const handle = await startAgent({ kind: 'claude-code', argv: ['claude'] });
      await handle.executeUpdate(awaitLaunchUpdate);
      harness.host.onAnswerDialog = async (input) => {
        await new Promise((resolve) => setTimeout(resolve, 500));
        return { requestId: input.requestId, pressed: '1', detail: 'pressed 1 (Yes)' };
      };
      await handle.signal(answerDialogSignal, { requestId: 'cccccccccc', decision: 'allow', subject: 'npm test' });
      // Sent at once after the signal, as the server does: resolves only when the key is pressed.
      const answer = await handle.executeUpdate(awaitDialogAnswerUpdate, { args: [{ requestId: 'cccccccccc', timeoutMs: 10_000 }] });
      expect(answer).toEqual({ requestId: 'cccccccccc', pressed: '1', detail: 'pressed 1 (Yes)' });
      // Asked again once the outcome is there: at once.
      expect(await handle.executeUpdate(awaitDialogAnswerUpdate, { args: [{ requestId: 'cccccccccc', timeoutMs: 1_000 }] })).toEqual(answer);

      const askedAt = Date.now();
      const none = await handle.executeUpdate(awaitDialogAnswerUpdate, { args: [{ requestId: 'dddddddddd', timeoutMs: 1_000 }] }).catch((err: unknown) => err);
      expect(none).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((none as Error).cause).toMatchObject({ type: 'DialogAnswerTimeout', message: 'the dialog answer for request dddddddddd was not done within 1 s' });
      expect(Date.now() - askedAt).toBeGreaterThanOrEqual(900);
      const tooLong = await handle.executeUpdate(awaitDialogAnswerUpdate, { args: [{ requestId: 'dddddddddd', timeoutMs: 3_600_000 }] }).catch((err: unknown) => err);
      expect(String((tooLong as Error).cause)).toContain('timeoutMs must be a whole number of milliseconds from 1 to 60000');

      // Pressed once, however often its outcome was asked for.
      expect(harness.host.dialogAnswers.filter((a) => a.requestId === 'cccccccccc')).toHaveLength(1);
      await handle.executeUpdate(stopUpdate);
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

describe('agentWorkflow check-ins', () => {
  it('fires each check-in once, in due order, as a message carrying its note', async () => {
    await harness.run(async () => {
      const handle = await startAgent();
      await handle.executeUpdate(awaitLaunchUpdate);
      const later = await handle.executeUpdate(scheduleCheckinUpdate, { args: [{ delayMs: 2_500, note: 'second', createdBy: 'wf/dev' }] });
      const sooner = await handle.executeUpdate(scheduleCheckinUpdate, { args: [{ delayMs: 1_200, note: 'first', createdBy: 'wf/dev' }] });
      expect((await handle.query(statusQuery)).nextCheckinAt).toBe(sooner.dueAt);
      await expect
        .poll(() => harness.host.typed.filter((t) => t.agentId === handle.workflowId).map((t) => t.text), { timeout: 10_000 })
        .toEqual(['Check-in (scheduled by wf/dev): first', 'Check-in (scheduled by wf/dev): second']);
      // Typed is not yet done: the workflow files the message once the activity's result is in.
      await expect.poll(async () => (await handle.query(statusQuery)).recentMessages.length, { timeout: 10_000 }).toBe(2);
      const status = await handle.query(statusQuery);
      expect(status.checkins).toEqual([]);
      expect(Date.parse(status.recentMessages[1]?.queuedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(later.dueAt));
      await handle.executeUpdate(stopUpdate);
    });
  });

  it('cancels a pending check-in, and refuses unknown ids and bad delays', async () => {
    await harness.run(async () => {
      const handle = await startAgent();
      await handle.executeUpdate(awaitLaunchUpdate);
      const checkin = await handle.executeUpdate(scheduleCheckinUpdate, { args: [{ delayMs: 60_000, note: 'later', createdBy: 'human:admin' }] });
      expect((await handle.executeUpdate(cancelCheckinUpdate, { args: [{ id: checkin.id }] })).id).toBe(checkin.id);
      expect((await handle.query(statusQuery)).checkins).toEqual([]);
      const unknown = await handle.executeUpdate(cancelCheckinUpdate, { args: [{ id: checkin.id }] }).catch((err: unknown) => err);
      expect(String((unknown as Error).cause)).toContain(`no pending check-in ${checkin.id}`);
      const tooSoon = await handle.executeUpdate(scheduleCheckinUpdate, { args: [{ delayMs: 10, note: 'x', createdBy: 'human:admin' }] }).catch((err: unknown) => err);
      expect(String((tooSoon as Error).cause)).toContain('between 1 second and 30 days');
      await handle.executeUpdate(stopUpdate);
    });
  });

  it('holds messages for Claude Code while it works, then delivers them in order', async () => {
    await harness.run(async () => {
      const handle = await startAgent({ kind: 'claude-code' });
      await handle.executeUpdate(awaitLaunchUpdate);
      harness.host.onType = async (input) => {
        await handle.signal(agentEventSignal, { kind: 'prompt-submitted', prompt: input.text });
        return { typedAt: new Date().toISOString(), alreadyTyped: false, confirmedByPane: false };
      };
      await handle.signal(agentEventSignal, { kind: 'prompt-submitted', prompt: 'typed by a person at the terminal' });
      const first = await handle.startUpdate(sendMessageUpdate, { args: [{ text: 'one', from: 'wf/pm' }], waitForStage: WorkflowUpdateStage.ACCEPTED });
      const second = await handle.startUpdate(sendMessageUpdate, { args: [{ text: 'two', from: 'wf/pm' }], waitForStage: WorkflowUpdateStage.ACCEPTED });
      await new Promise((r) => setTimeout(r, 500));
      expect(harness.host.typed.filter((t) => t.agentId === handle.workflowId)).toHaveLength(0);
      expect((await handle.query(statusQuery)).inbox).toBe(2);
      await handle.signal(agentEventSignal, { kind: 'turn-finished' });
      expect((await first.result()).state).toBe('confirmed');
      // The first message started a new turn: the second waits for that turn to finish.
      expect((await handle.query(statusQuery)).state).toBe('working');
      await handle.signal(agentEventSignal, { kind: 'turn-finished' });
      expect((await second.result()).state).toBe('confirmed');
      expect(harness.host.typed.filter((t) => t.agentId === handle.workflowId).map((t) => t.text)).toEqual(['one', 'two']);
      await handle.executeUpdate(stopUpdate);
    });
  });
});

describe('agentWorkflow on a usage limit', () => {
  it('pauses until the limit resets, holds messages and check-ins meanwhile, then resumes by itself with the resume message first', async () => {
    await harness.run(async () => {
      const handle = await startAgent({ kind: 'claude-code' });
      await handle.executeUpdate(awaitLaunchUpdate);
      harness.host.onType = async (input) => {
        await handle.signal(agentEventSignal, { kind: 'prompt-submitted', prompt: input.text });
        return { typedAt: new Date().toISOString(), alreadyTyped: false, confirmedByPane: false };
      };
      const typed = () => harness.host.typed.filter((t) => t.agentId === handle.workflowId).map((t) => t.text);
      await handle.signal(agentEventSignal, { kind: 'prompt-submitted', prompt: 'work on the feature' });
      const message = 'API Error: Request rejected (429) · This request would exceed your account\'s rate limit.';
      const hitAt = Date.now();
      await handle.signal(agentEventSignal, { kind: 'limit-reached', message, resetAt: null, retryAfterMs: 2_000 });
      const paused = await handle.query(statusQuery);
      expect(paused.state).toBe('paused');
      expect(paused.pauseReason).toBe(message);
      // The back-off, plus a jitter of at most a tenth of it (at least a second) to spread a host's agents.
      const until = Date.parse(paused.pausedUntil ?? '');
      expect(until - hitAt).toBeGreaterThanOrEqual(1_900);
      expect(until - hitAt).toBeLessThan(2_000 + 1_000 + 1_000);
      const waiting = await handle.startUpdate(sendMessageUpdate, { args: [{ text: 'sent while paused', from: 'wf/pm' }], waitForStage: WorkflowUpdateStage.ACCEPTED });
      await handle.executeUpdate(scheduleCheckinUpdate, { args: [{ delayMs: 1_000, note: 'due while paused', createdBy: 'wf/pm' }] });
      await new Promise((r) => setTimeout(r, 1_500));
      expect(typed()).toEqual([]);
      // Resumed by its own timer: the resume message first, then what waited, one turn each.
      await expect.poll(typed, { timeout: 10_000 }).toEqual([expect.stringContaining('the usage limit has reset')]);
      expect(Date.now()).toBeGreaterThanOrEqual(until);
      expect((await handle.query(statusQuery)).pausedUntil).toBeNull();
      // The webhooks hear of both.
      const agentName = handle.workflowId.replace(/^agent\//, '');
      await expect
        .poll(() => (harness.host.recorded.notifications as Array<{ kind: string; agent: string }>).filter((n) => n.agent === agentName).map((n) => n.kind), { timeout: 10_000 })
        .toEqual(['paused', 'resumed']);
      await handle.signal(agentEventSignal, { kind: 'turn-finished' });
      await expect.poll(typed, { timeout: 10_000 }).toHaveLength(2);
      await handle.signal(agentEventSignal, { kind: 'turn-finished' });
      await expect.poll(typed, { timeout: 10_000 }).toHaveLength(3);
      expect(typed().slice(1).sort()).toEqual(['Check-in (scheduled by wf/pm): due while paused', 'sent while paused']);
      await handle.signal(agentEventSignal, { kind: 'turn-finished' });
      expect((await waiting.result()).state).toBe('confirmed');
      await handle.executeUpdate(stopUpdate);
    });
  });

  it('backs off longer when the limit is hit again right after a resume, and takes a named reset time as it is', async () => {
    await harness.run(async () => {
      const handle = await startAgent({ kind: 'claude-code' });
      await handle.executeUpdate(awaitLaunchUpdate);
      await handle.signal(agentEventSignal, { kind: 'prompt-submitted', prompt: 'go' });
      await handle.signal(agentEventSignal, { kind: 'limit-reached', message: 'limit', resetAt: null, retryAfterMs: 60_000 });
      const first = Date.parse((await handle.query(statusQuery)).pausedUntil ?? '') - Date.now();
      const resetAt = new Date(Date.now() + 3_600_000).toISOString();
      await handle.signal(agentEventSignal, { kind: 'limit-reached', message: '5-hour limit reached · resets 3pm', resetAt, retryAfterMs: 60_000 });
      const named = Date.parse((await handle.query(statusQuery)).pausedUntil ?? '');
      expect(first).toBeGreaterThan(50_000);
      expect(first).toBeLessThan(60_000 + 6_000 + 1_000);
      expect(named - Date.parse(resetAt)).toBeGreaterThanOrEqual(0);
      expect(named - Date.parse(resetAt)).toBeLessThanOrEqual(60_000);
      // A failed turn of another kind leaves the agent idle, not stuck "working".
      await handle.signal(agentEventSignal, { kind: 'turn-failed', message: 'API Error: 500' });
      expect((await handle.query(statusQuery)).state).toBe('idle');
      await handle.executeUpdate(stopUpdate);
    });
  });
});

describe('agentWorkflow blocked by a dialog orc cannot answer', () => {
  it('holds messages while blocked, tells a person once per dialog, and takes messages again once the dialog goes', async () => {
    await harness.run(async () => {
      const handle = await startAgent({ kind: 'generic', argv: ['fake-cli'] });
      await handle.executeUpdate(awaitLaunchUpdate);
      const typed = () => harness.host.typed.filter((t) => t.agentId === handle.workflowId).map((t) => t.text);
      const dialog = { kind: 'blocked' as const, title: 'Update available: fake-cli 2.0', text: 'Update available: fake-cli 2.0\n1. Install now\n2. Remind me later' };
      await handle.signal(agentEventSignal, dialog);
      await handle.signal(agentEventSignal, dialog);
      const blocked = await handle.query(statusQuery);
      expect(blocked.state).toBe('blocked');
      expect(blocked.blockedBy).toMatchObject({ title: dialog.title, text: dialog.text });
      const waiting = await handle.startUpdate(sendMessageUpdate, { args: [{ text: 'sent while blocked', from: 'wf/pm' }], waitForStage: WorkflowUpdateStage.ACCEPTED });
      await new Promise((r) => setTimeout(r, 1_000));
      expect(typed()).toEqual([]);
      const agentName = handle.workflowId.replace(/^agent\//, '');
      await expect
        .poll(() => (harness.host.recorded.notifications as Array<{ kind: string; agent: string; reason: string | null }>).filter((n) => n.agent === agentName).map((n) => [n.kind, n.reason]), { timeout: 10_000 })
        .toEqual([['needs-person', 'blocked-dialog']]);
      await handle.signal(agentEventSignal, { kind: 'unblocked' });
      expect((await waiting.result()).state).toBe('confirmed');
      expect(typed()).toEqual(['sent while blocked']);
      const after = await handle.query(statusQuery);
      expect(after.state).toBe('idle');
      expect(after.blockedBy).toBeNull();
      // An unblocked that comes late, with no dialog held, changes nothing.
      await handle.signal(agentEventSignal, { kind: 'unblocked' });
      expect((await handle.query(statusQuery)).state).toBe('idle');
      await handle.executeUpdate(stopUpdate);
    });
  });

  it('starts blocked when its CLI showed such a dialog at launch instead of its prompt', async () => {
    harness.host.onLaunch = () => ({ paneId: '%1', blocked: { title: 'Accessing workspace:', text: 'Accessing workspace:\n❯ No, exit\n  Yes, I trust this folder' } });
    await harness.run(async () => {
      const handle = await startAgent({ kind: 'claude-code', initialMessage: 'your brief' });
      const launched = await handle.executeUpdate(awaitLaunchUpdate);
      expect(launched.state).toBe('blocked');
      expect(launched.blockedBy?.title).toBe('Accessing workspace:');
      await new Promise((r) => setTimeout(r, 500));
      expect(harness.host.typed.filter((t) => t.agentId === handle.workflowId)).toEqual([]);
      await handle.signal(agentEventSignal, { kind: 'unblocked' });
      await expect.poll(() => harness.host.typed.filter((t) => t.agentId === handle.workflowId).map((t) => t.text), { timeout: 10_000 }).toEqual(['your brief']);
      await handle.executeUpdate(stopUpdate);
    });
  });
});

describe('agentWorkflow while no worker could answer the sender', () => {
  it('takes a queued message and a queued check-in once each, under the ids their sender chose, the check-in due from when it was asked', async () => {
    await harness.run(async () => {
      const handle = await startAgent();
      await handle.executeUpdate(awaitLaunchUpdate);
      const id = randomUUID();
      // The same signal twice (a client that retried), then an update with the same id.
      await handle.signal(enqueueMessageSignal, { id, text: 'queued once', from: 'human:test' });
      await handle.signal(enqueueMessageSignal, { id, text: 'queued once', from: 'human:test' });
      const answered = await handle.executeUpdate(sendMessageUpdate, { args: [{ id, text: 'queued once', from: 'human:test' }] });
      expect(answered).toMatchObject({ id, state: 'confirmed' });
      expect(harness.host.typed.filter((t) => t.agentId === handle.workflowId).map((t) => t.text)).toEqual(['queued once']);

      const requestedAt = new Date(Date.now() - 500).toISOString();
      const checkin = { id: 'c0ffee01', delayMs: 1_500, note: 'queued note', createdBy: 'wf/dev', requestedAt };
      await handle.signal(scheduleCheckinSignal, checkin);
      await handle.signal(scheduleCheckinSignal, checkin);
      const status = await handle.query(statusQuery);
      expect(status.checkins).toEqual([{ id: 'c0ffee01', dueAt: new Date(Date.parse(requestedAt) + 1_500).toISOString(), note: 'queued note', createdBy: 'wf/dev' }]);
      // One the update's validator would refuse is dropped, not scheduled.
      await handle.signal(scheduleCheckinSignal, { ...checkin, id: 'c0ffee02', delayMs: 10 });
      await expect
        .poll(() => harness.host.typed.filter((t) => t.agentId === handle.workflowId).map((t) => t.text), { timeout: 10_000 })
        .toEqual(['queued once', 'Check-in (scheduled by wf/dev): queued note']);
      expect((await handle.query(statusQuery)).checkins).toEqual([]);
      await handle.executeUpdate(stopUpdate);
    });
  });
});

describe('agentWorkflow recovery', () => {
  it('relaunches a dead agent with --continue semantics, then gives up after repeated deaths and tells its manager', async () => {
    await harness.run(async () => {
      const manager = await startAgent({ agent: `pm-${randomUUID().slice(0, 6)}` });
      await manager.executeUpdate(awaitLaunchUpdate);
      const managerId = manager.workflowId.replace(/^agent\//, '');
      let pane = 1;
      const resumes: boolean[] = [];
      harness.host.onLaunch = (_spec, resume) => {
        resumes.push(resume);
        return { paneId: `%${pane++}` };
      };
      try {
        const handle = await startAgent({ manager: managerId });
        const launched = await handle.executeUpdate(awaitLaunchUpdate);
        // A report about a pane that is not the agent's is ignored.
        await handle.signal(agentEventSignal, { kind: 'exited', paneId: '%999', exitStatus: 1 });
        await handle.signal(agentEventSignal, { kind: 'exited', paneId: launched.paneId ?? '', exitStatus: 1 });
        await expect.poll(() => handle.query(statusQuery).then((s) => [s.state, s.restarts]), { timeout: 10_000 }).toEqual(['idle', 1]);
        expect(resumes).toEqual([false, true]);
        // Messages go to the relaunched pane.
        const message = await handle.executeUpdate(sendMessageUpdate, { args: [{ text: 'still there?', from: 'human:test' }] });
        expect(message.state).toBe('confirmed');
        expect(harness.host.typed.at(-1)?.paneId).toBe((await handle.query(statusQuery)).paneId);

        for (let death = 2; death <= 4; death++) {
          const current = (await handle.query(statusQuery)).paneId ?? '';
          await handle.signal(agentEventSignal, { kind: 'exited', paneId: current, exitStatus: 137 });
          // Relaunched (after a growing backoff) into a new pane before the next death.
          if (death <= 3) {
            await expect.poll(() => handle.query(statusQuery).then((s) => [s.state, s.restarts, s.paneId !== current]), { timeout: 20_000 }).toEqual(['idle', death, true]);
          }
        }
        const final = await handle.result();
        expect(final.state).toBe('failed');
        expect(final.lastError).toContain('given up after 3 relaunches');
        // The webhooks hear of it: one failed event, named for this run.
        await expect.poll(() => harness.host.recorded.notifications, { timeout: 10_000 }).toContainEqual(expect.objectContaining({ kind: 'failed', agent: handle.workflowId.replace(/^agent\//, ''), summary: expect.stringContaining('given up after 3 relaunches') }));
        await expect
          .poll(() => manager.query(statusQuery).then((s) => s.recentMessages.map((m) => m.text).join('\n')), { timeout: 10_000 })
          .toContain(`your teammate ${handle.workflowId.replace(/^agent\//, '')} has stopped working`);
      } finally {
        harness.host.onLaunch = () => ({ paneId: '%1' });
        await manager.executeUpdate(stopUpdate);
      }
    });
  }, 60_000);
});
