// The specifier of a Bash rule: `npm run test *`, `git * main`, `ls*`, legacy `npm test:*`.
// It is read with the same shell parser as commands, so quoting means the same in both, and it
// is matched word by word against a parsed command: `echo "a && b"` is one word, never two.
import { parse, type Word } from 'unbash';
import type { ShellWord } from './shell-words.ts';

/** A piece of one word: literal text, or `*` standing for any characters within that word. */
export type WordSegment = { readonly literal: string } | { readonly star: true };

/** `*` alone as a word matches any number of words (also none); other words match one word. */
export type BashToken = { readonly kind: 'any' } | { readonly kind: 'word'; readonly segments: readonly WordSegment[] };

export type BashPattern = readonly BashToken[];

/** Problem with a pattern, as a sentence; null when it is fine. */
export type PatternResult = { readonly pattern: BashPattern } | { readonly problem: string };

function wordSegments(word: Word): readonly WordSegment[] | string {
  const parts = word.parts ?? [];
  if (parts.length === 0) return [{ literal: word.value }];
  const segments: WordSegment[] = [];
  const pushLiteral = (text: string): void => {
    const last = segments[segments.length - 1];
    if (last !== undefined && 'literal' in last) segments[segments.length - 1] = { literal: last.literal + text };
    else if (text !== '') segments.push({ literal: text });
  };
  for (const part of parts) {
    if (part.type === 'Literal' || part.type === 'SingleQuoted' || part.type === 'AnsiCQuoted') pushLiteral(part.value);
    else if (part.type === 'DoubleQuoted' && part.parts.every((child) => child.type === 'Literal')) pushLiteral(part.parts.map((child) => child.value).join(''));
    else if (part.type === 'Glob' && part.kind === 'star') {
      // `**` within a word means the same as `*`: keep one, so equal patterns have one form.
      const last = segments[segments.length - 1];
      if (last === undefined || 'literal' in last) segments.push({ star: true });
    } else if (part.type === 'Glob') pushLiteral(part.text);
    else return `"${part.text}" would be expanded by the shell; rules hold literal words and *`;
  }
  return segments;
}

function mergeLiterals(segments: readonly WordSegment[]): readonly WordSegment[] {
  const merged: WordSegment[] = [];
  for (const segment of segments) {
    const last = merged[merged.length - 1];
    if (last !== undefined && 'literal' in last && 'literal' in segment) merged[merged.length - 1] = { literal: last.literal + segment.literal };
    else merged.push(segment);
  }
  return merged;
}

export function parseBashPattern(specifier: string): PatternResult {
  let text = specifier;
  let legacyPrefix = false;
  // The older `prefix:*` form means "prefix, then anything".
  if (text.endsWith(':*')) {
    legacyPrefix = true;
    text = text.slice(0, -2);
  }
  if (text.trim() === '') return { problem: 'the command pattern is empty' };
  const script = parse(text);
  if (script.errors !== undefined && script.errors.length > 0) return { problem: `shell syntax error: ${script.errors[0]?.message ?? 'unknown'}` };
  const statement = script.commands[0];
  if (script.commands.length !== 1 || statement === undefined || statement.background === true) {
    return { problem: 'a Bash rule matches one simple command; write one rule per command' };
  }
  const command = statement.command;
  if (command.type !== 'Command') return { problem: 'a Bash rule matches one simple command, without &&, ||, ;, | or compound syntax' };
  if (command.prefix.length > 0) return { problem: 'rules match the command after its VAR=value assignments; leave them out' };
  if (command.redirects.length > 0) return { problem: 'rules match the command without its redirections; leave out > and <' };
  if (command.name === undefined) return { problem: 'the command pattern has no program' };
  const tokens: BashToken[] = [];
  for (const argument of [command.name, ...command.suffix]) {
    let segments: readonly WordSegment[] | string;
    if (argument.type === 'Word') segments = wordSegments(argument);
    else if (argument.type === 'Assignment' && argument.value.type === 'Word') {
      // `make CC=gcc`: after the program, NAME=value is an ordinary argument.
      const valueSegments = wordSegments(argument.value);
      const name = argument.text.slice(0, argument.text.indexOf('=') + 1);
      segments = typeof valueSegments === 'string' ? valueSegments : mergeLiterals([{ literal: name }, ...valueSegments]);
    } else return { problem: 'arrays and redirections are not allowed in a rule' };
    if (typeof segments === 'string') return { problem: segments };
    const only = segments[0];
    if (segments.length === 1 && only !== undefined && 'star' in only && argument.type === 'Word' && argument.text === '*') tokens.push({ kind: 'any' });
    else tokens.push({ kind: 'word', segments });
  }
  if (legacyPrefix) tokens.push({ kind: 'any' });
  return { pattern: tokens };
}

