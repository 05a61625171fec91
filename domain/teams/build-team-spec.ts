// From the plain data of a spec (parsed YAML, or built from CLI flags) to a TeamSpec, or to
// every problem in it. Checks that need more than one field (duplicate names, two ways of
// saying one thing) run on the raw data as well, even when zod found problems elsewhere, so
// that one run lists everything to fix. Files are read only through the injected reader.
import { isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { OFF, PROFILES, PROFILE_NAMES, DEFAULT_GIT_CHECKPOINT_MS, teamSpecFileSchema, type agentFileSchema, type AgentSpec, type TeamSpec } from './team-spec.ts';
import { problemsFromIssues, type SpecProblem } from './spec-problems.ts';
import { DEFAULT_AGENT_COMMAND, isClaudeCode, parseAgentCommand } from '../agent-command.ts';
import { controlCharacterProblem } from '../control-characters.ts';
import type { SandboxSetting } from '../sandbox.ts';

export interface BuildOptions {
  /** Absolute: relative paths in the spec (project, briefFile) are resolved against it. */
  specDir: string;
  /** Reads a brief file (absolute path) as UTF-8 text; throws when it cannot. */
  readFile?: (path: string) => string;
}

export interface BuildResult {
  spec: TeamSpec | null;
  problems: SpecProblem[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const given = (value: unknown): boolean => value !== undefined && value !== null;

function crossFieldProblems(raw: unknown): SpecProblem[] {
  if (!isRecord(raw) || !Array.isArray(raw.agents)) return [];
  const problems: SpecProblem[] = [];
  const firstIndex = new Map<string, number>();
  raw.agents.forEach((agent: unknown, index) => {
    if (!isRecord(agent)) return;
    if (typeof agent.name === 'string') {
      const first = firstIndex.get(agent.name);
      if (first === undefined) firstIndex.set(agent.name, index);
      else problems.push({ path: ['agents', index, 'name'], message: `duplicate agent name ${JSON.stringify(agent.name)} (also agents[${first}])` });
    }
    if (given(agent.brief) && given(agent.briefFile)) {
      problems.push({ path: ['agents', index, 'briefFile'], message: 'give brief or briefFile, not both' });
    }
    if (given(agent.command) && given(agent.profile)) {
      problems.push({ path: ['agents', index, 'profile'], message: 'give command or profile, not both' });
    }
    if (agent.hooks === false && !runsClaudeCode(agent)) {
      problems.push({ path: ['agents', index, 'hooks'], message: 'hooks applies only to Claude Code agents (command "claude …" or profile claude-code); other CLIs never get hooks' });
    }
  });
  return problems;
}

/** The command an agent entry runs: its own, its profile's, or the default; undefined for a profile that does not exist. */
function commandOf(agent: { command?: unknown; profile?: unknown }): string | undefined {
  if (typeof agent.command === 'string') return agent.command;
  if (agent.profile === undefined || agent.profile === null) return DEFAULT_AGENT_COMMAND;
  const profile = PROFILE_NAMES.find((name) => name === agent.profile);
  return profile === undefined ? undefined : PROFILES[profile];
}

/** Whether an entry of the raw spec runs Claude Code (an unknown profile or a command it cannot parse is another field's problem). */
function runsClaudeCode(agent: Record<string, unknown>): boolean {
  const command = commandOf(agent);
  if (command === undefined) return true;
  try {
    return isClaudeCode(parseAgentCommand(command));
  } catch {
    return true;
  }
}

/** Reads every briefFile that is otherwise fine; returns the texts by agent index. */
function readBriefFiles(raw: unknown, options: BuildOptions, problems: SpecProblem[]): Map<number, string> {
  const texts = new Map<number, string>();
  if (!isRecord(raw) || !Array.isArray(raw.agents)) return texts;
  raw.agents.forEach((agent: unknown, index) => {
    if (!isRecord(agent) || typeof agent.briefFile !== 'string' || agent.briefFile.trim() === '' || given(agent.brief)) return;
    const path = ['agents', index, 'briefFile'];
    if (!options.readFile) {
      problems.push({ path, message: 'brief files cannot be read here: give the brief inline with brief' });
      return;
    }
    const file = resolve(options.specDir, agent.briefFile);
    let text: string;
    try {
      text = options.readFile(file);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      const why = code === 'ENOENT' ? 'no such file' : typeof code === 'string' ? code : (err as Error).message;
      problems.push({ path, message: `cannot read ${JSON.stringify(file)}: ${why}` });
      return;
    }
    // Windows line endings are the file's, not the brief's: the brief gets plain newlines.
    text = text.replace(/\r\n/g, '\n');
    const control = controlCharacterProblem(text);
    if (text.trim() === '') problems.push({ path, message: `${JSON.stringify(file)} is empty` });
    else if (control !== null) problems.push({ path, message: `${JSON.stringify(file)}: ${control}` });
    else texts.set(index, text);
  });
  return texts;
}

type SandboxFileValue = z.output<typeof agentFileSchema>['sandbox'];

/** An entry's sandbox, else its team's, else on; undefined when that is the default (on, nothing more opened). */
function sandboxOf(agent: SandboxFileValue, team: SandboxFileValue): SandboxSetting | undefined {
  const value = agent ?? team;
  if (value === undefined || value === null) return undefined;
  const setting: SandboxSetting = typeof value === 'boolean' ? { enabled: value, allow: [] } : { enabled: value.enabled ?? true, allow: value.allow ?? [] };
  return setting.enabled && setting.allow.length === 0 ? undefined : setting;
}

/** Fills in the defaults for one checked agent entry; `briefText` is its brief file's text, if any. */
export function agentSpecFrom(agent: z.output<typeof agentFileSchema>, briefText: string | null, teamSandbox: SandboxFileValue = undefined, teamMcpServers: string[] | null = null): AgentSpec {
  const sandbox = sandboxOf(agent.sandbox, teamSandbox);
  // An entry's own list replaces the team's, as its sandbox does.
  const mcpServers = [...new Set(agent.mcpServers ?? teamMcpServers ?? [])];
  return {
    name: agent.name,
    role: agent.role,
    brief: agent.brief ?? briefText,
    command: commandOf(agent) ?? DEFAULT_AGENT_COMMAND,
    checkinIntervalMs: agent.checkin === OFF ? null : (agent.checkin ?? null),
    workspace: agent.workspace ?? 'shared',
    // Left out (or left empty) means the default; only `off` turns checkpoints off.
    gitCheckpointMs: agent.gitCheckpoint === OFF ? null : (agent.gitCheckpoint ?? DEFAULT_GIT_CHECKPOINT_MS),
    ...(agent.hooks === false ? { hooks: false as const } : {}),
    ...(sandbox === undefined ? {} : { sandbox }),
    ...(mcpServers.length === 0 ? {} : { mcpServers }),
  };
}

export function buildTeamSpec(raw: unknown, options: BuildOptions): BuildResult {
  if (!isAbsolute(options.specDir)) throw new TypeError(`buildTeamSpec: specDir must be absolute, got ${JSON.stringify(options.specDir)}`);
  const parsed = teamSpecFileSchema.safeParse(raw, { reportInput: true });
  const problems = parsed.success ? [] : problemsFromIssues(parsed.error.issues);
  problems.push(...crossFieldProblems(raw));
  const briefs = readBriefFiles(raw, options, problems);
  if (!parsed.success || problems.length > 0) return { spec: null, problems };

  const file = parsed.data;
  const agents = file.agents.map((agent, index) => agentSpecFrom(agent, briefs.get(index) ?? null, file.sandbox, file.mcpServers ?? null));
  return {
    spec: { team: file.team, project: resolve(options.specDir, file.project), host: file.host ?? null, ...(file.setup ? { setup: file.setup } : {}), ...(file.ports ? { ports: file.ports } : {}), ...(file.check ? { check: file.check } : {}), ...(file.mergeApproval ? { mergeApproval: file.mergeApproval } : {}), agents },
    problems: [],
  };
}
