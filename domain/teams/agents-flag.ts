// `orc team create <team> --project <dir> --agents "pm:project-manager,api:engineer,qa:qa"`:
// the same team as a spec file would give, checked by the same rules, with problems named
// after the flags (`--agents[1]: unknown role "qe"; …`) instead of paths in a file.
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { agentSpecFrom } from './build-team-spec.ts';
import { problemsFromIssues } from './spec-problems.ts';
import { agentFileSchema, teamSpecFileSchema, type AgentSpec, type TeamSpecResult } from './team-spec.ts';

/** Settings the CLI applies to every agent of the team, as typed (`--checkin 30m`). */
export interface AgentDefaultFlags {
  workspace?: string;
  checkin?: string;
  gitCheckpoint?: string;
  command?: string;
  profile?: string;
  /** `--no-sandbox`: false. */
  sandbox?: boolean;
}

export interface TeamFlags extends AgentDefaultFlags {
  team: string;
  project: string;
  /** Absolute: a relative --project is resolved against it (the CLI's working directory). */
  cwd: string;
  /** `name:role,name:role` */
  agents: string;
  host?: string;
}

export type AgentsFlagResult = { ok: true; agents: AgentSpec[] } | { ok: false; problems: string[] };

const FLAG_NAMES: Record<string, string> = { gitCheckpoint: '--git-checkpoint' };
const flagName = (field: string): string => FLAG_NAMES[field] ?? `--${field}`;

const EXAMPLE = 'pm:project-manager,api:engineer,qa:qa';

/** Parses `pm:project-manager,api:engineer` into agent entries with every default filled in. */
export function parseAgentsFlag(text: string, defaults: AgentDefaultFlags = {}): AgentsFlagResult {
  const problems: string[] = [];
  const agents: AgentSpec[] = [];
  if (text.trim() === '') return { ok: false, problems: [`--agents: give at least one agent as name:role, for example "${EXAMPLE}"`] };
  if (defaults.command !== undefined && defaults.profile !== undefined) problems.push('--profile: give --command or --profile, not both');
  const firstIndex = new Map<string, number>();
  text.split(',').forEach((rawEntry, index) => {
    const at = `--agents[${index}]`;
    const entry = rawEntry.trim();
    const parts = entry.split(':');
    if (entry === '' || parts.length !== 2) {
      const found = entry === '' ? 'an empty entry' : JSON.stringify(entry);
      problems.push(`${at}: ${found} is not name:role, for example api:engineer`);
      return;
    }
    const [name = '', role = ''] = parts.map((part) => part.trim());
    const fields = Object.fromEntries(Object.entries(defaults).filter(([, value]) => value !== undefined));
    const parsed = agentFileSchema.safeParse({ ...fields, name, role }, { reportInput: true });
    if (!parsed.success) {
      for (const problem of problemsFromIssues(parsed.error.issues)) {
        const field = String(problem.path[0]);
        problems.push(`${field === 'name' || field === 'role' ? at : flagName(field)}: ${problem.message}`);
      }
    }
    const first = firstIndex.get(name);
    if (first === undefined) firstIndex.set(name, index);
    else problems.push(`${at}: duplicate agent name ${JSON.stringify(name)} (also --agents[${first}])`);
    if (parsed.success) agents.push(agentSpecFrom(parsed.data, null));
  });
  // A bad default is wrong once, not once per agent.
  const unique = [...new Set(problems)];
  return unique.length === 0 ? { ok: true, agents } : { ok: false, problems: unique };
}

/** The whole team from `orc team create` flags. */
export function teamSpecFromFlags(flags: TeamFlags): TeamSpecResult {
  if (!isAbsolute(flags.cwd)) throw new TypeError(`teamSpecFromFlags: cwd must be absolute, got ${JSON.stringify(flags.cwd)}`);
  const problems: string[] = [];
  const shape = teamSpecFileSchema.shape;
  const check = (label: string, field: 'team' | 'project' | 'host', value: unknown): void => {
    // Checked inside an object of its own so that messages know which field they are about.
    const parsed = z.object({ [field]: shape[field] }).safeParse({ [field]: value }, { reportInput: true });
    if (!parsed.success) for (const problem of problemsFromIssues(parsed.error.issues)) problems.push(`${label}: ${problem.message}`);
  };
  check('team', 'team', flags.team);
  check('--project', 'project', flags.project);
  if (flags.host !== undefined) check('--host', 'host', flags.host);
  const { workspace, checkin, gitCheckpoint, command, profile, sandbox } = flags;
  const agents = parseAgentsFlag(flags.agents, { workspace, checkin, gitCheckpoint, command, profile, sandbox });
  if (!agents.ok) problems.push(...agents.problems);
  if (problems.length > 0 || !agents.ok) return { ok: false, problems };
  return { ok: true, spec: { team: flags.team, project: resolve(flags.cwd, flags.project), host: flags.host ?? null, agents: agents.agents } };
}
