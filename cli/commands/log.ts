// orc log [--team t] [--agent a] [--json]
import type { Command } from 'commander';
import { printJson } from '../output.ts';
import type { CommandContext } from '../context.ts';

export function registerLogCommand(program: Command, context: CommandContext): void {
  program
    .command('log')
    .description('the communication log: every message, its sender, and when it was queued, delivered and confirmed')
    .option('--team <team>', 'only this team')
    .option('--agent <team/agent>', 'only messages to or from this agent')
    .option('--search <text>', 'only messages containing this text')
    .option('--limit <n>', 'the last n messages', (v) => Number(v), 200)
    .option('--json', 'print a JSON array')
    .action(async (options: { team?: string; agent?: string; search?: string; limit: number; json?: boolean }) => {
      const entries = await context.client().log.messages.query({ team: options.team, agent: options.agent, search: options.search, limit: options.limit });
      if (options.json) {
        printJson(entries);
        return;
      }
      for (const e of entries) {
        const when = e.queuedAt.replace('T', ' ').slice(0, 19);
        const latency = e.confirmedAt ? ` (${Date.parse(e.confirmedAt) - Date.parse(e.queuedAt)} ms)` : '';
        process.stdout.write(`${when}  ${e.from} → ${e.to}  [${e.state}${latency}]  ${e.text.replace(/\s+/g, ' ').slice(0, 120)}\n`);
      }
      if (entries.length === 0) process.stdout.write('no messages\n');
    });
}
