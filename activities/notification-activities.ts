// Delivering one event to one webhook: sign the body with the subscription's secret (unsealed
// here, never carried in a workflow's input), POST it, and record the attempt, whatever came of
// it, so `orc notify list` shows what each receiver answered. A failure throws, and the
// delivery workflow's retry policy tries again with backoff. Runs on the shared workflow
// queue, on any worker with the database (like the record activities).
import { ApplicationFailure, Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { and, arrayContains, eq, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { webhookDeliveries, webhooks } from '../db/schema/webhooks.ts';
import { webhookRequest, type NotifyEvent } from '../domain/notifications/webhook-event.ts';
import { unseal } from '../domain/sealed-secret.ts';
import { WORKFLOW_TASK_QUEUE, webhookDeliveryWorkflowId } from '../domain/names.ts';
import type { webhookDeliveryWorkflow } from '../workflows/webhook-delivery-workflow.ts';

export interface DeliverWebhookInput {
  webhookId: string;
  event: NotifyEvent;
  /** How many tries at most (a test event gets one); the delivery workflow's policy by default. */
  attempts?: number;
}

type Db = Pick<Database, 'select'>;

/**
 * Starts one delivery workflow per webhook that takes this kind of event. The workflow id is
 * the pair's, so an event emitted twice (a retried activity, a request seen again) is delivered
 * once. Returns the webhooks it went to.
 */
export async function startDeliveries(db: Db, client: Client, event: NotifyEvent): Promise<string[]> {
  const targets = await db
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(or(sql`cardinality(${webhooks.events}) = 0`, arrayContains(webhooks.events, [event.kind])));
  await Promise.all(
    targets.map(({ id }) =>
      client.workflow.start<typeof webhookDeliveryWorkflow>('webhookDeliveryWorkflow', {
        taskQueue: WORKFLOW_TASK_QUEUE,
        workflowId: webhookDeliveryWorkflowId(id, event.id),
        args: [{ webhookId: id, event }],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      }).catch((err: unknown) => {
        // Delivered (or given up) before: the same event is not sent again.
        if (err instanceof WorkflowExecutionAlreadyStartedError) return;
        throw err;
      }),
    ),
  );
  return targets.map(({ id }) => id);
}

export interface NotificationDeps {
  db: Database;
  secretKey: Buffer;
  fetch?: typeof globalThis.fetch;
  /** Which try this is, counting from 1; Temporal's by default. */
  attempt?: () => number;
}

/** How long the record of a try is kept. */
export const DELIVERIES_KEPT_MS = 30 * 24 * 60 * 60 * 1000;

/** How long a receiver has to answer one try. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** A receiver's answer that another try would not change: it refuses the request itself. */
const isPermanent = (status: number) => (status >= 300 && status < 500 && status !== 408 && status !== 429);

export function createNotificationActivities({ db, secretKey, fetch = globalThis.fetch, attempt = () => Context.current().info.attempt }: NotificationDeps) {
  return {
    /** An event a workflow saw (an agent given up as failed): sent to every webhook that takes it. */
    async emitNotifyEvent(event: NotifyEvent): Promise<void> {
      await startDeliveries(db, Context.current().client, event);
    },

    async deliverWebhook({ webhookId, event }: DeliverWebhookInput): Promise<{ statusCode: number }> {
      const [hook] = await db
        .select({ url: webhooks.url, format: webhooks.format, sealedSecret: webhooks.sealedSecret })
        .from(webhooks)
        .where(eq(webhooks.id, webhookId))
        .limit(1);
      if (!hook) throw ApplicationFailure.nonRetryable(`webhook ${webhookId} was removed`, 'WebhookRemoved');
      const secret = hook.sealedSecret === null ? null : unseal(hook.sealedSecret, secretKey);
      // A fresh timestamp per try, signed with the body: a retry is not a replay.
      const request = webhookRequest(hook.format, event, secret, String(Math.floor(Date.now() / 1000)));
      const tried = attempt();
      const at = new Date();
      const started = performance.now();
      let statusCode: number | null = null;
      let error: string | null = null;
      try {
        // Redirects are not followed: the admin named where events go.
        const response = await fetch(hook.url, { method: 'POST', headers: request.headers, body: request.body, redirect: 'manual', signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS) });
        statusCode = response.status;
        await response.body?.cancel().catch(() => undefined);
        if (statusCode < 200 || statusCode >= 300) error = `the receiver answered HTTP ${statusCode}`;
      } catch (err) {
        const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
        error = `${err instanceof Error ? err.message : String(err)}${cause}`.slice(0, 500);
      }
      await db
        .insert(webhookDeliveries)
        .values({ id: `${webhookId}/${event.id}/${tried}`, webhookId, eventId: event.id, eventKind: event.kind, attempt: tried, statusCode, error, durationMs: Math.round(performance.now() - started), at })
        // The row of a try whose activity result was lost stays as first written.
        .onConflictDoNothing();
      // The record of tries is for a person looking back a while, not forever.
      await db.delete(webhookDeliveries).where(and(eq(webhookDeliveries.webhookId, webhookId), lt(webhookDeliveries.at, new Date(at.getTime() - DELIVERIES_KEPT_MS))));
      if (error === null) return { statusCode: statusCode ?? 0 };
      if (statusCode !== null && isPermanent(statusCode)) throw ApplicationFailure.nonRetryable(error, 'WebhookRefused');
      throw ApplicationFailure.retryable(error, 'WebhookFailed');
    },
  };
}

export type NotificationActivities = ReturnType<typeof createNotificationActivities>;
