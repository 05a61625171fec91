import { createHmac, randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { MIGRATIONS_FOLDER } from '../db/migrate.ts';
import * as schema from '../db/schema/index.ts';
import { webhookDeliveries, webhooks } from '../db/schema/webhooks.ts';
import type { NotifyEvent } from '../domain/notifications/webhook-event.ts';
import { seal } from '../domain/sealed-secret.ts';
import { createNotificationActivities } from './notification-activities.ts';

const key = randomBytes(32);
const pg = new PGlite();
const db = drizzle(pg, { schema }) as unknown as Database;
const event: NotifyEvent = { id: 'needs-person-abc', kind: 'needs-person', at: '2026-11-30T12:00:00.000Z', team: 't', agent: 't/a', summary: 't/a asks to use Bash: make x' };

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string;
}

function activities(answer: (sent: Sent) => Response | Promise<Response>, attempt = 1) {
  const sent: Sent[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const request = { url, headers: init.headers as Record<string, string>, body: String(init.body) };
    sent.push(request);
    return answer(request);
  }) as unknown as typeof globalThis.fetch;
  return { sent, deliver: createNotificationActivities({ db, secretKey: key, fetch, attempt: () => attempt }).deliverWebhook };
}

const attemptsOf = (webhookId: string) => db.select({ attempt: webhookDeliveries.attempt, statusCode: webhookDeliveries.statusCode, error: webhookDeliveries.error }).from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId)).orderBy(webhookDeliveries.attempt);

beforeAll(async () => {
  await migrate(drizzle(pg), { migrationsFolder: MIGRATIONS_FOLDER });
  await db.insert(webhooks).values([
    { id: 'signedhook', url: 'http://127.0.0.1:1/hook', format: 'json', events: [], sealedSecret: seal('a-secret-of-16-chars', key), createdBy: 'human:test' },
    { id: 'plainhook', url: 'http://127.0.0.1:1/slack', format: 'slack', events: ['needs-person'], sealedSecret: null, createdBy: 'human:test' },
  ]);
}, 120_000); // PGlite starts and migrates in a few seconds, longer on a loaded machine

afterAll(async () => {
  await pg.close();
});

describe('deliverWebhook', () => {
  it('signs the body with the unsealed secret and records the try', async () => {
    const { sent, deliver } = activities(() => new Response(null, { status: 204 }));
    await expect(deliver({ webhookId: 'signedhook', event })).resolves.toEqual({ statusCode: 204 });
    const [request] = sent;
    const timestamp = request?.headers['x-orc-timestamp'] ?? '';
    expect(request?.headers['x-orc-signature']).toBe(`sha256=${createHmac('sha256', 'a-secret-of-16-chars').update(`${timestamp}.${request?.body}`).digest('hex')}`);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(5);
    expect(await attemptsOf('signedhook')).toEqual([{ attempt: 1, statusCode: 204, error: null }]);
  });

  it('a 500 or no answer is tried again; a 4xx is not', async () => {
    await expect(activities(() => new Response('boom', { status: 500 }), 2).deliver({ webhookId: 'plainhook', event })).rejects.toMatchObject({ type: 'WebhookFailed', nonRetryable: false, message: 'the receiver answered HTTP 500' });
    await expect(activities(() => Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') })), 3).deliver({ webhookId: 'plainhook', event })).rejects.toMatchObject({ type: 'WebhookFailed', nonRetryable: false });
    await expect(activities(() => new Response(null, { status: 429 }), 4).deliver({ webhookId: 'plainhook', event })).rejects.toMatchObject({ nonRetryable: false });
    await expect(activities(() => new Response(null, { status: 404 }), 5).deliver({ webhookId: 'plainhook', event })).rejects.toMatchObject({ type: 'WebhookRefused', nonRetryable: true });
    const rows = await attemptsOf('plainhook');
    expect(rows.map((row) => [row.attempt, row.statusCode])).toEqual([[2, 500], [3, null], [4, 429], [5, 404]]);
    expect(rows[1]?.error).toBe('fetch failed: connect ECONNREFUSED');
  });

  it('unsigned Slack format: {text} and no signature', async () => {
    const { sent, deliver } = activities(() => new Response('ok'), 6);
    await deliver({ webhookId: 'plainhook', event });
    expect(JSON.parse(sent[0]?.body ?? '')).toEqual({ text: 'orc: t/a needs a person: t/a asks to use Bash: make x' });
    expect(sent[0]?.headers['x-orc-signature']).toBeUndefined();
  });

  it('a removed webhook stops its retries', async () => {
    await expect(activities(() => new Response('ok')).deliver({ webhookId: 'gonehook00', event })).rejects.toMatchObject({ type: 'WebhookRemoved', nonRetryable: true });
  });
});
