// Where a webhook may go: anywhere the admin says, over http or https, with no credentials in
// the URL (they would be shown by `orc notify list` and kept in plain text; a secret goes in
// --secret, which is sealed at rest).

export class InvalidWebhookUrl extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidWebhookUrl';
  }
}

export const MAX_WEBHOOK_URL_CHARS = 2000;

/** The URL as it will be called, or throws InvalidWebhookUrl saying what is wrong. */
export function checkWebhookUrl(text: string): string {
  if (text.length > MAX_WEBHOOK_URL_CHARS) throw new InvalidWebhookUrl(`a webhook URL has at most ${MAX_WEBHOOK_URL_CHARS} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidWebhookUrl(`not a URL: ${JSON.stringify(text.slice(0, 100))}; give one like https://hooks.example.com/orc`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidWebhookUrl(`a webhook URL is http or https, not ${url.protocol.replace(/:$/, '')}`);
  if (url.username !== '' || url.password !== '') {
    throw new InvalidWebhookUrl('a webhook URL carries no user name or password; give the receiver a secret with --secret instead');
  }
  if (url.hostname === '') throw new InvalidWebhookUrl('a webhook URL names a host');
  return url.toString();
}

/** The URL as lists show it: its query may hold a token (Slack's and ntfy's do), so only its origin and path. */
export function displayWebhookUrl(text: string): string {
  try {
    const url = new URL(text);
    const path = url.pathname.length > 24 ? `${url.pathname.slice(0, 24)}…` : url.pathname;
    return `${url.origin}${path}${url.search ? '?…' : ''}`;
  } catch {
    return '(invalid)';
  }
}
