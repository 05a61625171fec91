// The events a person acts on, as webhooks carry them, and the request each format makes of one.
// Pure: the body, the headers and the signature are computed here; sending is the activity's.
import { createHmac } from 'node:crypto';

export const NOTIFY_EVENTS = ['needs-person', 'failed', 'paused', 'resumed', 'team-finished'] as const;
export type NotifyEventKind = (typeof NOTIFY_EVENTS)[number] | 'test';

export const WEBHOOK_FORMATS = ['json', 'slack', 'ntfy'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export interface NotifyEvent {
  /** Chosen by whoever emits it, deterministic for one occurrence (a request's id, say): deliveries are deduplicated by it. */
  id: string;
  kind: NotifyEventKind;
  /** When it happened (ISO). */
  at: string;
  team: string;
  /** `team/agent`, or null for a team's event. */
  agent: string | null;
  /** One line for a person. Agents' text may be in it: it is data, never markup we trust. */
  summary: string;
  /** The reason needs-person names (domain/notifications/needs-person.ts), when it has one. */
  reason?: string | null;
  /** The permission request it is about, when it is about one. */
  requestId?: string | null;
}

export interface WebhookRequest {
  body: string;
  headers: Record<string, string>;
}

export const SIGNATURE_HEADER = 'x-orc-signature';
export const TIMESTAMP_HEADER = 'x-orc-timestamp';

/**
 * `sha256=<hex>` of `<timestamp>.<body>`: the timestamp is signed with the body, so a receiver
 * that refuses old timestamps cannot be fed a captured request again later.
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

const TITLES: Record<NotifyEventKind, string> = {
  'needs-person': 'needs a person',
  failed: 'failed',
  paused: 'paused',
  resumed: 'resumed',
  'team-finished': 'team finished',
  test: 'test: this webhook works',
};

/** What a chat line or a phone notification says, with the agent or team first. */
export function eventTitle(event: NotifyEvent): string {
  return `orc: ${event.agent ?? event.team} ${TITLES[event.kind]}`;
}

// Slack renders <…|…> links and @-mentions from text; an agent's words must stay plain words.
const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
// A header value is one line of printable text.
const headerSafe = (text: string) => text.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);

/** The request for one event in one format; `timestamp` is Unix seconds, as a string. */
export function webhookRequest(format: WebhookFormat, event: NotifyEvent, secret: string | null, timestamp: string): WebhookRequest {
  let body: string;
  const headers: Record<string, string> = { 'user-agent': 'orc-webhooks', 'x-orc-event': event.kind, 'x-orc-event-id': headerSafe(event.id) };
  if (format === 'slack') {
    body = JSON.stringify({ text: slackEscape(`${eventTitle(event)}: ${event.summary}`) });
    headers['content-type'] = 'application/json';
  } else if (format === 'ntfy') {
    body = event.summary;
    headers['content-type'] = 'text/plain; charset=utf-8';
    headers.title = headerSafe(eventTitle(event));
    headers.tags = event.kind === 'failed' ? 'rotating_light' : event.kind === 'needs-person' ? 'raising_hand' : 'robot';
    if (event.kind === 'needs-person' || event.kind === 'failed') headers.priority = 'high';
  } else {
    body = JSON.stringify({ ...event, title: eventTitle(event) });
    headers['content-type'] = 'application/json';
  }
  headers[TIMESTAMP_HEADER] = timestamp;
  if (secret) headers[SIGNATURE_HEADER] = webhookSignature(secret, timestamp, body);
  return { body, headers };
}
