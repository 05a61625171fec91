// Reads a team spec file (YAML). A file with YAML syntax errors is reported by line and
// column and goes no further; a well-formed one is checked whole, and each problem names
// its path in the file and the line it is on, in file order, so all can be fixed in one go.
import { LineCounter, parseDocument, type Document } from 'yaml';
import { buildTeamSpec, type BuildOptions } from './build-team-spec.ts';
import { formatProblem, type SpecPath, type SpecProblem } from './spec-problems.ts';
import type { TeamSpecResult } from './team-spec.ts';

export type ParseTeamSpecOptions = BuildOptions;

/** Where a path's value starts in the file; for a missing field, where its parent starts. */
function offsetOf(doc: Document, path: SpecPath): number | null {
  for (let length = path.length; length >= 0; length--) {
    const node: unknown = length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return range[0];
  }
  return null;
}

export function parseTeamSpec(yamlText: string, options: ParseTeamSpecOptions): TeamSpecResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        // prettyErrors appends " at line L, column C:" and an excerpt; the position is given on its own.
        const message = error.message.split(/ at line \d+, column \d+:/)[0] ?? error.message;
        const position = error.linePos?.[0];
        return position ? `line ${position.line}, column ${position.col}: ${message}` : message;
      }),
    };
  }

  let data: unknown;
  try {
    data = doc.toJS();
  } catch (err) {
    // Too many alias expansions and the like: well-formed YAML that is not sensible data.
    return { ok: false, problems: [`the file cannot be read as data: ${(err as Error).message}`] };
  }
  const { spec, problems } = buildTeamSpec(data, options);
  if (spec) return { ok: true, spec };

  const located = problems.map((problem: SpecProblem, index) => ({ problem, index, offset: offsetOf(doc, problem.path) }));
  located.sort((a, b) => (a.offset ?? -1) - (b.offset ?? -1) || a.index - b.index);
  return {
    ok: false,
    problems: located.map(({ problem, offset }) => {
      const text = formatProblem(problem);
      return offset === null ? text : `${text} (line ${lineCounter.linePos(offset).line})`;
    }),
  };
}
