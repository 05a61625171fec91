// Webhooks: where orc tells a person of events they act on. Only a person with an admin token
// manages them: an agent's words land in the notifications, so an agent must never choose
// where they go, or read the URLs and secrets that reach a person's channels.
import { z } from 'zod';
import { NOTIFY_EVENTS, WEBHOOK_FORMATS } from '$domain/notifications/webhook-event.ts';
import { MAX_WEBHOOK_URL_CHARS } from '$domain/notifications/webhook-url.ts';
import { SHORT_ID } from '#lib/server/approvals/ids.ts';
import { personProcedure } from '#lib/server/approvals/person-procedure.ts';
import { sendTestEvent } from '#lib/server/notifications/test-event.ts';
import { addWebhook, listWebhooks, removeWebhook } from '#lib/server/notifications/webhook-store.ts';
import { router } from '../trpc.ts';

const webhookId = z.string().regex(SHORT_ID, { message: 'a webhook id is 10 hex characters, as `orc notify list` shows it' });
const manage = personProcedure('manage webhooks');

export const notifyRouter = router({
  add: manage
    .input(
      z.object({
        url: z.string().trim().min(1).max(MAX_WEBHOOK_URL_CHARS),
        format: z.enum(WEBHOOK_FORMATS).default('json'),
        /** Empty: every event. */
        events: z.array(z.enum(NOTIFY_EVENTS)).max(NOTIFY_EVENTS.length).default([]),
        secret: z.string().min(16, { message: 'a signing secret has at least 16 characters' }).max(200).nullable().default(null),
      }),
    )
    .mutation(async ({ ctx, input }) =>
      addWebhook(ctx.services.db, await ctx.services.secretKey(), { ...input, createdBy: `human:${ctx.identity.name}` }),
    ),

  list: manage.query(({ ctx }) => listWebhooks(ctx.services.db)),

  remove: manage.input(z.object({ id: webhookId })).mutation(({ ctx, input }) => removeWebhook(ctx.services.db, input.id)),

  test: manage.input(z.object({ id: webhookId })).mutation(({ ctx, input }) => sendTestEvent(ctx.services, input.id)),
});
