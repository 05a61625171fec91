// orc history <team/agent> [--all] [--json]
import type { Command } from 'commander';
import { parseAgentRef } from '../../domain/names.ts';
import { printJson } from '../output.ts';
import type { CommandContext } from '../context.ts';

export function registerHistoryCommand(program: Command, context: CommandContext): void {
  program
    .command('history')
    .description("what an agent's terminal showed when it last stopped (or died and was relaunched), from the log")
    .argument('<team/agent>', 'agent id')
    .option('--limit <n>', 'how many saved histories, newest first', (v) => Number(v), 1)
    .option('--json', 'print a JSON array of {agent, reason, savedAt, text}')
    .action(async (id: string, options: { limit: number; json?: boolean }) => {
      parseAgentRef(id);
      const histories = await context.client().log.paneHistories.query({ agent: id, limit: options.limit });
      if (options.json) return printJson(histories);
      if (histories.length === 0) return void process.stdout.write(`no saved history for ${id} yet (one is saved when it stops)\n`);
      for (const h of histories) process.stdout.write(`── ${h.agent}, ${h.reason}, ${h.savedAt} ──\n${h.text}\n`);
    });
}
