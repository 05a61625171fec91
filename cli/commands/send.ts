// orc send <team/agent> "<text>"
import type { Command } from 'commander';
import { parseAgentRef } from '../../domain/names.ts';
import { CliError } from '../errors.ts';
import { printJson } from '../output.ts';
import type { CommandContext } from '../context.ts';

export function registerSendCommand(program: Command, context: CommandContext): void {
  program
    .command('send')
    .description('send a message to an agent and wait until it confirms receipt (when no worker answers for the agent, the message is queued and delivered when one is back)')
    .argument('<team/agent>', 'agent id')
    .argument('<text>', 'the message, delivered literally (quotes, $(...), newlines and all)')
    .option('--json', 'print the delivery record as JSON')
    .action(async (id: string, text: string, options: { json?: boolean }) => {
      parseAgentRef(id);
      const message = await context.client().agents.send.mutate({ agent: id, text });
      if (options.json) printJson(message);
      // No worker answers for the agent now: the message is kept by Temporal and delivered when one is back.
      if (message.state === 'queued') {
        if (!options.json) process.stdout.write(`queued for ${id}: ${message.error ?? 'it is delivered when the agent is reachable again'}\n`);
        return;
      }
      if (message.state !== 'confirmed') {
        throw new CliError(`message ${message.id} to ${id} is ${message.state}: ${message.error ?? 'no confirmation'}`);
      }
      if (!options.json) {
        const ms = message.confirmedAt ? Date.parse(message.confirmedAt) - Date.parse(message.queuedAt) : NaN;
        process.stdout.write(`delivered to ${id} and confirmed${Number.isFinite(ms) ? ` in ${ms} ms` : ''}\n`);
      }
    });
}
