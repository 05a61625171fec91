// orc team create|deploy|list|show|stop|add-agent
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseAgentsFlag, teamSpecFromFlags } from '../../domain/teams/agents-flag.ts';
import { parseTeamSpec } from '../../domain/teams/parse-team-spec.ts';
import type { TeamSpecResult } from '../../domain/teams/team-spec.ts';
import { CliError } from '../errors.ts';
import { parseEnvPair } from '../env-pairs.ts';
import { printJson, printTable } from '../output.ts';
import type { CommandContext } from '../context.ts';
import type { OrcClient } from '../client.ts';


/** Every problem of a spec, one per line, then a non-zero exit; nothing was started. */
function specOrExit(result: TeamSpecResult, source: string) {
  if (result.ok) return result.spec;
  throw new CliError(`${source} has ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}; nothing was started:\n  ${result.problems.join('\n  ')}`);
}

interface AgentFlags {
  workspace?: string;
  checkin?: string;
  gitCheckpoint?: string;
  cmd?: string;
  profile?: string;
  /** False with --no-sandbox. */
  sandbox: boolean;
  env: Record<string, string>;
  json?: boolean;
}

const withAgentFlags = (command: Command) =>
  command
    .option('--cmd <command>', 'the agent command for every agent (default: Claude Code)')
    .option('--profile <profile>', 'a named agent command: claude-code, codex or shell')
    .option('--workspace <mode>', 'shared (the project dir) or worktree (a git worktree per agent)')
    .option('--checkin <duration>', 'a regular check-in for each agent, e.g. 30m')
    .option('--git-checkpoint <duration>', 'commit each workspace this often if it changed, or "off" (default 30m)')
    .option('--env <KEY=VALUE>', 'extra environment for the agents (repeatable)', parseEnvPair, {})
    .option('--no-sandbox', 'run the agents unconfined instead of in their bubblewrap sandboxes (docs/sandbox.md)')
    .option('--json', 'print the team as JSON');

async function deployAndPrint(client: OrcClient, spec: ReturnType<typeof specOrExit>, options: AgentFlags, progress: (line: string) => void) {
  progress(`deploying team ${spec.team}: ${spec.agents.map((a) => `${a.name} (${a.role})`).join(', ')} …`);
  const team = await client.teams.deploy.mutate({ spec, env: options.env });
  if (options.json) printJson(team);
  else process.stdout.write(`team ${team.team} running: ${team.agents.map((a) => `${a.id} (${a.role})`).join(', ')}\n`);
}

export function registerTeamCommands(program: Command, context: CommandContext): void {
  const team = program.command('team').description('deploy and manage teams of agents');

  withAgentFlags(
    team
      .command('create')
      .description('create a team from flags: orc team create web --project ~/src/web --agents "pm:project-manager,api:engineer,qa:qa"')
      .argument('<team>', 'team name')
      .requiredOption('--project <dir>', 'the project directory')
      .requiredOption('--agents <list>', 'name:role pairs, comma separated')
      .option('--host <host>', 'the host whose worker runs the agents'),
  ).action(async (name: string, options: AgentFlags & { project: string; agents: string; host?: string }) => {
    const spec = specOrExit(
      teamSpecFromFlags({
        team: name,
        project: options.project,
        cwd: process.cwd(),
        agents: options.agents,
        host: options.host,
        workspace: options.workspace,
        checkin: options.checkin,
        gitCheckpoint: options.gitCheckpoint,
        command: options.cmd,
        profile: options.profile,
        ...(options.sandbox ? {} : { sandbox: false }),
      }),
      'the flags',
    );
    await deployAndPrint(context.client(), spec, options, context.progress);
  });

  team
    .command('deploy')
    .description('create a team from a spec file (YAML); every problem in it is listed with its path')
    .argument('<file>', 'the spec file, e.g. team.yaml')
    .option('--env <KEY=VALUE>', 'extra environment for the agents (repeatable)', parseEnvPair, {})
    .option('--json', 'print the team as JSON')
    .action(async (file: string, options: AgentFlags) => {
      const path = resolve(file);
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        throw new CliError(`cannot read the spec file ${path}`);
      }
      const spec = specOrExit(parseTeamSpec(text, { specDir: dirname(path), readFile: (p) => readFileSync(p, 'utf8') }), file);
      await deployAndPrint(context.client(), spec, options, context.progress);
    });

  team
    .command('list')
    .description('list running teams')
    .option('--json', 'print a JSON array')
    .action(async (options: { json?: boolean }) => {
      const list = await context.client().teams.list.query();
      if (options.json) return printJson(list);
      if (list.length === 0) return void process.stdout.write('no teams running; deploy one with: orc team deploy team.yaml\n');
      printTable([['TEAM', 'STATE', 'AGENTS', 'PROJECT'], ...list.map((t) => [t.team, t.state, t.agents.map((a) => a.id.split('/')[1]).join(','), t.projectDir])]);
    });

  team
    .command('show')
    .description('a team, its agents and their roles')
    .argument('<team>', 'team name')
    .option('--json', 'print as JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      const description = await context.client().teams.show.query({ team: name });
      if (options.json) return printJson(description);
      process.stdout.write(`team ${description.team} (${description.state}) in ${description.projectDir} on ${description.host}\n`);
      printTable([['AGENT', 'ROLE', 'REPORTS TO', 'STATE', 'WORKSPACE'], ...description.agents.map((a) => [a.id, a.role, a.manager ?? 'human', a.state, a.workspaceDir ?? '-'])]);
    });

  team
    .command('stop')
    .description('stop every agent of the team (their pane histories are saved), then the team')
    .argument('<team>', 'team name')
    .option('--json', 'print the final team as JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      const description = await context.client().teams.stop.mutate({ team: name });
      if (options.json) printJson(description);
      else process.stdout.write(`stopped team ${description.team} (${description.agents.length} agents)\n`);
    });

  withAgentFlags(
    team
      .command('add-agent')
      .description('add an agent to a running team')
      .argument('<team>', 'team name')
      .argument('<name>', 'agent name')
      .requiredOption('--role <role>', 'its role'),
  ).action(async (teamName: string, name: string, options: AgentFlags & { role: string }) => {
    const parsed = parseAgentsFlag(`${name}:${options.role}`, {
      workspace: options.workspace,
      checkin: options.checkin,
      gitCheckpoint: options.gitCheckpoint,
      command: options.cmd,
      profile: options.profile,
      ...(options.sandbox ? {} : { sandbox: false }),
    });
    if (!parsed.ok) throw new CliError(`the flags have problems; nothing was started:\n  ${parsed.problems.join('\n  ')}`);
    const [agent] = parsed.agents;
    if (!agent) throw new CliError('no agent given');
    const description = await context.client().teams.addAgent.mutate({ team: teamName, agent, env: options.env });
    if (options.json) printJson(description);
    else process.stdout.write(`added ${teamName}/${name} (${options.role}) to team ${teamName}\n`);
  });
}
