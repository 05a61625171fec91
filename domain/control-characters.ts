// Text that orc types into an agent's terminal (messages, check-in notes, briefs and first
// messages) must stay text. A control character in it is a keystroke or an escape sequence
// to the terminal: ESC [201~ ends a bracketed paste early, so whatever follows it would be
// typed as keys; CR presses Enter mid-message; C1 controls (0x80–0x9f) are escape sequences
// in one character to some terminals. Only newlines and tabs are allowed: a message has
// lines, and a tab is ordinary in code. CR is refused too: tmux's paste turns newlines into
// CR itself, so a message never needs one.
import { z } from 'zod';

/** C0 control names, by code (0x00–0x1f). */
const C0 = ['NUL', 'SOH', 'STX', 'ETX', 'EOT', 'ENQ', 'ACK', 'BEL', 'BS', 'HT', 'LF', 'VT', 'FF', 'CR', 'SO', 'SI', 'DLE', 'DC1', 'DC2', 'DC3', 'DC4', 'NAK', 'SYN', 'ETB', 'CAN', 'EM', 'SUB', 'ESC', 'FS', 'GS', 'RS', 'US'];
/** C1 control names, by code - 0x80 (0x80–0x9f). */
const C1 = ['PAD', 'HOP', 'BPH', 'NBH', 'IND', 'NEL', 'SSA', 'ESA', 'HTS', 'HTJ', 'VTS', 'PLD', 'PLU', 'RI', 'SS2', 'SS3', 'DCS', 'PU1', 'PU2', 'STS', 'CCH', 'MW', 'SPA', 'EPA', 'SOS', 'SGCI', 'SCI', 'CSI', 'ST', 'OSC', 'PM', 'APC'];

const ALLOWED = new Set([0x09, 0x0a]);

export interface ControlCharacter {
  /** 1-based, counted in characters (code points) as a person counts them. */
  position: number;
  code: number;
  /** The control's name: ESC, CR, DEL, CSI, … */
  name: string;
}

function controlName(code: number): string | null {
  if (ALLOWED.has(code)) return null;
  if (code < 0x20) return C0[code] ?? null;
  if (code === 0x7f) return 'DEL';
  if (code >= 0x80 && code <= 0x9f) return C1[code - 0x80] ?? null;
  return null;
}

/** The first terminal control character in `text` other than newline and tab, or null. */
export function findControlCharacter(text: string): ControlCharacter | null {
  let position = 0;
  for (const char of text) {
    position += 1;
    const code = char.codePointAt(0) ?? 0;
    const name = controlName(code);
    if (name !== null) return { position, code, name };
  }
  return null;
}

const hex = (code: number) => `0x${code.toString(16).padStart(2, '0')}`;

/** Why `text` is refused, without the field's name; null when it is fine. */
export function controlCharacterProblem(text: string): string | null {
  const found = findControlCharacter(text);
  if (!found) return null;
  return `character ${found.position} is ${found.name} (${hex(found.code)}), a terminal control character; only newlines and tabs are allowed`;
}

/**
 * A string schema for text typed into a terminal; zod's issue path names the field, so the
 * API's and the spec reader's messages read `text: character 13 is ESC (0x1b), …`.
 */
export const terminalText = () =>
  z.string().superRefine((text, ctx) => {
    const problem = controlCharacterProblem(text);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: text });
  });

/**
 * `text` with each terminal control character (but newline and tab) replaced by U+FFFD: for
 * what an agent reports that orc shows a person later (its CLI's last words on a failed turn,
 * in `orc status` and notifications), which must not reach their terminal as escape sequences.
 */
export function withoutControlCharacters(text: string): string {
  let out = '';
  for (const char of text) out += controlName(char.codePointAt(0) ?? 0) === null ? char : '\uFFFD';
  return out;
}
