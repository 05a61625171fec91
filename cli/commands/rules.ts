// orc rules list | orc rules add "<rule>" --allow|--deny [--scope …] | orc rules import | orc rules rm <id>
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { CliError } from '../errors.ts';
import { printJson, printTable } from '../output.ts';
import type { CommandContext } from '../context.ts';
import { SETTINGS_FILES, readSettingsRules } from '../settings-rules.ts';

const SCOPES = ['project', 'team', 'global'] as const;
type Scope = (typeof SCOPES)[number];

export function registerRuleCommands(program: Command, context: CommandContext): void {
  const rules = program.command('rules').description('the permission rules orc has learned or been given, in Claude Code\'s syntax');

  rules
    .command('list')
    .description('active rules, most used first')
    .option('--json', 'print a JSON array of {id, rule, effect, scope, scopeKey, source, hitCount, lastUsedAt, createdBy, createdAt}')
    .action(async (options: { json?: boolean }) => {
      const list = await context.client().rules.list.query();
      if (options.json) {
        printJson(list);
        return;
      }
      if (list.length === 0) {
        process.stdout.write('no rules\n');
        return;
      }
      printTable([['ID', 'EFFECT', 'RULE', 'SCOPE', 'HITS', 'SOURCE'], ...list.map((r) => [r.id, r.effect, r.rule, r.scopeKey === null ? r.scope : `${r.scope}:${r.scopeKey}`, String(r.hitCount), r.source])]);
    });

  rules
    .command('add')
    .description(
      'add a rule. Syntax as in Claude Code: Bash(npm test *), Read(/src/**), WebFetch(domain:github.com).\n' +
        '  orc rules add "Bash(npm run build)" --allow --project .\n  orc rules add "Bash(git push *)" --deny --scope team --team web',
    )
    .argument('<rule>', 'the rule')
    .option('--allow', 'allow what the rule matches')
    .option('--deny', 'deny what the rule matches')
    .option('--scope <scope>', 'project (default), team or global')
    .option('--project <dir>', 'for --scope project: the project dir (default: the current dir)')
    .option('--team <team>', 'for --scope team: the team')
    .option('--json', 'print the rule as JSON')
    .action(async (rule: string, options: { allow?: boolean; deny?: boolean; scope?: string; project?: string; team?: string; json?: boolean }) => {
      if (options.allow === options.deny) throw new CliError('say what the rule does: --allow or --deny (exactly one)');
      const scope = (options.scope ?? 'project') as Scope;
      if (!SCOPES.includes(scope)) throw new CliError(`--scope is one of ${SCOPES.join(', ')}, not "${options.scope ?? ''}"`);
      const project = scope === 'project' ? resolve(options.project ?? '.') : options.project;
      const added = await context.client().rules.add.mutate({ rule, effect: options.allow ? 'allow' : 'deny', scope, project, team: options.team });
      if (options.json) printJson(added);
      else process.stdout.write(`${added.created ? 'added' : 'already had'} rule ${added.id}: ${added.effect} ${added.rule} (${added.scopeKey === null ? added.scope : `${added.scope} ${added.scopeKey}`})\n`);
    });

  rules
    .command('import')
    .description(
      `store the rules a project's Claude Code settings already hold (permissions.allow and permissions.deny in\n` +
        `${SETTINGS_FILES.join(' and ')}) as orc rules for that project, source "imported". Rules with bad\n` +
        'syntax and rules orc already has are skipped, each with the reason.\n  orc rules import --project ~/src/web',
    )
    .option('--project <dir>', 'the project dir (default: the current dir)')
    .option('--json', 'print {project, files, imported: [{id, rule, effect, file}], skipped: [{rule, effect, file, why}]}')
    .action(async (options: { project?: string; json?: boolean }) => {
      const project = resolve(options.project ?? '.');
      const found = await readSettingsRules(project);
      const result = found.rules.length === 0 ? { project, imported: [], skipped: [] } : await context.client().rules.import.mutate({ project, rules: found.rules });
      const skipped = [...found.skipped, ...result.skipped];
      if (options.json) {
        printJson({ project: result.project, files: found.files, imported: result.imported, skipped });
        return;
      }
      if (found.files.length === 0) {
        process.stdout.write(`no Claude Code settings in ${project} (looked for ${SETTINGS_FILES.join(', ')})\n`);
        return;
      }
      process.stdout.write(`imported ${result.imported.length} rule${result.imported.length === 1 ? '' : 's'} for ${result.project} from ${found.files.join(', ')}\n`);
      for (const rule of result.imported) process.stdout.write(`  ${rule.id} ${rule.effect} ${rule.rule} (${rule.file})\n`);
      if (skipped.length > 0) process.stdout.write(`skipped ${skipped.length}:\n`);
      for (const skip of skipped) process.stdout.write(`  ${skip.rule ?? '(file)'} (${skip.file}): ${skip.why}\n`);
    });

  rules
    .command('rm')
    .description('remove a rule (requests it decided keep saying so)')
    .argument('<id>', 'the rule id, from orc rules list')
    .action(async (id: string) => {
      const removed = await context.client().rules.remove.mutate({ id });
      process.stdout.write(`removed rule ${removed.id}: ${removed.effect} ${removed.rule}\n`);
    });
}
