// orc notify add <url> [--format json|slack|ntfy] [--events …] [--secret …] | list [--json] | rm <id> | test <id>
import type { Command } from 'commander';
import { NOTIFY_EVENTS, WEBHOOK_FORMATS, type NotifyEventKind, type WebhookFormat } from '../../domain/notifications/webhook-event.ts';
import { CliError } from '../errors.ts';
import { printJson, printTable } from '../output.ts';
import type { CommandContext } from '../context.ts';

type Subscribable = (typeof NOTIFY_EVENTS)[number];

function parseEvents(text: string | undefined): Subscribable[] {
  if (text === undefined || text === 'all') return [];
  const events = text.split(',').map((event) => event.trim()).filter(Boolean);
  for (const event of events) {
    if (!NOTIFY_EVENTS.includes(event as Subscribable)) throw new CliError(`--events takes ${NOTIFY_EVENTS.join(', ')} (comma-separated) or all, not "${event}"`);
  }
  return events as Subscribable[];
}

const eventsText = (events: NotifyEventKind[]) => (events.length === 0 ? 'all' : events.join(','));

export function registerNotifyCommands(program: Command, context: CommandContext): void {
  const notify = program.command('notify').description('webhooks for events a person acts on: an agent needs a person, failed, paused, resumed, a team finished (admin token needed)');

  notify
    .command('add')
    .description(
      'send events to a URL, retried with backoff until it answers 2xx.\n' +
        '  orc notify add https://hooks.example.com/orc --secret-env ORC_WEBHOOK_SECRET\n' +
        '  orc notify add https://hooks.slack.com/services/… --format slack --events needs-person,failed\n' +
        '  orc notify add https://ntfy.sh/my-topic --format ntfy',
    )
    .argument('<url>', 'http or https; no user name or password in it')
    .option('--format <format>', `json (the event, signed), slack ({text}) or ntfy (plain text, Title and Tags headers)`, 'json')
    .option('--events <events>', `which events, comma-separated: ${NOTIFY_EVENTS.join(', ')}; or all`, 'all')
    .option('--secret <secret>', 'sign each request: header X-Orc-Signature: sha256=HMAC-SHA256(secret, "<X-Orc-Timestamp>.<body>"); at least 16 characters, kept sealed')
    .option('--secret-env <name>', 'take the secret from this environment variable instead (keeps it out of shell history)')
    .option('--json', 'print {id, url, format, events, signed}')
    .action(async (url: string, options: { format: string; events?: string; secret?: string; secretEnv?: string; json?: boolean }) => {
      if (!WEBHOOK_FORMATS.includes(options.format as WebhookFormat)) throw new CliError(`--format is ${WEBHOOK_FORMATS.join(', ')}, not "${options.format}"`);
      let secret = options.secret ?? null;
      if (options.secretEnv !== undefined) {
        secret = process.env[options.secretEnv] ?? null;
        if (!secret) throw new CliError(`--secret-env ${options.secretEnv}: that environment variable is empty or not set`);
      }
      const added = await context.client().notify.add.mutate({ url, format: options.format as WebhookFormat, events: parseEvents(options.events), secret });
      if (options.json) {
        printJson(added);
        return;
      }
      process.stdout.write(`${added.id}\n`);
      context.progress(`webhook ${added.id}: ${eventsText(added.events)} events to ${added.url} as ${added.format}${added.signed ? ', signed' : ''}; try it with: orc notify test ${added.id}`);
    });

  notify
    .command('list')
    .description('webhooks with their latest delivery attempts (never their secrets)')
    .option('--json', 'print a JSON array of {id, url, format, events, signed, createdBy, createdAt, deliveries: [{eventId, eventKind, attempt, statusCode, error, durationMs, at, ok}]}')
    .action(async (options: { json?: boolean }) => {
      const list = await context.client().notify.list.query();
      if (options.json) {
        printJson(list);
        return;
      }
      if (list.length === 0) {
        process.stdout.write('no webhooks; add one with: orc notify add <url>\n');
        return;
      }
      const last = (hook: (typeof list)[number]) => {
        const attempt = hook.deliveries[0];
        if (!attempt) return '-';
        return `${attempt.at} ${attempt.eventKind} try ${attempt.attempt}: ${attempt.ok ? `HTTP ${attempt.statusCode}` : attempt.error}`;
      };
      printTable([['ID', 'FORMAT', 'EVENTS', 'SIGNED', 'URL', 'LAST DELIVERY'], ...list.map((hook) => [hook.id, hook.format, eventsText(hook.events), hook.signed ? 'yes' : 'no', hook.url, last(hook)])]);
    });

  notify
    .command('rm')
    .description('remove a webhook; deliveries still being retried stop')
    .argument('<id>', 'the webhook id, from orc notify list')
    .action(async (id: string) => {
      const removed = await context.client().notify.remove.mutate({ id });
      process.stdout.write(`removed webhook ${removed.id} (${removed.url})\n`);
    });

  notify
    .command('test')
    .description('send one test event to a webhook, once, and say what it answered')
    .argument('<id>', 'the webhook id, from orc notify list')
    .option('--json', 'print {id, eventId, ok, statusCode, error, durationMs}')
    .action(async (id: string, options: { json?: boolean }) => {
      const result = await context.client().notify.test.mutate({ id });
      if (options.json) printJson(result);
      else process.stdout.write(result.ok ? `webhook ${id} answered HTTP ${result.statusCode} in ${result.durationMs} ms\n` : `webhook ${id} failed: ${result.error}\n`);
      if (!result.ok) process.exitCode = 1;
    });
}
