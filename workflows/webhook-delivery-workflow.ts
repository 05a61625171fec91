// One event to one webhook: `notify/<webhook>/<event>`, started by the web app when the event
// happens (its id makes a second start of the same delivery a no-op). A workflow rather than a
// fetch in the web app, so the retries with backoff outlive a restart of the web app, and every
// try is in Temporal's history as well as in orc's records (the activity writes those).
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { DeliverWebhookInput, NotificationActivities } from '../activities/notification-activities.ts';

export async function webhookDeliveryWorkflow(input: DeliverWebhookInput): Promise<void> {
  const { deliverWebhook } = proxyActivities<NotificationActivities>({
    // The queue this workflow runs on: its workers are the ones holding the database.
    taskQueue: workflowInfo().taskQueue,
    startToCloseTimeout: '30 seconds',
    // 1 s, 2 s, 4 s … up to 10 minutes between tries: a receiver away for about an hour still
    // gets the event; at most 15 tries (and 15 rows) per event and webhook.
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: input.attempts ?? 15 },
  });
  await deliverWebhook(input);
}
