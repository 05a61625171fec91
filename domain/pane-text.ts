// Making a captured pane readable: full-screen CLIs such as Claude Code pin their input box to
// the bottom row, leaving a tall run of empty rows between the conversation and the box.

/** Trims trailing spaces of each line, squeezes runs of blank lines to one, keeps the last `lines`. */
export function tailOfPane(text: string, lines: number): string {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.slice(-lines).join('\n');
}
