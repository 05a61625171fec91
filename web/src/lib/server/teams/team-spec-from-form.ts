// A team spec from the dashboard, checked by the same parser and messages as the CLI: the
// form's fields become the file shape of a spec (what `orc team deploy` reads) and go through
// buildTeamSpec; an uploaded or pasted YAML file goes through parseTeamSpec. The browser has
// no directory for the file, so relative paths resolve against the server's working
// directory (the page says so), and brief files cannot be read (give the brief inline).
import { isAbsolute } from 'node:path';
import { buildTeamSpec } from '$domain/teams/build-team-spec.ts';
import { parseTeamSpec } from '$domain/teams/parse-team-spec.ts';
import { formatProblem } from '$domain/teams/spec-problems.ts';
import type { TeamSpecResult } from '$domain/teams/team-spec.ts';

/** Where relative paths in an uploaded spec resolve: the server's working directory. */
export const uploadBaseDir = (): string => process.cwd();

/** The largest spec file the page accepts; a team spec is a few hundred bytes. */
export const MAX_SPEC_BYTES = 64 * 1024;

/** The form's fields as typed, so a form with problems comes back filled in. */
export interface TeamFormValues {
  team: string;
  project: string;
  checkin: string;
  gitCheckpoint: string;
  agents: { name: string; role: string; profile: string; workspace: string; brief: string }[];
}

/** A form's text as typed: browsers send a textarea's line breaks as CRLF, the brief gets plain newlines (a lone CR is still refused). */
const typed = (value: FormDataEntryValue | null): string => String(value ?? '').replace(/\r\n/g, '\n').trim();
const text = (form: FormData, key: string): string => typed(form.get(key));
const texts = (form: FormData, key: string): string[] => form.getAll(key).map(typed);

/** Every agent row sends each of its fields once, so the lists line up by index. */
export function formValues(form: FormData): TeamFormValues {
  const names = texts(form, 'agent-name');
  const roles = texts(form, 'agent-role');
  const profiles = texts(form, 'agent-profile');
  const workspaces = texts(form, 'agent-workspace');
  const briefs = texts(form, 'agent-brief');
  return {
    team: text(form, 'team'),
    project: text(form, 'project'),
    checkin: text(form, 'checkin'),
    gitCheckpoint: text(form, 'gitCheckpoint'),
    agents: names.map((name, index) => ({
      name,
      role: roles[index] ?? '',
      profile: profiles[index] ?? '',
      workspace: workspaces[index] ?? '',
      brief: briefs[index] ?? '',
    })),
  };
}

/** The form as a spec file would say it; fields left empty are left out, as in a file. */
export function teamSpecFromForm(values: TeamFormValues): TeamSpecResult {
  const given = <T extends Record<string, string>>(fields: T) => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== ''));
  const raw = {
    team: values.team,
    project: values.project,
    agents: values.agents.map((agent) =>
      given({ name: agent.name, role: agent.role, profile: agent.profile, workspace: agent.workspace, brief: agent.brief, checkin: values.checkin, gitCheckpoint: values.gitCheckpoint }),
    ),
  };
  const { spec, problems } = buildTeamSpec(raw, { specDir: uploadBaseDir() });
  const all = problems.map(formatProblem);
  // A path relative to a server the person may not be looking at is a guess: ask for the full one.
  if (values.project !== '' && !isAbsolute(values.project) && !values.project.startsWith('~')) all.unshift('project: give the full path (starting with "/"); the form has no directory to resolve it against');
  return spec && all.length === 0 ? { ok: true, spec } : { ok: false, problems: all };
}

export function teamSpecFromUpload(yamlText: string): TeamSpecResult {
  if (yamlText.trim() === '') return { ok: false, problems: ['the spec is empty: choose a file or paste one'] };
  if (Buffer.byteLength(yamlText) > MAX_SPEC_BYTES) return { ok: false, problems: [`the spec is larger than ${MAX_SPEC_BYTES / 1024} KiB; a team spec is a few lines`] };
  return parseTeamSpec(yamlText, { specDir: uploadBaseDir() });
}
