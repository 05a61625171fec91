// Webhook subscriptions (where orc tells a person of events they act on) and every delivery
// attempt made to them. Only an admin manages them; the secret that signs the requests is
// sealed at rest (domain/sealed-secret.ts) and never listed.
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { NotifyEventKind, WebhookFormat } from '../../domain/notifications/webhook-event.ts';
import { createdAt } from './columns.ts';

export const webhooks = pgTable('webhooks', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  format: text('format').$type<WebhookFormat>().notNull(),
  /** The events it gets; every event when empty. */
  events: text('events').array().$type<NotifyEventKind[]>().notNull(),
  /** The signing secret, sealed; null: requests go unsigned. */
  sealedSecret: text('sealed_secret'),
  /** `human:<token name>` of the admin who added it. */
  createdBy: text('created_by').notNull(),
  createdAt: createdAt(),
});

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    webhookId: text('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    eventKind: text('event_kind').$type<NotifyEventKind>().notNull(),
    /** 1 for the first try, counting Temporal's retries. */
    attempt: integer('attempt').notNull(),
    /** The receiver's HTTP status; null when no answer came. */
    statusCode: integer('status_code'),
    /** Why the attempt failed (a status outside 2xx, a refused connection, a timeout); null when it succeeded. */
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('webhook_deliveries_webhook_at_idx').on(table.webhookId, table.at)],
);
