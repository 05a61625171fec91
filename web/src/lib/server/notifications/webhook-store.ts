// Webhook subscriptions as an admin manages them: added with a URL, a format, the events it
// takes and an optional secret (sealed at rest, never shown again), listed with their latest
// delivery attempts, removed. Agents never reach this: the router is admin only.
import { desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '$db/client.ts';
import { webhookDeliveries, webhooks } from '$db/schema/webhooks.ts';
import { seal } from '$domain/sealed-secret.ts';
import type { NotifyEventKind, WebhookFormat } from '$domain/notifications/webhook-event.ts';
import { checkWebhookUrl, displayWebhookUrl, InvalidWebhookUrl } from '$domain/notifications/webhook-url.ts';
import { newShortId } from '../approvals/ids.ts';
import { Invalid, NotFound, OverLimit } from '../errors.ts';

/** Enough for every channel a team has; each event is one delivery workflow per webhook. */
export const MAX_WEBHOOKS = 20;
/** The latest attempts listed per webhook. */
export const DELIVERIES_LISTED = 5;

export interface NewWebhook {
  url: string;
  format: WebhookFormat;
  events: NotifyEventKind[];
  secret: string | null;
  createdBy: string;
}

export async function addWebhook(db: Database, secretKey: Buffer, input: NewWebhook) {
  let url: string;
  try {
    url = checkWebhookUrl(input.url);
  } catch (err) {
    if (err instanceof InvalidWebhookUrl) throw new Invalid(err.message);
    throw err;
  }
  const existing = await db.select({ id: webhooks.id }).from(webhooks);
  if (existing.length >= MAX_WEBHOOKS) throw new OverLimit(`orc keeps at most ${MAX_WEBHOOKS} webhooks; remove one first with: orc notify rm <id>`);
  const id = newShortId();
  await db.insert(webhooks).values({ id, url, format: input.format, events: [...new Set(input.events)].sort(), sealedSecret: input.secret ? seal(input.secret, secretKey) : null, createdBy: input.createdBy });
  return { id, url: displayWebhookUrl(url), format: input.format, events: input.events, signed: input.secret !== null };
}

export async function removeWebhook(db: Database, id: string) {
  const [removed] = await db.delete(webhooks).where(eq(webhooks.id, id)).returning({ id: webhooks.id, url: webhooks.url });
  if (!removed) throw new NotFound(`no webhook ${id}; see orc notify list`);
  return { id: removed.id, url: displayWebhookUrl(removed.url) };
}

export async function requireWebhook(db: Database, id: string) {
  const [row] = await db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.id, id)).limit(1);
  if (!row) throw new NotFound(`no webhook ${id}; see orc notify list`);
  return row;
}

/** Every webhook, oldest first, with its latest delivery attempts (newest first); no secrets. */
export async function listWebhooks(db: Database) {
  const rows = await db
    .select({ id: webhooks.id, url: webhooks.url, format: webhooks.format, events: webhooks.events, sealedSecret: webhooks.sealedSecret, createdBy: webhooks.createdBy, createdAt: webhooks.createdAt })
    .from(webhooks)
    .orderBy(webhooks.createdAt);
  const attempts = rows.length === 0 ? [] : await db
    .select({ webhookId: webhookDeliveries.webhookId, eventId: webhookDeliveries.eventId, eventKind: webhookDeliveries.eventKind, attempt: webhookDeliveries.attempt, statusCode: webhookDeliveries.statusCode, error: webhookDeliveries.error, durationMs: webhookDeliveries.durationMs, at: webhookDeliveries.at })
    .from(webhookDeliveries)
    .where(inArray(webhookDeliveries.webhookId, rows.map((row) => row.id)))
    .orderBy(desc(webhookDeliveries.at))
    .limit(rows.length * 200);
  return rows.map(({ sealedSecret, url, createdAt, ...row }) => ({
    ...row,
    url: displayWebhookUrl(url),
    signed: sealedSecret !== null,
    createdAt: createdAt.toISOString(),
    deliveries: attempts
      .filter((attempt) => attempt.webhookId === row.id)
      .slice(0, DELIVERIES_LISTED)
      .map(({ webhookId: _webhook, at, ...attempt }) => ({ ...attempt, at: at.toISOString(), ok: attempt.error === null })),
  }));
}

export type WebhookListEntry = Awaited<ReturnType<typeof listWebhooks>>[number];
