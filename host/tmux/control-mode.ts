// Reading what a tmux control-mode client (`tmux -C`) prints: one line per notification
// (`%output %3 text`, `%window-add @4`, `%exit`, …), and each command's reply framed by
// `%begin` and `%end` (or `%error`), whose lines may themselves start with `%` and are never
// notifications. In `%output`, tmux writes every byte below a space, and the backslash, as a
// backslash and three octal digits, so a notification never spans lines, whatever a pane
// printed. Pure: the client (control-client.ts) feeds it lines.

export type ControlEvent =
  /** A pane printed something. `data` is decoded (octal escapes undone). */
  | { kind: 'output'; paneId: string; data: string }
  /** A command's reply: its lines, and whether it ended in `%end` (true) or `%error`. */
  | { kind: 'reply'; ok: boolean; lines: string[] }
  /** Any other notification, e.g. `%window-add @4` → name `window-add`, args [`@4`]. */
  | { kind: 'notification'; name: string; args: string[] }
  /** The client is leaving (`%exit`, with tmux's reason if it gave one). */
  | { kind: 'exit'; reason: string };

/** Undoes tmux's octal escapes (`\ooo`) in `%output` data; the bytes are read as UTF-8. */
export function decodeControlOutput(escaped: string): string {
  if (!escaped.includes('\\')) return escaped;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < escaped.length; ) {
    const octal = escaped[i] === '\\' ? /^[0-7]{3}/.exec(escaped.slice(i + 1, i + 4)) : null;
    if (octal) {
      bytes.push(parseInt(octal[0], 8) & 0xff);
      i += 4;
      continue;
    }
    const codePoint = escaped.codePointAt(i)!;
    const char = String.fromCodePoint(codePoint);
    bytes.push(...encoder.encode(char));
    i += char.length;
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

const PANE_ID = /^%\d+$/;

export interface ControlReader {
  /** One line as the client printed it, without its line ending. Returns the event it completes, if any. */
  line(line: string): ControlEvent | null;
}

export function createControlReader(): ControlReader {
  /** Lines of the reply being read, between `%begin` and `%end`/`%error`; null outside one. */
  let reply: string[] | null = null;
  /** The `%begin` line's time and command number: only the guard carrying the same ones closes the reply. */
  let guard = '';
  return {
    line(raw) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (reply !== null) {
        // Reply lines are printed as they are (a captured screen may hold a line `%end …`): only
        // the guard with the `%begin`'s time and command number closes the reply.
        if (line === `%end ${guard}` || line === `%error ${guard}`) {
          const event: ControlEvent = { kind: 'reply', ok: line.startsWith('%end '), lines: reply };
          reply = null;
          return event;
        }
        reply.push(line);
        return null;
      }
      if (line.startsWith('%begin ')) {
        reply = [];
        guard = line.slice('%begin '.length);
        return null;
      }
      if (line.startsWith('%output ')) {
        const rest = line.slice('%output '.length);
        const space = rest.indexOf(' ');
        const paneId = space < 0 ? rest : rest.slice(0, space);
        if (!PANE_ID.test(paneId)) return null;
        return { kind: 'output', paneId, data: space < 0 ? '' : decodeControlOutput(rest.slice(space + 1)) };
      }
      if (line.startsWith('%extended-output ')) {
        // `%extended-output %3 <age> … : data` (only with pause-after): the data follows " : ".
        const [paneId] = line.slice('%extended-output '.length).split(' ');
        const colon = line.indexOf(' : ');
        if (!paneId || !PANE_ID.test(paneId)) return null;
        return { kind: 'output', paneId, data: colon < 0 ? '' : decodeControlOutput(line.slice(colon + 3)) };
      }
      if (line === '%exit' || line.startsWith('%exit ')) return { kind: 'exit', reason: line.slice('%exit'.length).trim() };
      if (line.startsWith('%')) {
        const [name = '', ...args] = line.slice(1).split(' ');
        return { kind: 'notification', name, args };
      }
      return null; // not control-mode output (tmux's own error text before it started)
    },
  };
}
