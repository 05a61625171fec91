// orc doctor [--json]
import type { Command } from 'commander';
import { allPassed, judge, type CheckResult } from '../doctor/checks.ts';
import { printJson, printTable } from '../output.ts';

function printReport(results: CheckResult[]): void {
  printTable([['CHECK', 'STATUS', 'DETAIL'], ...results.map((r) => [r.check, r.status, r.detail])]);
  const toFix = results.filter((r) => r.fix !== null);
  if (toFix.length > 0) {
    process.stdout.write('\nto fix:\n');
    for (const r of toFix) process.stdout.write(`  ${r.check} (${r.status}): ${r.fix}\n`);
  }
  const failed = results.filter((r) => r.status === 'fail').length;
  const warned = results.filter((r) => r.status === 'warn').length;
  const warnings = warned === 0 ? '' : `, ${warned} warning${warned === 1 ? '' : 's'}`;
  process.stdout.write(`\n${failed === 0 ? 'no check failed' : `${failed} check${failed === 1 ? '' : 's'} failed`}${warnings}\n`);
}

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description(
      'check that this machine can run orc: Node, tmux, the Temporal CLI, the database, the orc server and the token (ORC_URL, ORC_TOKEN), Claude Code, bubblewrap, and the ports npm start listens on. Each check is ok, warn or fail, with the line that fixes it; exits 1 when one fails',
    )
    .option('--json', 'print {ok, checks: [{check, status, detail, fix}]}')
    .action(async (options: { json?: boolean }) => {
      // Loaded only here: the probes bring PostgreSQL's and Temporal's clients, which no other command needs.
      const { gatherFacts } = await import('../doctor/probes.ts');
      const results = judge(await gatherFacts());
      if (options.json) printJson({ ok: allPassed(results), checks: results });
      else printReport(results);
      if (!allPassed(results)) process.exitCode = 1;
    });
}
