#!/usr/bin/env bash
# A stand-in for an agent CLI without hooks, for the screen fallback's tests and bench. It reads
# a line at its "> " prompt; "run <command>" makes it ask permission the way Codex does (a
# numbered menu answered by one key: 1 or y runs it) or, with the argument "aider", the way
# Aider does (a y/n question answered by a line), then it runs the command or refuses. "update"
# shows a dialog that is no permission request (an update prompt, answered by a key: 1 or 2),
# which orc cannot answer and shows as blocked. With
# FAKE_CLI_TIMINGS=<file> it appends how long each dialog waited for its answer, in microseconds.
style=${1:-codex}
now() { local t=$EPOCHREALTIME; echo "${t//[.,]/}"; }
while IFS= read -r -p '> ' line; do
  if [[ $line == update ]]; then
    printf '\n  Update available: fake-cli 2.0\n\n  1. Install now\n  2. Remind me later\n\n  Press enter to confirm or esc to cancel\n'
    IFS= read -rsn1 answer
    [[ $answer == 1 ]] && printf 'update: installed\n' || printf 'update: later\n'
    continue
  fi
  if [[ $line != 'run '* ]]; then
    printf 'ok: %s\n' "$line"
    continue
  fi
  command=${line#run }
  if [[ $style == aider ]]; then
    printf '%s\n' "$command"
    shown=$(now)
    IFS= read -r -p "Run shell command? (Y)es/(N)o/(D)on't ask again [Yes]: " answer
    [[ -z $answer || $answer == [yY]* ]] && allowed=1 || allowed=0
  else
    printf '\n  Would you like to run the following command?\n\n  $ %s\n\n' "$command"
    printf "› 1. Yes, proceed (y)\n  2. Yes, and don't ask again for this command (a)\n  3. No, and tell Codex what to do differently (esc)\n\n"
    printf '  Press enter to confirm or esc to cancel\n'
    shown=$(now)
    IFS= read -rsn1 answer
    [[ $answer == 1 || $answer == y ]] && allowed=1 || allowed=0
  fi
  answered=$(now)
  if [[ -n ${FAKE_CLI_TIMINGS:-} ]]; then echo "$((answered - shown))" >>"$FAKE_CLI_TIMINGS"; fi
  if ((allowed)); then
    bash -c "$command"
  else
    printf 'refused: %s\n' "$command"
  fi
done
