// A script for the scripted Messages API: a user text containing one of the trigger words
// makes the model ask to run that word's Bash command; after the tool ran it says "done".
import type { Script } from './scripted-messages-api.ts';

export function bashOnTrigger(commands: Readonly<Record<string, string>>): Script {
  return (ctx) => {
    if (ctx.toolResults.length > 0) return { text: 'done' };
    const trigger = Object.keys(commands).find((word) => ctx.lastUserText?.includes(word));
    const command = trigger === undefined ? undefined : commands[trigger];
    return command === undefined ? { text: 'ok' } : { toolUse: { name: 'Bash', input: { command, description: 'Run it' } } };
  };
}
