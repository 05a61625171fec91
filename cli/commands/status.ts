// orc status [--json]
import type { Command } from 'commander';
import { printJson, printTable } from '../output.ts';
import type { CommandContext } from '../context.ts';

/** The state as a person reads it: where it is, why, and until when. */
function stateWords(agent: { state: string; pausedUntil?: string | null | undefined; blockedBy?: { title: string } | null | undefined }): string {
  if (agent.state === 'unreachable') return 'host unreachable';
  if (agent.state === 'paused' && agent.pausedUntil) return `paused (usage limit until ${agent.pausedUntil})`;
  // The dialog's words come from the agent's screen, its control characters already replaced.
  if (agent.state === 'blocked' && agent.blockedBy) return `blocked (dialog: ${agent.blockedBy.title.slice(0, 80)})`;
  return agent.state;
}

export function registerStatusCommand(program: Command, context: CommandContext): void {
  program
    .command('status')
    .description('list running agents with their state')
    .option('--json', 'print a JSON array, one entry per agent')
    .action(async (options: { json?: boolean }) => {
      const agents = await context.client().agents.status.query();
      if (options.json) {
        printJson(agents);
        return;
      }
      if (agents.length === 0) {
        process.stdout.write('no agents running; start one with: orc agent start <team>/<agent> --project <dir>\n');
        return;
      }
      printTable([
        ['AGENT', 'STATE', 'INBOX', 'NEXT CHECK-IN', 'HOST', 'PROJECT', 'SANDBOX'],
        ...agents.map((a) => [a.id, stateWords(a), String(a.inbox), a.nextCheckinAt ?? '-', a.host, a.projectDir, a.sandboxed ? 'on' : 'off']),
      ]);
      // What orc could not read (no worker answering, say) is said under the table, once per problem.
      const problems = [...new Set(agents.filter((a) => (a.state === 'unknown' || a.state === 'unreachable') && a.problem).map((a) => `${a.id}: ${a.problem}`))];
      for (const problem of problems) process.stdout.write(`${problem}\n`);
      // Who needs a person and why (waiting request, blocked dialog, failed, paused): `needsPerson` in --json.
      for (const a of agents) if (a.needsPerson) process.stdout.write(`${a.id} needs a person (${a.needsPerson.reason}): ${a.needsPerson.detail}\n`);
    });
}
