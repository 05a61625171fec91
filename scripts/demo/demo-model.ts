// The demo's stand-in for a model, played by the scripted Messages API: no real model is
// asked anything. The engineer (its brief carries ENGINEER_CUE) takes three steps through
// Claude Code's Bash tool, one per turn: tell the project manager what it is doing, schedule
// its own check-in, then ask to run a command no rule allows, so a permission request
// waits in the dashboard's inbox. Everyone else acknowledges what they are told. Every
// reply says "(demo)", so nobody mistakes it for a real model's work.
import type { Reply, Script } from '../../testing/scripted-messages-api.ts';

/** Put in the engineer's brief; the scripted model plays the engineer's part when it sees it. */
export const ENGINEER_CUE = 'DEMO-ENGINEER-PLAN';

/** The command no rule allows: harmless if someone approves it (a dry run in the temp project). */
export const UNAPPROVED_COMMAND = 'npm publish --dry-run';

export const DEMO_NOTE = '(demo) is the README draft ready?';

export function demoSteps(team: string, manager: string): string[] {
  return [
    `orc send ${team}/${manager} "(demo) Hi, engineer here: I am starting on the README. I will check back in 30 minutes."`,
    `orc checkin 30m "${DEMO_NOTE}"`,
    UNAPPROVED_COMMAND,
  ];
}

const bash = (command: string): Reply => ({ toolUse: { name: 'Bash', input: { command, description: '(demo) scripted step' } } });

export function demoModel(team: string, manager: string): Script {
  const steps = demoSteps(team, manager);
  return ({ lastUserText, toolResults }) => {
    if (lastUserText?.includes(ENGINEER_CUE)) {
      // One step per tool result already sent back for this message; then a summary.
      const next = steps[toolResults.length];
      return next === undefined ? { text: '(demo) Done: told the project manager, scheduled a check-in, asked to publish.' } : bash(next);
    }
    if (toolResults.length > 0) return { text: '(demo) done.' };
    return { text: `(demo) Noted. This reply is scripted; no model read: ${(lastUserText ?? '').slice(0, 80)}` };
  };
}
