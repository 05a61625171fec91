#!/usr/bin/env bash
# A stand-in for an agent CLI without hooks, for the screen fallback's tests and bench. It reads
# a line at its "> " prompt; "run <command>" makes it ask permission the way Codex does (a
# numbered menu answered by one key: 1 or y runs it) or, with the argument "aider", the way
# Aider does (a y/n question answered by a line), then it runs the command or refuses. With
# FAKE_CLI_TIMINGS=<file> it appends how long each dialog waited for its answer, in microseconds.
style=${1:-codex}
now() { local t=$EPOCHREALTIME; echo "${t//[.,]/}"; }
while IFS= read -r -p '> ' line; do
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