const SAFE_WORD = /^[A-Za-z0-9_\-+=:,./@%^]+$/;
const RESERVED_WORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'while', 'until', 'do', 'done', 'in', 'function', 'select', 'time', 'coproc']);

function quote(literal: string, first: boolean): string {
  // As the first word, `a=b` would read as an assignment and `if` as a keyword.
  const needsQuotes = !SAFE_WORD.test(literal) || (first && (literal.includes('=') || RESERVED_WORDS.has(literal)));
  return needsQuotes ? `'${literal.replaceAll("'", `'\\''`)}'` : literal;
}

export function formatBashPattern(pattern: BashPattern): string {
  return pattern
    .map((token, index) => {
      if (token.kind === 'any') return '*';
      if (token.segments.length === 0) return "''";
      const last = index === pattern.length - 1;
      return token.segments
        .map((segment, position) => {
          if ('star' in segment) return '*';
          // A word ending in `:*` would read back as the legacy prefix form: quote its colon.
          const beforeFinalStar = last && position === token.segments.length - 2 && segment.literal.endsWith(':');
          return beforeFinalStar ? `'${segment.literal.replaceAll("'", `'\\''`)}'` : quote(segment.literal, index === 0);
        })
        .join('');
    })
    .join(' ');
}

function segmentsToRegExp(segments: readonly WordSegment[]): RegExp {
  const body = segments.map((segment) => ('star' in segment ? '[\\s\\S]*' : segment.literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`);
}

/**
 * A word of a rule that names a place itself: all literal, or starting with `/`, `~` or `..`
 * (`/usr/include/*`). Only such a word may match an argument outside the workspace.
 */
function namesPlace(token: BashToken): boolean {
  if (token.kind !== 'word') return false;
  const first = token.segments[0];
  if (token.segments.every((segment) => 'literal' in segment)) return true;
  return first !== undefined && 'literal' in first && /^(\/|~|\.\.)/.test(first.literal);
}

/** Words a `*` may not stand for: outside the workspace, or not known to be harmless. */
export interface Restrictions {
  /** Paths outside the workspace: only a rule word that names the place itself matches them. */
  readonly outside?: ReadonlySet<number>;
  /** Words the catalogue does not know to be harmless: only a rule word spelling them out matches them. */
  readonly unknown?: ReadonlySet<number>;
}

function allLiteral(token: BashToken): boolean {
  return token.kind === 'word' && token.segments.every((segment) => 'literal' in segment);
}

/**
 * Does the pattern match these words? A word only the run decides (a variable, `$(…)`) is
 * matched by `*` alone: no literal can promise what it will be. `restrictions` name the words a
 * `*` never stands for (see Restrictions).
 */
export function matchBashPattern(pattern: BashPattern, words: readonly ShellWord[], restrictions: Restrictions = {}): boolean {
  const outside = restrictions.outside ?? new Set<number>();
  const unknown = restrictions.unknown ?? new Set<number>();
  const regexps = pattern.map((token) => (token.kind === 'word' ? segmentsToRegExp(token.segments) : null));
  // memo[p][w]: pattern from p matches words from w.
  const memo = new Map<number, boolean>();
  const matchFrom = (p: number, w: number): boolean => {
    const key = p * (words.length + 1) + w;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    const token = pattern[p];
    if (token === undefined) result = w === words.length;
    else if (token.kind === 'any') result = matchFrom(p + 1, w) || (w < words.length && !outside.has(w) && !unknown.has(w) && matchFrom(p, w + 1));
    else {
      const word = words[w];
      const regexp = regexps[p];
      const allowedHere = (!outside.has(w) || namesPlace(token)) && (!unknown.has(w) || allLiteral(token));
      result = word !== undefined && word.isStatic && allowedHere && regexp != null && regexp.test(word.value) && matchFrom(p + 1, w + 1);
    }
    memo.set(key, result);
    return result;
  };
  return matchFrom(0, 0);
}
