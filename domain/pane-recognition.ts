// Recognising what an agent CLI is showing, from the text of its pane.

/** Claude Code draws its footer once its input box accepts keys; keys sent before are lost. */
export function claudeCodeIsReady(pane: string): boolean {
  return pane.includes('for shortcuts') || pane.includes('manual mode on');
}

/** First line of a message, as a shell or REPL echoes it back once it is submitted. */
export function echoProbe(text: string): string {
  const firstLine = text.split('\n').find((line) => line.trim() !== '') ?? '';
  return firstLine.trim().slice(0, 120);
}
