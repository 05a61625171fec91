import { describe, expect, it } from 'vitest';
import { controlCharacterProblem, findControlCharacter, terminalText, withoutControlCharacters } from './control-characters.ts';

describe('findControlCharacter', () => {
  it.each([
    ['plain text', 'fix the login test, then tell qa'],
    ['newlines and tabs', 'first line\n\tindented second line\n'],
    ['quotes, shell and tmux key names', `He said "hi"; $(rm -rf /) \`id\` C-c Enter Escape #{pane_id}`],
    ['non-ASCII text and emoji', 'Grüße, ça va? 日本語 🎉'],
    ['the printable neighbours of the control ranges', ' ~\u00a0\u00ff'],
  ])('lets %s through', (_, text) => {
    expect(findControlCharacter(text)).toBeNull();
    expect(controlCharacterProblem(text)).toBeNull();
  });

  it('finds the end of a bracketed paste, ESC [201~', () => {
    expect(findControlCharacter('ok\x1b[201~rm -rf ~\r')).toEqual({ position: 3, code: 0x1b, name: 'ESC' });
  });

  it.each([
    [0x00, 'NUL'],
    [0x03, 'ETX'],
    [0x07, 'BEL'],
    [0x08, 'BS'],
    [0x0b, 'VT'],
    [0x0c, 'FF'],
    [0x0d, 'CR'],
    [0x1b, 'ESC'],
    [0x1f, 'US'],
    [0x7f, 'DEL'],
    [0x80, 'PAD'],
    [0x85, 'NEL'],
    [0x9b, 'CSI'],
    [0x9d, 'OSC'],
    [0x9f, 'APC'],
  ])('refuses code %i (%s)', (code, name) => {
    expect(findControlCharacter(`ab${String.fromCodePoint(code)}c`)).toEqual({ position: 3, code, name });
  });

  it('refuses every C0 control but newline and tab, DEL and every C1 control', () => {
    const refused = [];
    for (let code = 0; code <= 0xa0; code++) if (findControlCharacter(String.fromCodePoint(code))) refused.push(code);
    const expected = [...Array.from({ length: 0x20 }, (_, i) => i).filter((c) => c !== 0x09 && c !== 0x0a), 0x7f, ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i)];
    expect(refused).toEqual(expected);
  });

  it('counts positions in characters, so an emoji before the control counts once', () => {
    expect(findControlCharacter('🎉\x1b')?.position).toBe(2);
  });
});

describe('controlCharacterProblem', () => {
  it('names the character, its code and where it is, and says what is allowed', () => {
    expect(controlCharacterProblem('hello world\x1b[201~')).toBe(
      'character 12 is ESC (0x1b), a terminal control character; only newlines and tabs are allowed',
    );
    expect(controlCharacterProblem('line\r\n')).toBe('character 5 is CR (0x0d), a terminal control character; only newlines and tabs are allowed');
  });
});

describe('terminalText', () => {
  it('refuses a string with a control character and passes one without', () => {
    const result = terminalText().safeParse('\x9b31m');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('character 1 is CSI (0x9b), a terminal control character; only newlines and tabs are allowed');
    expect(terminalText().parse('fine\n')).toBe('fine\n');
  });
});

describe('withoutControlCharacters', () => {
  it('keeps text, newlines and tabs, and replaces every escape, CR, DEL and C1 control', () => {
    expect(withoutControlCharacters('API Error: 429\tresets 3pm\nok')).toBe('API Error: 429\tresets 3pm\nok');
    expect(withoutControlCharacters('a\u001b]52;c;ZXZpbA==\u0007b\rc\u007fd\u009be')).toBe('a\uFFFD]52;c;ZXZpbA==\uFFFDb\uFFFDc\uFFFDd\uFFFDe');
  });
});
