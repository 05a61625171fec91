// The `orc` command: its help text is its specification.
import { Command } from 'commander';
import { createOrcClient, readClientSettings, type OrcClient } from './client.ts';
import { registerAgentCommands } from './commands/agent.ts';
import { registerApprovalCommands } from './commands/approvals.ts';
import { registerCaptureCommand } from './commands/capture.ts';
import { registerCheckinCommands } from './commands/checkin.ts';
import { registerDoctorCommand } from './commands/doctor.ts';
import { registerHistoryCommand } from './commands/history.ts';
import { registerHostsCommand } from './commands/hosts.ts';
import { registerLogCommand } from './commands/log.ts';
import { registerReviewCommands } from './commands/review.ts';
import { registerNotifyCommands } from './commands/notify.ts';
import { registerRuleCommands } from './commands/rules.ts';
import { registerStatsCommand } from './commands/stats.ts';
import { registerTeamCommands } from './commands/team.ts';
import { registerTokenCommands } from './commands/token.ts';
import { registerSendCommand } from './commands/send.ts';
import { registerStatusCommand } from './commands/status.ts';
import { registerUsageCommand } from './commands/usage.ts';
import type { CommandContext } from './context.ts';

export function buildProgram(): Command {
  let client: OrcClient | undefined;
  const context: CommandContext = {
    client: () => (client ??= createOrcClient(readClientSettings())),
    // Progress goes to stderr (stdout stays clean for --json), and only to a person at a
    // terminal: scripts get just the result or one error line.
    progress: (line) => {
      if (process.stderr.isTTY) process.stderr.write(`${line}\n`);
    },
  };
  const program = new Command('orc')
    .description('Drive teams of AI coding agents running in tmux, through the orc server.\n\nServer: ORC_URL (default http://127.0.0.1:3000). Token: ORC_TOKEN, else ORC_AGENT_TOKEN, else <ORC_DATA_DIR or .data>/admin-token.')
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(text) });
  registerAgentCommands(program, context);
  registerSendCommand(program, context);
  registerCaptureCommand(program, context);
  registerStatusCommand(program, context);
  registerHostsCommand(program, context);
  registerCheckinCommands(program, context);
  registerLogCommand(program, context);
  registerHistoryCommand(program, context);
  registerTeamCommands(program, context);
  registerReviewCommands(program, context);
  registerApprovalCommands(program, context);
  registerRuleCommands(program, context);
  registerStatsCommand(program, context);
  registerUsageCommand(program, context);
  registerTokenCommands(program, context);
  registerNotifyCommands(program, context);
  registerDoctorCommand(program);
  return program;
}
