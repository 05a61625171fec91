// Making a captured pane readable: full-screen CLIs such as Claude Code pin their input box to
// the bottom row, leaving a tall run of empty rows between the conversation and the box.

/** The most a capture returns, counted back from the bottom. */
export const MAX_CAPTURE_LINES = 5_000;
/**
 * And at most this much text: a capture travels through the agent workflow's history, whose
 * payloads Temporal wants small (it warns at 512 KiB and refuses at 2 MiB), and then to a browser
 * or terminal. 5,000 lines of a 200-column pane could reach 1 MB, more with wide characters.
 */
export const MAX_CAPTURE_BYTES = 256 * 1024;

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/** The last whole lines of `text` that fit in `maxBytes` of UTF-8 (of a single longer line, its end). */
export function lastLinesWithin(text: string, maxBytes: number): string {
  if (text.length <= maxBytes / 4 || utf8Bytes(text) <= maxBytes) return text;
  const lines = text.split('\n');
  let bytes = 0;
  let first = lines.length;
  while (first > 0) {
    const size = utf8Bytes(lines[first - 1] ?? '') + (first === lines.length ? 0 : 1);
    if (bytes + size > maxBytes) break;
    bytes += size;
    first--;
  }
  // A UTF-8 character is at most 4 bytes.
  if (first === lines.length) return (lines.at(-1) ?? '').slice(-Math.floor(maxBytes / 4));
  return lines.slice(first).join('\n');
}

/**
 * Trims trailing spaces of each line, squeezes runs of blank lines to one, keeps the last `lines`,
 * and of those as many as fit in MAX_CAPTURE_BYTES.
 */
export function tailOfPane(text: string, lines: number): string {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return lastLinesWithin(out.slice(-lines).join('\n'), MAX_CAPTURE_BYTES);
}
