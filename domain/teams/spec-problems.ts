// Turns zod's issues about a team spec into sentences a person can act on: each names the
// place in the file (`agents[2].role`), the value found, and what is allowed there.
import type { z } from 'zod';
import { FIELD_HINTS, agentFileSchema, teamSpecFileSchema } from './team-spec.ts';

export type SpecPath = readonly PropertyKey[];

export interface SpecProblem {
  path: SpecPath;
  message: string;
}

/** `agents[2].role`; the empty path is the spec itself. */
export function formatPath(path: SpecPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

export const formatProblem = (problem: SpecProblem): string =>
  problem.path.length === 0 ? problem.message : `${formatPath(problem.path)}: ${problem.message}`;

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

const TOP_FIELDS = Object.keys(teamSpecFileSchema.shape);
const AGENT_FIELDS = Object.keys(agentFileSchema.shape);
const AGENT_HINT = `an agent: a mapping with ${AGENT_FIELDS.join(', ')}`;

/** What belongs at a path, for "missing" and "wrong type" messages. */
function hintFor(path: SpecPath): string {
  const last = path[path.length - 1];
  if (typeof last === 'number') return AGENT_HINT;
  return FIELD_HINTS[String(last)] ?? 'a value';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function unknownField(key: string, known: readonly string[]): string {
  const near = known.find((field) => field.toLowerCase() === key.toLowerCase() || editDistance(field.toLowerCase(), key.toLowerCase()) <= 2);
  const suggestion = near === undefined ? '' : `did you mean ${JSON.stringify(near)}? `;
  return `unknown field; ${suggestion}known fields here: ${known.join(', ')}`;
}

/** One problem per issue (one per key for unknown keys). Issues must come from a parse with reportInput. */
export function problemsFromIssues(issues: readonly z.core.$ZodIssue[]): SpecProblem[] {
  const problems: SpecProblem[] = [];
  for (const issue of issues) {
    const path = issue.path;
    const input = (issue as { input?: unknown }).input;
    if (issue.code === 'unrecognized_keys') {
      const known = path.length === 0 ? TOP_FIELDS : AGENT_FIELDS;
      for (const key of issue.keys) problems.push({ path: [...path, key], message: unknownField(key, known) });
    } else if (path.length === 0 && issue.code === 'invalid_type') {
      const got = input === null || input === undefined ? 'the file is empty' : `got ${describeValue(input)}`;
      problems.push({ path, message: `a team spec is a mapping with ${TOP_FIELDS.join(', ')}; ${got}` });
    } else if (input === undefined) {
      // YAML has no undefined: this is a field that is not there at all.
      problems.push({ path, message: `missing; expected ${hintFor(path)}` });
    } else if (issue.code === 'invalid_type' || issue.code === 'invalid_union' || input === null) {
      problems.push({ path, message: `expected ${hintFor(path)}, got ${describeValue(input)}` });
    } else {
      problems.push({ path, message: issue.message });
    }
  }
  return problems;
}
