// Runs the real agent workflow on a real Temporal server with mocked host activities:
// one worker for workflow tasks, one for the fake host's activity queue.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { ControlAgentInput } from '../activities/control-activities.ts';
import type { AnswerDialogInput, AnswerDialogResult } from '../activities/dialog-activities.ts';
import type { ControlOutcome } from '../domain/agent-controls.ts';
import type { TypeMessageInput, TypeMessageResult } from '../activities/host-activities.ts';
import type { HostQueueActivities } from '../activities/host-queue.ts';
import type { RecordActivities } from '../activities/record-activities.ts';
import type { NotificationActivities } from '../activities/notification-activities.ts';
import { hostLayout } from '../domain/data-layout.ts';
import { agentBranch, hostTaskQueue } from '../domain/names.ts';
import type { AgentSpec } from '../workflows/agent-types.ts';
import { WORKFLOWS_PATH, bundleWorkflows } from '../scripts/stack/workflow-bundle.ts';
import type { BlockingDialog } from '../domain/blocking-dialog.ts';

/** What the fake host's launch says: the pane, and a dialog orc cannot answer if it met one. */
type LaunchResult = { paneId: string; blocked?: BlockingDialog };

export { WORKFLOWS_PATH };

export interface FakeHost {
  activities: HostQueueActivities;
  records: RecordActivities & Pick<NotificationActivities, 'emitNotifyEvent'>;
  recorded: { messages: unknown[]; checkins: unknown[]; histories: unknown[]; notifications: unknown[] };
  checkpoints: string[];
  typed: TypeMessageInput[];
  /** Every dialog answer the workflow asked the host for. */
  dialogAnswers: AnswerDialogInput[];
  stops: number;
  /** Decide what typing a message does; default: confirmed by the pane. */
  onType: (input: TypeMessageInput) => Promise<TypeMessageResult> | TypeMessageResult;
  /** Decide what launching does; default: pane %1. */
  onLaunch: (spec: AgentSpec, resume: boolean) => Promise<LaunchResult> | LaunchResult;
  /** Decide what the agent's pane shows when a dialog is answered; default: the dialog, answered. */
  onAnswerDialog: (input: AnswerDialogInput) => Promise<AnswerDialogResult> | AnswerDialogResult;
  /** Every control the workflow asked the host to carry out. */
  controls: ControlAgentInput[];
  /** Decide what a control does on the screen; default: done. */
  onControl: (input: ControlAgentInput) => Promise<ControlOutcome> | ControlOutcome;
}

export function createFakeHost(): FakeHost {
  const host: FakeHost = {
    typed: [],
    dialogAnswers: [],
    stops: 0,
    onType: () => ({ typedAt: new Date().toISOString(), alreadyTyped: false, confirmedByPane: true }),
    onLaunch: () => ({ paneId: '%1' }),
    onAnswerDialog: (input) => ({ requestId: input.requestId, pressed: input.decision === 'allow' ? '1' : '4', detail: 'pressed in the fake dialog' }),
    controls: [],
    onControl: (input) => ({ control: input.request.control, done: true, detail: 'done on the fake screen', screen: 'fake screen' }),
    activities: {
      launchAgent: async ({ spec, resume }) => host.onLaunch(spec, resume ?? false),
      typeMessage: async (input) => {
        host.typed.push(input);
        return host.onType(input);
      },
      capturePane: async ({ lines }) => ({ text: `fake pane, last ${lines} lines` }),
      stopAgent: async () => {
        host.stops += 1;
        return { historyFile: null, history: 'fake pane history' };
      },
      checkpointWorkspace: async ({ workspaceDir }) => {
        host.checkpoints.push(workspaceDir);
        return { outcome: 'clean' as const };
      },
      answerDialog: async (input) => {
        host.dialogAnswers.push(input);
        return host.onAnswerDialog(input);
      },
      controlAgent: async (input) => {
        host.controls.push(input);
        return host.onControl(input);
      },
      setupAgentWorktree: async () => ({ outcome: 'already-done' as const }),
      prepareAgentWorktree: async ({ team, agent, worktreeDir }) => ({ worktreeDir: worktreeDir ?? hostLayout('/tmp/orc-test-host').worktreeDir({ team, agent }), branch: agentBranch(team, agent), created: true }),
    },
    recorded: { messages: [], checkins: [], histories: [], notifications: [] },
    checkpoints: [],
    records: {
      recordMessage: async (args) => {
        host.recorded.messages.push(args);
      },
      recordCheckin: async (args) => {
        host.recorded.checkins.push(args);
      },
      recordPaneHistory: async (args) => {
        host.recorded.histories.push(args);
      },
      emitNotifyEvent: async (event) => {
        host.recorded.notifications.push(event);
      },
    },
  };
  return host;
}

export function fakeSpec(hostName: string, overrides: Partial<AgentSpec> = {}): AgentSpec {
  return {
    team: 'wf',
    agent: 'dev',
    host: hostName,
    projectDir: '/tmp',
    argv: ['bash'],
    kind: 'generic',
    env: {},
    orcUrl: 'http://127.0.0.1:3000',
    agentToken: 'orc_agt_test',
    ...overrides,
  };
}

export interface Harness {
  client: Client;
  taskQueue: string;
  hostName: string;
  host: FakeHost;
  run<T>(body: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function createHarness(address: string): Promise<Harness> {
  const suffix = randomUUID().slice(0, 8);
  const taskQueue = `wf-test-${suffix}`;
  const hostName = `fake-${suffix}`;
  const host = createFakeHost();
  const nativeConnection = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  // Bundled once: a worker runs only once, so each run() makes fresh workers from this bundle.
  const workflowBundle = await bundleWorkflows();
  return {
    client,
    taskQueue,
    hostName,
    host,
    async run(body) {
      const workflowWorker = await Worker.create({ connection: nativeConnection, taskQueue, workflowBundle, activities: host.records });
      const activityWorker = await Worker.create({ connection: nativeConnection, taskQueue: hostTaskQueue(hostName), activities: host.activities });
      return workflowWorker.runUntil(activityWorker.runUntil(body));
    },
    async close() {
      await connection.close();
      await nativeConnection.close();
    },
  };
}

