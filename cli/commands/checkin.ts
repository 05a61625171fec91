// orc checkin <duration> "<note>" | orc checkin cancel <id> | orc checkins
import type { Command } from 'commander';
import { parseAgentRef } from '../../domain/names.ts';
import { CliError } from '../errors.ts';
import { printJson, printTable } from '../output.ts';
import type { CommandContext } from '../context.ts';

export function registerCheckinCommands(program: Command, context: CommandContext): void {
  program
    .command('checkin')
    .description(
      'schedule a check-in: when due, the note is delivered to the agent as a message.\n' +
        'Inside an agent\'s window it is for that agent; from outside, name one with --agent.\n' +
        '  orc checkin 30m "review the PR from api"\n  orc checkin --agent demo/dev 1h30m "run the tests"\n  orc checkin cancel <id>',
    )
    .argument('<when>', 'a duration such as 90s, 30m, 1h30m; or "cancel"')
    .argument('<note-or-id...>', 'the note (or, after cancel, the check-in id)')
    .option('--agent <team/agent>', 'the agent (default: this window\'s agent, from ORC_AGENT)')
    .option('--json', 'print the check-in as JSON')
    .action(async (when: string, rest: string[], options: { agent?: string; json?: boolean }) => {
      const client = context.client();
      if (when === 'cancel') {
        if (rest.length !== 1) throw new CliError('usage: orc checkin cancel <id>');
        const cancelled = await client.checkins.cancel.mutate({ id: rest[0] ?? '' });
        if (options.json) printJson(cancelled);
        else process.stdout.write(`cancelled check-in ${cancelled.id} of ${cancelled.agent}\n`);
        return;
      }
      if (options.agent) parseAgentRef(options.agent);
      const checkin = await client.checkins.schedule.mutate({ agent: options.agent, delay: when, note: rest.join(' ') });
      if (options.json) printJson(checkin);
      else process.stdout.write(`check-in ${checkin.id} for ${checkin.agent} due ${checkin.dueAt}${checkin.queued ? ` (queued: ${checkin.queued})` : ''}\n`);
    });

  program
    .command('checkins')
    .description('list pending check-ins')
    .option('--team <team>', 'only this team')
    .option('--agent <team/agent>', 'only this agent')
    .option('--json', 'print a JSON array of {id, agent, dueAt, note, createdBy}')
    .action(async (options: { team?: string; agent?: string; json?: boolean }) => {
      const list = await context.client().checkins.list.query({ team: options.team, agent: options.agent });
      if (options.json) {
        printJson(list);
        return;
      }
      if (list.length === 0) {
        process.stdout.write('no pending check-ins\n');
        return;
      }
      printTable([['ID', 'AGENT', 'DUE', 'BY', 'NOTE'], ...list.map((c) => [c.id, c.agent, c.dueAt, c.createdBy, c.note.replace(/\s+/g, ' ').slice(0, 60)])]);
    });
}
