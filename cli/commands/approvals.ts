// orc approvals | orc approve <id> [--always [--scope …]] | orc deny <id> [--always] [--reason …]
import type { Command } from 'commander';
import { CliError } from '../errors.ts';
import { printJson, printTable } from '../output.ts';
import type { CommandContext } from '../context.ts';

const SCOPES = ['project', 'team', 'global'] as const;
type Scope = (typeof SCOPES)[number];

function age(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 120 ? `${minutes}m` : `${Math.floor(minutes / 60)}h`;
}

function scopeOf(options: { always?: boolean; scope?: string }): Scope | undefined {
  if (options.scope === undefined) return undefined;
  if (!options.always) throw new CliError('--scope says where an --always rule applies; add --always, or leave --scope out to decide once');
  if (!(SCOPES as readonly string[]).includes(options.scope)) throw new CliError(`--scope is one of ${SCOPES.join(', ')}, not "${options.scope}"`);
  return options.scope as Scope;
}

const STATE_WORDS = { waiting: 'waiting', 'in-dialog': 'in dialog (timed out)' } as const;

type Answered = { id: string; agent: string; command: string | null; tool: string; status: string; rules: { id: string; rule: string; created: boolean }[]; answeredInDialog: string | null };

function printAnswer(answered: Answered, json: boolean | undefined): void {
  if (json) {
    printJson(answered);
    return;
  }
  process.stdout.write(`${answered.status} ${answered.id} (${answered.agent}: ${answered.command ?? answered.tool})\n`);
  if (answered.answeredInDialog !== null) process.stdout.write(`the wait had run out: ${answered.answeredInDialog}\n`);
  for (const rule of answered.rules) process.stdout.write(`${rule.created ? 'learned' : 'already had'} rule ${rule.id}: ${rule.rule}\n`);
}

export function registerApprovalCommands(program: Command, context: CommandContext): void {
  program
    .command('approvals')
    .description(
      'permission requests a person can answer, with orc approve / orc deny. STATE is "waiting" (orc holds\n' +
        'the agent for an answer) or "in dialog (timed out)" (the wait ran out and the agent\'s own dialog\n' +
        'shows it: an answer is pressed there). A timed-out request leaves the list once the agent moves on\n' +
        '(its next tool use, turn or prompt) or is stopped.',
    )
    .option('--json', 'print a JSON array of {id, agent, state ("waiting" | "in-dialog"), tool, command, input, reason, requestedAt, ageMs, timedOutAt}')
    .action(async (options: { json?: boolean }) => {
      const open = await context.client().approvals.list.query();
      if (options.json) {
        printJson(open);
        return;
      }
      if (open.length === 0) {
        process.stdout.write('no permission requests to answer\n');
        return;
      }
      printTable([
        ['ID', 'AGENT', 'TOOL', 'STATE', 'AGE', 'REQUEST'],
        ...open.map((p) => [p.id, p.agent, p.tool, STATE_WORDS[p.state], age(p.ageMs), (p.command ?? JSON.stringify(p.input)).replace(/\s+/g, ' ').slice(0, 100)]),
      ]);
    });

  program
    .command('approve')
    .description(
      'allow a pending request. With --always, orc also learns a rule (e.g. `npm run test -- --watch` teaches\n' +
        'Bash(npm run test *)) that decides such requests from now on, and Claude Code writes it into the\n' +
        'project\'s .claude/settings.local.json. Commands that can do anything (rm, curl, shells) teach nothing.\n' +
        'After the wait ran out (the agent\'s own dialog is showing), orc presses "Yes" in that dialog instead.\n' +
        '  orc approve 3f9a1c2b7e\n  orc approve 3f9a1c2b7e --always --scope team',
    )
    .argument('<id>', 'the request id, from orc approvals')
    .option('--always', 'learn a rule from this request')
    .option('--scope <scope>', 'where the learned rule applies: project (default), team or global')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, options: { always?: boolean; scope?: string; json?: boolean }) => {
      const scope = scopeOf(options);
      printAnswer(await context.client().approvals.approve.mutate({ id, always: options.always ?? false, scope }), options.json);
    });

  program
    .command('deny')
    .description('deny a pending request; the agent sees the reason. With --always, orc learns a deny rule.\n  orc deny 3f9a1c2b7e --reason "use the staging database"')
    .argument('<id>', 'the request id, from orc approvals')
    .option('--always', 'learn a deny rule from this request')
    .option('--scope <scope>', 'where the learned rule applies: project (default), team or global')
    .option('--reason <text>', 'why, shown to the agent')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, options: { always?: boolean; scope?: string; reason?: string; json?: boolean }) => {
      const scope = scopeOf(options);
      printAnswer(await context.client().approvals.deny.mutate({ id, always: options.always ?? false, scope, reason: options.reason }), options.json);
    });
}
