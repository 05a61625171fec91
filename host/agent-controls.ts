// Carries out a control plan (domain/agent-controls.ts) on an agent's pane: reads the screen,
// refuses when it says so, presses the plan's keys (argument arrays, literal text with -l),
// and reads again until the screen shows the control took effect, failed, or time ran out.
// Every outcome carries what the screen showed, so a person sees what happened.
import type { AgentControl, ControlOutcome, ControlPlan } from '../domain/agent-controls.ts';
import { tailOfPane } from '../domain/pane-text.ts';
import { readPane, sleep, waitForPane } from './tmux/pane-reading.ts';
import type { Tmux } from './tmux/tmux.ts';

/** How much of the screen an outcome carries back. */
const SCREEN_LINES = 20;
const POLL_MS = 100;

export async function runControl(tmux: Tmux, paneId: string, control: AgentControl, plan: ControlPlan): Promise<ControlOutcome> {
  const outcome = (done: boolean, detail: string, pane: string): ControlOutcome => ({ control, done, detail, screen: tailOfPane(pane, SCREEN_LINES) });
  const before = await readPane(tmux, paneId);
  const refusal = plan.refuseWhen(before);
  if (refusal !== null) return outcome(false, `nothing pressed: ${refusal}`, before);

  if (plan.how === 'cycle') {
    let now = plan.read(before);
    if (now === plan.want) return outcome(true, `already in ${plan.want} mode; nothing pressed`, before);
    for (let press = 1; press <= plan.maxPresses; press++) {
      const previous = now;
      await tmux.run(['send-keys', '-t', paneId, plan.key]);
      const seen = await waitForPane(tmux, paneId, (pane) => plan.read(pane) !== previous, { timeoutMs: plan.pressTimeoutMs, intervalMs: POLL_MS });
      if (seen === null) {
        return outcome(false, `pressed ${plan.key} ${press} time(s), but the screen still showed ${previous ?? 'no mode'} ${plan.pressTimeoutMs / 1000} s later, not ${plan.want}`, await readPane(tmux, paneId));
      }
      now = plan.read(seen);
      if (now === plan.want) return outcome(true, `${plan.what}: pressed ${plan.key} ${press} time(s); its footer shows ${plan.want} mode`, seen);
    }
    return outcome(false, `pressed ${plan.key} ${plan.maxPresses} times and the screen never showed ${plan.want} mode (last: ${now ?? 'no mode'})`, await readPane(tmux, paneId));
  }

  // Text and keys in one tmux command: nothing can come up on the screen between the two.
  const keys = ['send-keys', '-t', paneId, ...plan.keys];
  await tmux.run(plan.text === undefined ? keys : ['send-keys', '-t', paneId, '-l', '--', plan.text, ';', ...keys]);
  const deadline = Date.now() + plan.timeoutMs;
  let confirmed = false;
  let presses = 1;
  let lastPress = Date.now();
  for (;;) {
    const pane = await readPane(tmux, paneId);
    const result = plan.outcome(pane, before);
    if (result === true) {
      const done = `${plan.what}${presses > 1 ? ` (pressed ${presses} times)` : ''}${confirmed ? ', confirming its question' : ''}`;
      if (plan.tidy === undefined || !plan.tidy.needed(pane)) return outcome(true, done, pane);
      return tidyUp(tmux, paneId, plan.tidy, pane, (detail, seen) => outcome(true, `${done}; ${detail}`, seen));
    }
    if (result !== null) return outcome(false, result, pane);
    if (!confirmed && plan.confirm?.shows(pane)) {
      await tmux.run(['send-keys', '-t', paneId, ...plan.confirm.keys]);
      confirmed = true;
      continue;
    }
    if (Date.now() >= deadline) return outcome(false, `pressed ${plan.text === undefined ? plan.keys.join(' ') : `${plan.text} and ${plan.keys.join(' ')}`}, but its screen did not show it took effect within ${plan.timeoutMs / 1000} s`, pane);
    const { repress } = plan;
    if (repress !== undefined && presses < repress.max && Date.now() - lastPress >= repress.everyMs && repress.still(pane)) {
      await tmux.run(keys);
      presses += 1;
      lastPress = Date.now();
    }
    await sleep(POLL_MS);
  }
}

type Tidy = NonNullable<Extract<ControlPlan, { how: 'press' }>['tidy']>;

async function tidyUp<T>(tmux: Tmux, paneId: string, tidy: Tidy, pane: string, finish: (detail: string, pane: string) => T): Promise<T> {
  let now = pane;
  for (let round = 0; round < 3 && tidy.needed(now); round++) {
    await tmux.run(['send-keys', '-t', paneId, ...tidy.keys(now)]);
    now = (await waitForPane(tmux, paneId, (text) => !tidy.needed(text), { timeoutMs: 2_000, intervalMs: POLL_MS })) ?? (await readPane(tmux, paneId));
  }
  return finish(tidy.needed(now) ? `could not finish: ${tidy.what.replace(/^cleared/, 'clear')}` : tidy.what, now);
}
