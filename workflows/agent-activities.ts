// The activities an agent workflow calls: the host's (tmux, git, dialogs) on that host's own
// queue, and the records (communication log, check-ins, pane histories) on any worker with a
// database, fired beside the agent's work and awaited only before the workflow hands over or ends.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { HostQueueActivities } from '../activities/host-queue.ts';
import type { NotificationActivities } from '../activities/notification-activities.ts';
import type { RecordActivities } from '../activities/record-activities.ts';
import { hostTaskQueue } from '../domain/names.ts';
import type { AgentSpec } from './agent-types.ts';

export function agentActivities(spec: AgentSpec) {
  // Host activities run only on the worker of the host where the agent's tmux lives; the
  // schedule-to-close bound makes a dead host surface as an error instead of a hang, and the
  // schedule-to-start one tells "nobody took it" (the host is away) from "it failed".
  const host = proxyActivities<HostQueueActivities>({
    taskQueue: hostTaskQueue(spec.host),
    scheduleToStartTimeout: '2 minutes',
    startToCloseTimeout: '1 minute',
    scheduleToCloseTimeout: '3 minutes',
    retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '5 seconds', maximumAttempts: 5 },
  });
  // Controls press keys: a retry could press them twice (a second Esc opens Claude Code's
  // rewind menu), so each is tried once and its outcome, read off the screen, said as it is.
  const controls = proxyActivities<Pick<HostQueueActivities, 'controlAgent'>>({
    taskQueue: hostTaskQueue(spec.host),
    scheduleToStartTimeout: '30 seconds',
    startToCloseTimeout: '2 minutes',
    retry: { maximumAttempts: 1 },
  });
  // Records go to PostgreSQL from any worker. They run beside the agent's work, never in its
  // way: a database outage delays the log, not the messages.
  const recordActivities = proxyActivities<RecordActivities>({
    // The queue this workflow runs on: its workers are the ones holding a database.
    taskQueue: workflowInfo().taskQueue,
    startToCloseTimeout: '30 seconds',
    scheduleToCloseTimeout: '30 minutes',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  });
  // Notification events go out like records: from the queue this workflow runs on, beside its work.
  const notifications = proxyActivities<NotificationActivities>({
    taskQueue: workflowInfo().taskQueue,
    startToCloseTimeout: '30 seconds',
    scheduleToCloseTimeout: '30 minutes',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  });
  const pendingRecords = new Set<Promise<unknown>>();
  const track = (promise: Promise<unknown>) => {
    const settled = promise.catch(() => undefined).finally(() => pendingRecords.delete(settled));
    pendingRecords.add(settled);
  };
  const records = {
    recordMessage: (args: Parameters<RecordActivities['recordMessage']>[0]) => track(recordActivities.recordMessage(args)),
    recordCheckin: (args: Parameters<RecordActivities['recordCheckin']>[0]) => track(recordActivities.recordCheckin(args)),
    notify: (event: Parameters<NotificationActivities['emitNotifyEvent']>[0]) => track(notifications.emitNotifyEvent(event)),
    recordPaneHistory: (reason: string, text: string | null | undefined) => {
      if (text) track(recordActivities.recordPaneHistory({ team: spec.team, agent: spec.agent, reason, text, at: new Date().toISOString() }));
    },
  };
  return { host, controls, records, pendingRecords };
}

export type AgentActivities = ReturnType<typeof agentActivities>;
