import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, displayWebhookUrl } from './webhook-url.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookRequest, type NotifyEvent } from './webhook-event.ts';

const event: NotifyEvent = {
  id: 'needs-person:req1',
  kind: 'needs-person',
  at: '2026-11-30T12:00:00.000Z',
  team: 'web',
  agent: 'web/dev',
  summary: 'web/dev asks to run: make deploy <@channel>',
  reason: 'waiting-request',
  requestId: 'req1',
};

describe('webhookRequest', () => {
  it('json: the event itself, signed with HMAC-SHA256 over timestamp and body', () => {
    const request = webhookRequest('json', event, 's3cret', '1790000000');
    expect(JSON.parse(request.body)).toMatchObject({ ...event, title: 'orc: web/dev needs a person' });
    const expected = createHmac('sha256', 's3cret').update(`1790000000.${request.body}`).digest('hex');
    expect(request.headers[SIGNATURE_HEADER]).toBe(`sha256=${expected}`);
    expect(request.headers[TIMESTAMP_HEADER]).toBe('1790000000');
    expect(request.headers['content-type']).toBe('application/json');
  });

  it('no secret, no signature', () => {
    expect(webhookRequest('json', event, null, '1').headers[SIGNATURE_HEADER]).toBeUndefined();
  });

  it("slack: {text}, with an agent's markup escaped", () => {
    const body = JSON.parse(webhookRequest('slack', event, null, '1').body) as { text: string };
    expect(Object.keys(body)).toEqual(['text']);
    expect(body.text).toBe('orc: web/dev needs a person: web/dev asks to run: make deploy &lt;@channel&gt;');
  });

  it('ntfy: the summary as plain text, title and tags as headers that stay one printable line', () => {
    const request = webhookRequest('ntfy', { ...event, agent: 'web/dev\r\nX-Evil: 1' }, null, '1');
    expect(request.body).toBe(event.summary);
    expect(request.headers.title).toBe('orc: web/dev??X-Evil: 1 needs a person');
    expect(request.headers.tags).toBe('raising_hand');
    expect(request.headers['content-type']).toMatch(/^text\/plain/);
  });
});

describe('checkWebhookUrl', () => {
  it('takes http and https anywhere', () => {
    expect(checkWebhookUrl('http://127.0.0.1:9999/hook')).toBe('http://127.0.0.1:9999/hook');
    expect(checkWebhookUrl('https://ntfy.sh/my-topic')).toBe('https://ntfy.sh/my-topic');
  });
  it('refuses other schemes, credentials in the URL and what is not a URL', () => {
    expect(() => checkWebhookUrl('file:///etc/passwd')).toThrow(/http or https, not file/);
    expect(() => checkWebhookUrl('https://user:pw@example.com/x')).toThrow(/no user name or password/);
    expect(() => checkWebhookUrl('https://user@example.com/x')).toThrow(/no user name or password/);
    expect(() => checkWebhookUrl('example.com/x')).toThrow(/not a URL/);
  });
  it('lists a URL without its query', () => {
    expect(displayWebhookUrl('https://example.com/hook?token=abc')).toBe('https://example.com/hook?…');
  });
});
