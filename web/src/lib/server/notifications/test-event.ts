// `orc notify test`: one event of kind `test` to one webhook, tried once, and what its receiver
// answered (the attempt's record), waited for a few seconds.
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { webhookDeliveries } from '$db/schema/webhooks.ts';
import { WORKFLOW_TASK_QUEUE, webhookDeliveryWorkflowId } from '$domain/names.ts';
import type { NotifyEvent } from '$domain/notifications/webhook-event.ts';
import type { webhookDeliveryWorkflow } from '$workflows/webhook-delivery-workflow.ts';
import { TimedOut } from '../errors.ts';
import type { Services } from '../services.ts';
import { requireWebhook } from './webhook-store.ts';

const ANSWER_WAIT_MS = 20_000;

export async function sendTestEvent(services: Services, id: string) {
  await requireWebhook(services.db, id);
  const at = new Date();
  const event: NotifyEvent = { id: `test-${randomBytes(6).toString('hex')}`, kind: 'test', at: at.toISOString(), team: 'orc', agent: null, summary: 'a test event from orc notify test' };
  const client = await services.temporal();
  await client.workflow.start<typeof webhookDeliveryWorkflow>('webhookDeliveryWorkflow', {
    taskQueue: WORKFLOW_TASK_QUEUE,
    workflowId: webhookDeliveryWorkflowId(id, event.id),
    args: [{ webhookId: id, event, attempts: 1 }],
  });
  const deadline = Date.now() + ANSWER_WAIT_MS;
  while (Date.now() < deadline) {
    const [attempt] = await services.db
      .select({ statusCode: webhookDeliveries.statusCode, error: webhookDeliveries.error, durationMs: webhookDeliveries.durationMs })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.webhookId, id), eq(webhookDeliveries.eventId, event.id)));
    if (attempt) return { id, eventId: event.id, ok: attempt.error === null, ...attempt };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new TimedOut(`no worker tried the test event within ${ANSWER_WAIT_MS / 1000} s: is a worker with the database running? (orc doctor)`);
}
