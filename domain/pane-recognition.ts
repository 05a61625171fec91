// Recognising what an agent CLI is showing, from the text of its pane.

/**
 * Claude Code is ready once it has drawn its input line (`❯` and a no-break space) and its
 * footer; an Enter sent before that is lost (observed with 2.1.328, see testing/CLAUDE-CODE-NOTES.md).
 */
export function claudeCodeIsReady(pane: string): boolean {
  // trimEnd also strips the no-break space, leaving just the chevron while the box is empty.
  const hasInputLine = pane.split('\n').some((line) => line.trimEnd() === '❯');
  const hasFooter = pane.includes('? for shortcuts') || pane.includes('manual mode on');
  return hasInputLine && hasFooter;
}

/** First line of a message, as a shell or REPL echoes it back once it is submitted. */
export function echoProbe(text: string): string {
  const firstLine = text.split('\n').find((line) => line.trim() !== '') ?? '';
  return firstLine.trim().slice(0, 120);
}
