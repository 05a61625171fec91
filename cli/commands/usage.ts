// orc usage [--team T] [--agent T/A] [--since <duration|date>] [--by agent|team|day|model] [--json]
import type { Command } from 'commander';
import { parseAgentRef, InvalidNameError } from '../../domain/names.ts';
import { InvalidSinceError, parseSince } from '../../domain/usage/usage-since.ts';
import { CliError } from '../errors.ts';
import { printJson, printTable } from '../output.ts';
import type { CommandContext } from '../context.ts';

const GROUPINGS = ['agent', 'team', 'day', 'model'] as const;
type Grouping = (typeof GROUPINGS)[number];

interface Options {
  team?: string;
  agent?: string;
  since: string;
  by: string;
  json?: boolean;
}

type Figures = { requests: number; inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheCreationTokens: number; costUsd: number };

const count = (n: number) => n.toLocaleString('en-US');
const dollars = (n: number) => `$${n.toFixed(n > 0 && n < 0.01 ? 4 : 2)}`;
const cells = (name: string, f: Figures) => [name, count(f.requests), count(f.inputTokens), count(f.outputTokens), count(f.cacheReadTokens), count(f.cacheCreationTokens), dollars(f.costUsd)];

export function registerUsageCommand(program: Command, context: CommandContext): void {
  program
    .command('usage')
    .description(
      "tokens and cost of the agents' model calls, as their Claude Code reported them to orc: requests, input and output tokens, cache reads and writes, cost in US dollars (the CLI's own prices), per agent, team, UTC day or model.\n\nExample: orc usage --team web --since 1d --by day",
    )
    .option('--team <team>', 'only this team')
    .option('--agent <team/agent>', 'only this agent')
    .option('--since <when>', 'from this long ago (2h, 7d; at most 30d) or this day (2026-11-01, UTC) or time (2026-11-30T08:00:00Z)', '7d')
    .option('--by <grouping>', `one row per ${GROUPINGS.join(', ')}`, 'agent')
    .option('--json', 'print {since, by, total, rows: [{key, requests, inputTokens, outputTokens, cacheReadTokens, cacheCreationTokens, costUsd}]} as JSON')
    .action(async (options: Options) => {
      if (!(GROUPINGS as readonly string[]).includes(options.by)) {
        throw new CliError(`--by ${JSON.stringify(options.by)} is not a grouping: use one of ${GROUPINGS.join(', ')}`);
      }
      if (options.agent !== undefined) {
        try {
          parseAgentRef(options.agent);
        } catch (err) {
          if (err instanceof InvalidNameError) throw new CliError(`--agent: ${err.message}`);
          throw err;
        }
      }
      let since: Date;
      try {
        since = parseSince(options.since);
      } catch (err) {
        if (err instanceof InvalidSinceError) throw new CliError(err.message);
        throw err;
      }
      const usage = await context.client().usage.summary.query({ team: options.team, agent: options.agent, since: since.toISOString(), by: options.by as Grouping });
      if (options.json) {
        printJson(usage);
        return;
      }
      if (usage.rows.length === 0) {
        process.stdout.write(`no model calls reported since ${usage.since}\n`);
        return;
      }
      printTable([
        [usage.by.toUpperCase(), 'REQUESTS', 'INPUT', 'OUTPUT', 'CACHE READ', 'CACHE WRITE', 'COST'],
        ...usage.rows.map((row) => cells(row.key, row)),
        cells('total', usage.total),
      ]);
      process.stdout.write(`since ${usage.since}\n`);
    });
}
