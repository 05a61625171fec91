// What a shell word is before it runs: its literal value when that is fixed by the text alone,
// or "dynamic" when an expansion decides it at run time.
import type { DoubleQuotedChild, Word, WordPart } from 'unbash';

export interface ShellWord {
  /** The word as written, quotes included. */
  readonly text: string;
  /** The value after quote removal when static; the raw text otherwise. `$HOME` at the start reads as `~`. */
  readonly value: string;
  /** False when the value depends on an expansion (variables, `$(…)`, brace expansion, …). */
  readonly isStatic: boolean;
}

export function staticWord(value: string): ShellWord {
  return { text: value, value, isStatic: true };
}

export function dynamicWord(text: string): ShellWord {
  return { text, value: text, isStatic: false };
}

function isHomeExpansion(part: WordPart | DoubleQuotedChild): boolean {
  if (part.type === 'SimpleExpansion') return part.text === '$HOME';
  if (part.type === 'ParameterExpansion') {
    return part.parameter === 'HOME' && part.prefix === undefined && part.index === undefined && part.operation === undefined;
  }
  return false;
}

/** Appends the static value of one part to `soFar`, or returns null when the part is dynamic. */
function partValue(part: WordPart | DoubleQuotedChild, soFar: string): string | null {
  switch (part.type) {
    case 'Literal':
    case 'SingleQuoted':
    case 'AnsiCQuoted':
      return soFar + part.value;
    case 'Glob':
    case 'ExtendedGlob':
      // A glob stays a pattern: matching and path checks treat it as text, which is conservative.
      return soFar + part.text;
    case 'DoubleQuoted': {
      let value: string | null = soFar;
      for (const child of part.parts) {
        if (value === null) return null;
        value = partValue(child, value);
      }
      return value;
    }
    case 'SimpleExpansion':
    case 'ParameterExpansion':
      // Only a leading $HOME is known: it is the home directory the context names.
      return soFar === '' && isHomeExpansion(part) ? '~' : null;
    default:
      return null;
  }
}

export function evaluateWord(word: Word): ShellWord {
  const parts = word.parts ?? [];
  if (parts.length === 0) return { text: word.text, value: word.value, isStatic: true };
  let value: string | null = '';
  for (const part of parts) {
    if (value === null) break;
    value = partValue(part, value);
  }
  return value === null ? dynamicWord(word.text) : { text: word.text, value, isStatic: true };
}
