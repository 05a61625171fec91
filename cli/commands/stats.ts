// orc stats [--json]
import type { Command } from 'commander';
import { printJson, printTable } from '../output.ts';
import type { CommandContext } from '../context.ts';

type Row = { requests: number; autoDecided: number; humanDecided: number; denied: number; timedOut: number; pending: number; autonomyIndex: number; rulesLearned: number };

const cells = (name: string, row: Row) => [
  name, String(row.requests), String(row.autoDecided), String(row.humanDecided), String(row.denied), String(row.timedOut), `${Math.round(row.autonomyIndex * 100)}%`, String(row.rulesLearned),
];

export function registerStatsCommand(program: Command, context: CommandContext): void {
  program
    .command('stats')
    .description('permission requests per agent, team and overall: how many rules decided (autonomy index = auto-decided / all), how many people did, denials, rules learned, the busiest rules')
    .option('--json', 'print {overall, teams, agents, topRules} as JSON')
    .action(async (options: { json?: boolean }) => {
      const stats = await context.client().stats.permissions.query();
      if (options.json) {
        printJson(stats);
        return;
      }
      printTable([
        ['', 'REQUESTS', 'AUTO', 'HUMAN', 'DENIED', 'TIMED OUT', 'AUTONOMY', 'RULES LEARNED'],
        cells('overall', stats.overall),
        ...stats.teams.map((t) => cells(`team ${t.team}`, t)),
        ...stats.agents.map((a) => cells(a.agent, a)),
      ]);
      if (stats.topRules.length > 0) {
        process.stdout.write('\ntop rules\n');
        printTable([['ID', 'HITS', 'EFFECT', 'RULE'], ...stats.topRules.map((r) => [r.id, String(r.hitCount), r.effect, r.rule])]);
      }
    });
}
