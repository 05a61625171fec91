// What the host worker's dialog watcher does with an agent's pane, as a tmux option set on the
// pane at launch: `answer` its permission dialogs (agents without hooks: the screen fallback),
// or only `watch` them close (hooked Claude Code: its hook answers, and a dialog shows only when
// nobody did in time). Panes without the option are not looked at.

/** The option's name and its `on` value are what earlier versions set for the screen fallback, so their panes keep working. */
export const DIALOG_DUTY_PANE_OPTION = '@orc-screen-fallback';
export const DIALOG_DUTY_VALUES = { answer: 'on', watch: 'watch' } as const;
export type DialogDuty = keyof typeof DIALOG_DUTY_VALUES;

export function dialogDutyOf(optionValue: string | undefined): DialogDuty | null {
  if (optionValue === DIALOG_DUTY_VALUES.answer) return 'answer';
  if (optionValue === DIALOG_DUTY_VALUES.watch) return 'watch';
  return null;
}
