// orc token create --role viewer|admin --name <who> | orc token list | orc token revoke <id>
import type { Command } from 'commander';
import { CliError } from '../errors.ts';
import { printJson, printTable } from '../output.ts';
import type { CommandContext } from '../context.ts';

const ROLES = ['viewer', 'admin'] as const;

export function registerTokenCommands(program: Command, context: CommandContext): void {
  const token = program.command('token').description('tokens for people: sign in to the dashboard or use the API (admin token needed)');

  token
    .command('create')
    .description('make a token; it is printed once and stored only as a hash.\n  orc token create --role viewer --name "ops screen"')
    .requiredOption('--role <role>', 'viewer (reads everything, acts on nothing) or admin (everything)')
    .option('--name <name>', 'who or what holds it', 'dashboard')
    .option('--json', 'print {id, token, role, name}')
    .action(async (options: { role: string; name: string; json?: boolean }) => {
      if (!ROLES.includes(options.role as (typeof ROLES)[number])) throw new CliError(`--role is viewer or admin, not "${options.role}"`);
      const created = await context.client().tokens.create.mutate({ role: options.role as (typeof ROLES)[number], name: options.name });
      if (options.json) {
        printJson(created);
        return;
      }
      process.stdout.write(`${created.token}\n`);
      context.progress(`${created.role} token "${created.name}" (id ${created.id}); it is shown only this once`);
    });

  token
    .command('list')
    .description("people's tokens, newest first (never the tokens themselves)")
    .option('--json', 'print a JSON array of {id, name, role, createdAt, revokedAt}')
    .action(async (options: { json?: boolean }) => {
      const list = await context.client().tokens.list.query();
      if (options.json) {
        printJson(list);
        return;
      }
      printTable([['ID', 'ROLE', 'NAME', 'CREATED', 'REVOKED'], ...list.map((t) => [t.id, t.role, t.name, String(t.createdAt), t.revokedAt ? String(t.revokedAt) : ''])]);
    });

  token
    .command('revoke')
    .description('revoke a token: its sessions end and its API calls are refused')
    .argument('<id>', 'the token id, from orc token list')
    .action(async (id: string) => {
      const revoked = await context.client().tokens.revoke.mutate({ id });
      process.stdout.write(`revoked token ${revoked.id} (${revoked.name})\n`);
    });
}
