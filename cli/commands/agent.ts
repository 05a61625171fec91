// orc agent start|stop|restart (and the controls: agent-controls.ts)
import type { Command } from 'commander';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatAgentRef, parseAgentRef } from '../../domain/names.ts';
import { parseSandboxPath, type SandboxPath } from '../../domain/sandbox.ts';
import { MCP_SERVER_NAME, MCP_SERVER_NAME_RULE } from '../../domain/project-mcp-servers.ts';
import { CliError } from '../errors.ts';
import { parseEnvPair } from '../env-pairs.ts';
import { printJson } from '../output.ts';
import { registerAgentControlCommands } from './agent-controls.ts';
import type { CommandContext } from '../context.ts';

/** `--sandbox-allow` values, each checked as it comes. */
function collectSandboxPath(value: string, previous: SandboxPath[]): SandboxPath[] {
  try {
    return [...previous, parseSandboxPath(value)];
  } catch (err) {
    throw new CliError(`--sandbox-allow: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** `--mcp-server` values, each checked as it comes. */
function collectMcpServer(value: string, previous: string[]): string[] {
  if (!MCP_SERVER_NAME.test(value)) throw new CliError(`--mcp-server: MCP server name ${JSON.stringify(value)} is invalid: use ${MCP_SERVER_NAME_RULE}`);
  return [...previous, value];
}

export function registerAgentCommands(program: Command, context: CommandContext): void {
  const agent = program.command('agent').description('start, stop and restart agents; interrupt them, switch their mode or model, compact or clear them');

  agent
    .command('start')
    .description('launch an agent CLI in a tmux window of its team, in its project directory')
    .argument('<team/agent>', 'agent id, e.g. demo/dev (names: a-z, 0-9, "-", 1 to 40 characters)')
    .requiredOption('--project <dir>', 'the project directory the agent works in')
    .option('--cmd <command>', 'the agent command (default: claude --permission-mode default)')
    .option('--env <KEY=VALUE>', 'extra environment for the agent (repeatable)', parseEnvPair, {})
    .option('--host <host>', 'the host whose worker runs the agent (default: the server\'s host)')
    .option('--no-hooks', "launch Claude Code without orc's hooks: its host then answers its permission dialogs from its screen")
    .option('--sandbox', 'run the agent confined by bubblewrap (the default): credentials and orc\'s secrets hidden, writes only in its project, scratch dir and CLI state, its own processes only')
    .option('--no-sandbox', 'run the agent unconfined, as your own user with everything it can reach')
    .option('--sandbox-allow <path[:rw]>', 'open one more path to the sandboxed agent, read-only unless :rw; ~/ is its home (repeatable), e.g. --sandbox-allow ~/.m2:rw', collectSandboxPath, [])
    .option('--mcp-server <name>', "let Claude Code start this MCP server of the project's .mcp.json (repeatable); every other one there is disabled", collectMcpServer, [])
    .option('--json', 'print the agent status as JSON')
    .action(async (id: string, options: { project: string; cmd?: string; env: Record<string, string>; host?: string; hooks: boolean; sandbox?: boolean; sandboxAllow: SandboxPath[]; mcpServer: string[]; json?: boolean }) => {
      const ref = parseAgentRef(id);
      const projectDir = resolve(options.project);
      const onThisHost = options.host === undefined;
      if (onThisHost && !statSync(projectDir, { throwIfNoEntry: false })?.isDirectory()) {
        throw new CliError(`project directory ${projectDir} does not exist; create it (mkdir -p ${projectDir}) or pass another --project`);
      }
      context.progress(`starting ${id} in ${projectDir} …`);
      const status = await context.client().agents.start.mutate({
        agent: formatAgentRef(ref),
        projectDir,
        command: options.cmd,
        env: options.env,
        host: options.host,
        hooks: options.hooks,
        sandbox: { enabled: options.sandbox !== false, allow: options.sandboxAllow },
        mcpServers: options.mcpServer,
      });
      if (options.json) printJson(status);
      else process.stdout.write(`started ${status.id} (${status.state}) on host ${status.host}, tmux pane ${status.paneId ?? '?'}\n`);
    });

  agent
    .command('stop')
    .description('stop an agent: its pane history is saved, then its window is closed')
    .argument('<team/agent>', 'agent id')
    .option('--json', 'print the final status as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      parseAgentRef(id);
      const status = await context.client().agents.stop.mutate({ agent: id });
      if (options.json) printJson(status);
      else if ('queued' in status) process.stdout.write(`stop of ${status.id} queued: ${status.queued}\n`);
      else process.stdout.write(`stopped ${status.id}\n`);
    });

  agent
    .command('restart')
    .description('stop an agent and start it again as it was launched (a team member through its team, same role, workspace and options)')
    .argument('<team/agent>', 'agent id')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      parseAgentRef(id);
      context.progress(`restarting ${id} …`);
      const result = await context.client().agents.restart.mutate({ agent: id });
      if (options.json) printJson(result);
      else process.stdout.write(`restarted ${result.id}${result.throughTeam ? ' (through its team)' : ''}\n`);
    });

  registerAgentControlCommands(agent, context);
}
