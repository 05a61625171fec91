// The worker of one host: runs workflow tasks from the shared queue, and the tmux/agent
// activities from this host's own queue, since only this machine can touch its panes.
import { Client, Connection, WorkflowIdConflictPolicy, WorkflowNotFoundError } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { dataLayout } from '../domain/data-layout.ts';
import { fileURLToPath } from 'node:url';
import { createControlActivities } from '../activities/control-activities.ts';
import { createDialogActivities } from '../activities/dialog-activities.ts';
import { createHostActivities } from '../activities/host-activities.ts';
import { createHostPresenceActivities } from '../activities/host-presence-activities.ts';
import { openDeliveryLedger } from '../host/delivery-ledger.ts';
import { createGit } from '../host/git/git.ts';
import { createGitActivities } from '../activities/git-activities.ts';
import { createReviewActivities } from '../activities/review-activities.ts';
import { commandSandbox } from '../host/sandbox/command-sandbox.ts';
import { cachedSandboxProbe } from '../host/sandbox/bwrap-probe.ts';
import { createRecordActivities } from '../activities/record-activities.ts';
import { createNotificationActivities } from '../activities/notification-activities.ts';
import { watchAgentPanes } from '../host/tmux/pane-watcher.ts';
import { watchDialogs } from '../host/screen-fallback/dialog-watcher.ts';
import { watchPaneOutput } from '../host/tmux/pane-output-events.ts';
import { createBlockedWatch } from '../host/screen-fallback/blocked-watch.ts';
import { answerFromScreen, reportDialogClosed } from '../host/screen-fallback/screen-fallback.ts';
import { loadSecretKey } from '../host/secret-key.ts';
import { createTmux } from '../host/tmux/tmux.ts';
import { agentEventSignal } from '../workflows/agent-messages.ts';
import type { AgentEvent } from '../workflows/agent-types.ts';
import { createDatabase } from '../db/client.ts';
import { WORKFLOW_TASK_QUEUE, agentWorkflowId, hostPresenceWorkflowId, hostTaskQueue, parseAgentRef } from '../domain/names.ts';
import type { hostPresenceWorkflow } from '../workflows/host-presence-workflow.ts';
import { installOrcShim } from './orc-shim.ts';
import { readWorkerConfig } from './worker-config.ts';

async function run() {
  const config = readWorkerConfig();
  const host = dataLayout(config.dataDir).host(config.hostName);
  const hostDir = host.dir;
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  // With a database, this worker also writes the records (communication log, check-ins).
  const tmux = createTmux(config.tmuxSocket);
  const database = config.databaseUrl ? createDatabase(config.databaseUrl, { max: 2 }) : null;
  try {
    const activities = {
      ...createHostActivities({
        tmux,
        ledger: await openDeliveryLedger(host.deliveryLedger),
        hostDir,
        orcBinDir: await installOrcShim(host.binDir),
        secretKey: await loadSecretKey(process.env, config.dataDir, { create: false }),
      }),
      ...createGitActivities({ git: createGit(), hostDir }),
      ...createReviewActivities({ git: createGit(), hostDir, confine: commandSandbox({ probe: cachedSandboxProbe(), tmux }) }),
      ...createDialogActivities({ tmux }),
      ...createControlActivities({ tmux }),
      ...createHostPresenceActivities(),
    };
    const workflowWorker = await Worker.create({
      connection,
      namespace: config.namespace,
      taskQueue: WORKFLOW_TASK_QUEUE,
      // The launcher's bundle when it made one (a restarted worker then polls at once); else bundled here.
      ...(process.env.ORC_WORKFLOW_BUNDLE
        ? { workflowBundle: { codePath: process.env.ORC_WORKFLOW_BUNDLE } }
        : { workflowsPath: fileURLToPath(new URL('../workflows/index.ts', import.meta.url)) }),
      // With a database it also delivers webhooks (it holds the key that unseals their secrets).
      ...(database ? { activities: { ...createRecordActivities({ db: database.db }), ...createNotificationActivities({ db: database.db, secretKey: await loadSecretKey(process.env, config.dataDir, { create: false }) }) } } : {}),
    });
    const hostWorker = await Worker.create({
      connection,
      namespace: config.namespace,
      taskQueue: hostTaskQueue(config.hostName),
      activities,
    });
    // Agents whose process dies are reported to their workflow, which relaunches them.
    const clientConnection = await Connection.connect({ address: config.temporalAddress });
    const client = new Client({ connection: clientConnection, namespace: config.namespace });
    const tell = async (agentId: string, event: AgentEvent) => {
      try {
        await client.workflow.getHandle(agentWorkflowId(parseAgentRef(agentId))).signal(agentEventSignal, event);
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err; // a stopped agent: nothing to tell
      }
    };
    // The host's presence: one workflow per host, kept across worker restarts (the one already
    // running is used), whose heartbeating activity this worker now serves.
    await client.workflow.start<typeof hostPresenceWorkflow>('hostPresenceWorkflow', {
      taskQueue: WORKFLOW_TASK_QUEUE,
      workflowId: hostPresenceWorkflowId(config.hostName),
      args: [{ host: config.hostName }],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    });
    const watcher = watchAgentPanes(tmux, ({ agentId, paneId, exitStatus }) => tell(agentId, { kind: 'exited', paneId, exitStatus }));
    // The screen fallback: permission dialogs of agents without hooks, answered through orc's rules
    // (and those hooked Claude Code shows when nobody answered in time, watched until they close).
    // tmux tells when a pane prints (one control-mode client per agent session), so the screen
    // fallback reads a pane when it changed instead of every pane five times a second.
    const paneOutput = config.paneOutputEvents ? watchPaneOutput(config.tmuxSocket, tmux) : undefined;
    // Dialogs orc cannot answer (a trust or update prompt, say): the agent is `blocked` while one holds it.
    const blockedWatch = createBlockedWatch({ tmux, report: tell });
    const dialogWatcher = watchDialogs({
      tmux,
      hostDir,
      ...(paneOutput ? { paneOutput } : {}),
      onScreen: (pane, text) => blockedWatch.observe(pane, text),
      answer: (pane, access, dialog) => answerFromScreen({ tmux, log: (line) => console.log(line) }, pane, access, dialog),
      // The workflow hears of it straight away; orc's records through the agent's access, if it has one.
      onDialogClosed: async (agentId, access, { interrupted }) => {
        await Promise.all([tell(agentId, { kind: 'dialog-closed', interrupted }), access ? reportDialogClosed(access) : undefined]);
      },
    });
    // The launcher waits for this line before it starts the web app.
    console.log(`worker ready: host ${config.hostName}, queues ${WORKFLOW_TASK_QUEUE} and ${hostTaskQueue(config.hostName)}`);
    try {
      await Promise.all([workflowWorker.run(), hostWorker.run()]);
    } finally {
      watcher.stop();
      dialogWatcher.stop();
      paneOutput?.stop();
      await clientConnection.close();
    }
  } finally {
    await connection.close();
    await database?.sql.end({ timeout: 5 });
  }
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
