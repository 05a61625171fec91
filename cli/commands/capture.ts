// orc capture <team/agent> [--lines N] [--json]
import { InvalidArgumentError, type Command } from 'commander';
import { parseAgentRef } from '../../domain/names.ts';
import { MAX_CAPTURE_LINES } from '../../domain/pane-text.ts';
import { printJson } from '../output.ts';
import type { CommandContext } from '../context.ts';

function parseLines(value: string): number {
  const lines = Number(value);
  if (!Number.isInteger(lines) || lines < 1 || lines > MAX_CAPTURE_LINES) throw new InvalidArgumentError(`give a whole number from 1 to ${MAX_CAPTURE_LINES}`);
  return lines;
}

export function registerCaptureCommand(program: Command, context: CommandContext): void {
  program
    .command('capture')
    .description("print what an agent's terminal shows")
    .argument('<team/agent>', 'agent id')
    .option('--lines <n>', 'how many lines, counting back from the bottom (runs of blank lines count as one)', parseLines, 50)
    .option('--json', 'print {agent, lines, text} as JSON')
    .action(async (id: string, options: { lines: number; json?: boolean }) => {
      parseAgentRef(id);
      const { text } = await context.client().agents.capture.query({ agent: id, lines: options.lines });
      if (options.json) printJson({ agent: id, lines: options.lines, text });
      else process.stdout.write(`${text}\n`);
    });
}
