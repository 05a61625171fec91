// The controls table against screens Claude Code 2.1.328 drew in a 200x50 tmux pane (see
// testing/CLAUDE-CODE-NOTES.md, "Agent controls"): which kinds have which controls, what is
// refused and why, and what each plan reads off the screen.
import { describe, expect, it } from 'vitest';
import { AGENT_CONTROLS, stateRefusal, type ControlPlan, type ControlRequest } from './agent-controls.ts';
import { CONTROLS_BY_KIND, controlsOf, kindRefusal, planControl } from './agent-control-plans.ts';
import { claudeCodeIsWorking, claudeCodeMode } from './claude-code-controls.ts';
import { AGENT_KINDS } from './agent.ts';

const RULE = '─'.repeat(200);
const NBSP = '\u00a0';
/** A Claude Code screen: the conversation, its input box between two rules, the footer. */
const screen = (conversation: string[], footer: string, input = `❯${NBSP}`) =>
  [' ▐▛███▛█   Claude Code v2.1.328', '▝▜██████▀  Opus 5.5 · API Usage Billing', ...conversation, '', RULE, input, RULE, footer].join('\n');

const IDLE = screen(['❯ reply hello', '● reply: reply hello'], '  ⏸ manual mode on · ? for shortcuts · ← for agents');
const WORKING = screen(['❯ please run sleep', '● Waiting a while', '  ⎿  $ timeout 40 tail -f /dev/null', '✽ Meandering… (2s · ↓ 5 tokens)'], '  ⏸ manual mode on · esc to interrupt · ← for agents');
const INTERRUPTED = screen(['❯ please run sleep', '  No result recorded for 1 call', '  ⎿  Interrupted · What should Claude do instead?'], '  ⏸ manual mode on · ? for shortcuts · ← for agents');
const PROMPT_PUT_BACK = screen([], '  ⏸ manual mode on', `❯${NBSP}be slow please`);
const DIALOG = [
  ' Bash command',
  ' touch agent-file.txt',
  ' Do you want to proceed?',
  ' ❯ 1. Yes',
  '   2. Yes, and always allow access to /tmp/p from this project',
  '   3. No',
  ' Esc to cancel · Tab to amend',
].join('\n');

const plan = (request: ControlRequest): ControlPlan => {
  const planned = planControl('claude-code', request, 'demo/dev');
  if ('refused' in planned) throw new Error(planned.refused);
  return planned;
};
const press = (request: ControlRequest) => {
  const planned = plan(request);
  if (planned.how !== 'press') throw new Error('not a press');
  return planned;
};

describe('the table', () => {
  it('has a row for every kind and an entry for every control', () => {
    for (const kind of AGENT_KINDS) expect(Object.keys(CONTROLS_BY_KIND[kind]).sort()).toEqual([...AGENT_CONTROLS].sort());
  });

  it('gives Claude Code every control and a generic CLI none', () => {
    expect(controlsOf('claude-code')).toEqual(['interrupt', 'mode', 'compact', 'clear', 'model']);
    expect(controlsOf('generic')).toEqual([]);
  });

  it('refuses what a generic CLI lacks, naming the agent and what it lacks', () => {
    expect(kindRefusal('generic', { control: 'mode', mode: 'plan' }, 'demo/sh')).toBe('demo/sh runs a generic CLI: orc knows no plan mode for it');
    expect(kindRefusal('generic', { control: 'interrupt' }, 'demo/sh')).toBe('demo/sh runs a generic CLI: orc knows no interrupt key for it');
    expect(kindRefusal('generic', { control: 'model', model: 'opus' }, 'demo/sh')).toBe('demo/sh runs a generic CLI: orc knows no model switch for it');
  });

  it("refuses the modes that would skip orc's rules", () => {
    expect(kindRefusal('claude-code', { control: 'mode', mode: 'auto' }, 'demo/dev')).toContain('orc does not switch agents to auto mode');
    expect(kindRefusal('claude-code', { control: 'mode', mode: 'bypassPermissions' }, 'demo/dev')).toContain('bypassPermissions');
    expect(kindRefusal('claude-code', { control: 'mode', mode: 'plan' }, 'demo/dev')).toBeNull();
  });
});

describe("the agent's state", () => {
  it('lets only an interrupt through while it works, and nothing while a dialog waits', () => {
    expect(stateRefusal('working', 'interrupt', 'demo/dev')).toBeNull();
    for (const control of ['mode', 'compact', 'clear', 'model'] as const) expect(stateRefusal('working', control, 'demo/dev')).toContain('interrupt it first');
    for (const control of AGENT_CONTROLS) expect(stateRefusal('waiting-approval', control, 'demo/dev')).toContain('answer it first with orc approve or orc deny');
    for (const control of AGENT_CONTROLS) expect(stateRefusal('stopped', control, 'demo/dev')).toBe('demo/dev is stopped; it has no running CLI to control');
  });

  it('lets a paused agent switch model or mode but not be interrupted', () => {
    expect(stateRefusal('paused', 'interrupt', 'demo/dev')).toContain('nothing to interrupt');
    expect(stateRefusal('paused', 'model', 'demo/dev')).toBeNull();
    expect(stateRefusal('idle', 'interrupt', 'demo/dev')).toBeNull();
  });
});

