// orc hosts [--json]
import type { Command } from 'commander';
import { printJson, printTable } from '../output.ts';
import type { CommandContext } from '../context.ts';

export function registerHostsCommand(program: Command, context: CommandContext): void {
  program
    .command('hosts')
    .description("list the hosts orc knows (its own and every running agent's): whether each one's worker is there, and which workers poll its queue")
    .option('--json', 'print {hosts: [{host, presence, pollers, agents}], workflowPollers} as JSON')
    .action(async (options: { json?: boolean }) => {
      const list = await context.client().hosts.list.query();
      if (options.json) {
        printJson(list);
        return;
      }
      printTable([
        ['HOST', 'WORKER', 'LAST SEEN', 'AGENTS', 'POLLERS'],
        ...list.hosts.map((h) => [h.host, h.presence.state, h.presence.lastSeenAt ?? '-', String(h.agents), h.pollers.map((p) => p.identity).join(', ') || '-']),
      ]);
      for (const h of list.hosts) if (h.presence.state !== 'up') process.stdout.write(`${h.presence.problem}\n`);
      if (list.workflowPollers.length === 0) process.stdout.write('no worker has polled the workflow queue lately: no agent workflow can run; start one with: npm start\n');
    });
}
