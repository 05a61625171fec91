// orc agent interrupt|mode|compact|clear|model: a person's controls of an agent's CLI, pressed
// on its screen by its host and confirmed there (domain/agent-controls.ts says which kinds have which).
import type { Command } from 'commander';
import { MODEL_NAME, MODEL_NAME_RULE, PERMISSION_MODES, describeControl, type ControlRequest, type PermissionMode } from '../../domain/agent-controls.ts';
import { parseAgentRef } from '../../domain/names.ts';
import { CliError } from '../errors.ts';
import { printJson } from '../output.ts';
import type { CommandContext } from '../context.ts';

const JSON_HELP = 'print the outcome as JSON: control, done, detail and the bottom of its screen';

export function registerAgentControlCommands(agent: Command, context: CommandContext): void {
  async function control(id: string, request: ControlRequest, options: { json?: boolean }): Promise<void> {
    parseAgentRef(id);
    context.progress(`${describeControl(request)} on ${id}: pressing its keys and reading its screen …`);
    const outcome = await context.client().agents.control.mutate({ agent: id, request });
    if (options.json) printJson(outcome);
    else process.stdout.write(`${id}: ${outcome.detail}\n`);
  }

  agent
    .command('interrupt')
    .description("stop what the agent is doing, as Esc does in Claude Code: its turn ends and it waits for the next message (e.g. orc agent interrupt demo/dev)")
    .argument('<team/agent>', 'agent id')
    .option('--json', JSON_HELP)
    .action((id: string, options: { json?: boolean }) => control(id, { control: 'interrupt' }, options));

  agent
    .command('mode')
    .description(`switch the agent's permission mode, as shift+tab does in Claude Code, until its screen shows it (e.g. orc agent mode demo/dev plan)`)
    .argument('<team/agent>', 'agent id')
    .argument('<mode>', `default, acceptEdits or plan (auto and bypassPermissions are refused: they would skip orc's rules)`)
    .option('--json', JSON_HELP)
    .action((id: string, mode: string, options: { json?: boolean }) => {
      if (!(PERMISSION_MODES as readonly string[]).includes(mode)) throw new CliError(`mode "${mode}" is not a permission mode; use one of: default, acceptEdits, plan`);
      return control(id, { control: 'mode', mode: mode as PermissionMode }, options);
    });

  agent
    .command('compact')
    .description("summarise the agent's conversation to free its context (Claude Code's /compact); waits until its screen says it is done")
    .argument('<team/agent>', 'agent id')
    .option('--json', JSON_HELP)
    .action((id: string, options: { json?: boolean }) => control(id, { control: 'compact' }, options));

  agent
    .command('clear')
    .description("start the agent's conversation afresh (Claude Code's /clear): what it was told before is gone from its context")
    .argument('<team/agent>', 'agent id')
    .option('--json', JSON_HELP)
    .action((id: string, options: { json?: boolean }) => control(id, { control: 'clear' }, options));

  agent
    .command('model')
    .description("switch the agent's model (Claude Code's /model <model>, which it also saves as its default for new sessions), e.g. orc agent model demo/dev sonnet")
    .argument('<team/agent>', 'agent id')
    .argument('<model>', 'a model name or alias the CLI knows: opus, sonnet, haiku, claude-sonnet-4-5, …')
    .option('--json', JSON_HELP)
    .action((id: string, model: string, options: { json?: boolean }) => {
      if (!MODEL_NAME.test(model)) throw new CliError(`model "${model}" is not a model name: ${MODEL_NAME_RULE}`);
      return control(id, { control: 'model', model }, options);
    });
}