describe("Claude Code's screen", () => {
  it('reads working from the footer, not from the conversation', () => {
    expect(claudeCodeIsWorking(WORKING)).toBe(true);
    expect(claudeCodeIsWorking(IDLE)).toBe(false);
    expect(claudeCodeIsWorking(screen(['❯ what does esc to interrupt mean?'], '  ⏸ manual mode on · ? for shortcuts'))).toBe(false);
  });

  it('reads each permission mode from its footer', () => {
    expect(claudeCodeMode(IDLE)).toBe('default');
    expect(claudeCodeMode(screen([], '  ⏵⏵ accept edits on (shift+tab to cycle) · ← for agents'))).toBe('acceptEdits');
    expect(claudeCodeMode(screen([], '  ⏸ plan mode on (shift+tab to cycle) · ← for agents'))).toBe('plan');
    expect(claudeCodeMode(screen([], '  ⏵⏵ auto mode on (shift+tab to cycle) · ← for agents'))).toBe('auto');
    expect(claudeCodeMode(DIALOG)).toBeNull();
  });

  it('interrupts only a working agent with no dialog up, and sees it done when the footer stops saying so', () => {
    const interrupt = press({ control: 'interrupt' });
    expect(interrupt.keys).toEqual(['Escape']);
    expect(interrupt.refuseWhen(WORKING)).toBeNull();
    expect(interrupt.refuseWhen(IDLE)).toContain('there is nothing to interrupt');
    expect(interrupt.refuseWhen(DIALOG)).toContain('a permission dialog is open');
    expect(interrupt.outcome(WORKING, WORKING)).toBeNull();
    expect(interrupt.outcome(INTERRUPTED, WORKING)).toBe(true);
    expect(interrupt.outcome(PROMPT_PUT_BACK, WORKING)).toBe(true);
    // The prompt it put back is cleared, two ctrl+u a line and one more.
    expect(interrupt.tidy?.needed(PROMPT_PUT_BACK)).toBe(true);
    expect(interrupt.tidy?.keys(PROMPT_PUT_BACK)).toEqual(['C-u', 'C-u', 'C-u']);
    expect(interrupt.tidy?.needed(INTERRUPTED)).toBe(false);
  });

  it('cycles shift+tab to the mode asked for, and not while it works', () => {
    const mode = plan({ control: 'mode', mode: 'plan' });
    expect(mode).toMatchObject({ how: 'cycle', key: 'BTab', want: 'plan', maxPresses: 4 });
    expect(mode.refuseWhen(IDLE)).toBeNull();
    expect(mode.refuseWhen(WORKING)).toContain('takes no shift+tab');
  });

  it('types slash commands only at an empty prompt, and reads their answers under their echo', () => {
    const compact = press({ control: 'compact' });
    expect(compact).toMatchObject({ text: '/compact', keys: ['Enter'] });
    expect(compact.refuseWhen(IDLE)).toBeNull();
    expect(compact.refuseWhen(WORKING)).toContain('Claude Code is working');
    expect(compact.refuseWhen(PROMPT_PUT_BACK)).toContain('its input box holds typed text');
    const compacted = screen(['❯ reply hello', '● reply: reply hello', `❯${NBSP}/compact`, '  ⎿  Compacted (ctrl+o to see full summary)'], '  ⏸ manual mode on · ? for shortcuts');
    expect(compact.outcome(compacted, IDLE)).toBe(true);
    const empty = screen([`❯${NBSP}/compact`, '  ⎿  Not enough messages to compact.'], '  ⏸ manual mode on · ? for shortcuts');
    expect(compact.outcome(empty, IDLE)).toBe('Claude Code answered: Not enough messages to compact.');
    // The command still in the input box (not yet submitted) is not its echo.
    expect(compact.outcome(screen(['❯ reply hello'], '  ⏸ manual mode on', `❯${NBSP}/compact`), IDLE)).toBeNull();

    const clear = press({ control: 'clear' });
    expect(clear.outcome(screen([`❯${NBSP}/clear`], '  ⏸ manual mode on · ? for shortcuts'), IDLE)).toBe(true);
    expect(clear.outcome(IDLE, IDLE)).toBeNull();

    const model = press({ control: 'model', model: 'sonnet' });
    expect(model.text).toBe('/model sonnet');
    const asked = ['  Switch model?', '  This conversation is cached for the current model.', '  ❯ 1. Yes, switch to Sonnet 4.5', '    2. No, go back', '  Enter to confirm · Esc to cancel'].join('\n');
    expect(model.confirm?.shows(asked)).toBe(true);
    expect(model.confirm?.shows(asked.replace('❯ 1.', '  1.').replace('  2.', '❯ 2.'))).toBe(false);
    expect(model.outcome(screen([`❯${NBSP}/model sonnet`, '  ⎿  Set model to Sonnet 4.5 and saved as your default for new sessions'], '  ⏸ manual mode on'), IDLE)).toBe(true);
  });
});
