// A restart (the dashboard's Restart: agents.restart) keeps every launch option, for an agent
// started on its own (`orc agent start`, from its launch record in the registry) and for a team
// member (`orc team deploy`, through its team's spec). One row per option: start an agent with
// it, look at what a person would look at to see the option at work, restart, look again.
// Shell agents (`bash --norc --noprofile`) stand in wherever Claude Code is not needed; the
// hooks rows run the real Claude Code against the scripted model.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, realpath, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrcClient } from '../../cli/client.ts';
import { claudeTestCommand, envFlags, prepareClaudeCodeEnv } from '../../testing/claude-code.ts';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';
import { startScriptedMessagesApi, type ScriptedMessagesApi } from '../../testing/scripted-messages-api.ts';
import { makeRepo } from '../../host/git/git-testing.ts';

const SHELL = 'bash --norc --noprofile';
/** Two launches of Claude Code on a loaded two-core machine. */
const RESTART_TIMEOUT_MS = 300_000;
const admin = createOrcClient({ url: inject('orcUrl'), token: inject('adminToken') });

let api: ScriptedMessagesApi;
/** Environment that runs Claude Code against the scripted model, and the projects it trusts. */
let claudeEnv: Record<string, string>;
const claudeProjects = { solo: '', team: '' };

const soloAgents: string[] = [];
const teams: string[] = [];

type StatusEntry = { id: string; host: string; projectDir: string; state: string; sandboxed: boolean };
type TeamShown = { host: string; projectDir: string; agents: Array<{ id: string; role: string; manager: string | null; state: string; workspace: string; workspaceDir: string | null }> };

// ---- what a person looks at ----

const statusOf = async (id: string): Promise<StatusEntry> => {
  const entry = (JSON.parse(await orc(['status', '--json'])) as StatusEntry[]).find((a) => a.id === id);
  if (!entry) throw new Error(`${id} is not in orc status`);
  return entry;
};

const teamShown = async (team: string): Promise<TeamShown> => JSON.parse(await orc(['team', 'show', team, '--json'])) as TeamShown;

/** The agent's live pane in the stack's tmux server (session orc-<team>, window <agent>). */
function livePane(id: string): { pid: number; cwd: string } {
  const [team = '', agent = ''] = id.split('/');
  const listing = execFileSync('tmux', ['-L', inject('tmuxSocket'), 'list-panes', '-s', '-t', `=orc-${team}`, '-F', '#{window_name}\t#{pane_pid}\t#{pane_current_path}\t#{pane_dead}'], { encoding: 'utf8' });
  const live = listing.split('\n').map((line) => line.split('\t')).filter(([name, , , dead]) => name === agent && dead === '0');
  if (live.length !== 1) throw new Error(`expected one live pane for ${id}, found ${live.length}:\n${listing}`);
  const [, pid = '', cwd = ''] = live[0] ?? [];
  return { pid: Number(pid), cwd };
}

/**
 * The agent's command line as `ps` shows the pane's process; in a sandbox that process is bwrap,
 * and the agent's command is what follows its `--`.
 */
const paneCommand = (id: string) => {
  const args = execFileSync('ps', ['-o', 'args=', '-p', String(livePane(id).pid)], { encoding: 'utf8' }).trim();
  return /^\S*bwrap /.test(args) ? args.slice(args.lastIndexOf(' -- ') + 4) : args;
};

/** Whether the pane's process is bwrap, and what status says. */
const confinement = async (id: string) => ({
  paneRunsBwrap: /^\S*bwrap /.test(execFileSync('ps', ['-o', 'args=', '-p', String(livePane(id).pid)], { encoding: 'utf8' })),
  status: (await statusOf(id)).sandboxed,
});

const paneDir = (id: string) => realpath(livePane(id).cwd);

let probes = 0;
/** Asks the shell agent for `$name` with `orc send`, and reads the answer off its screen. */
async function echoed(id: string, name: string): Promise<string> {
  const probe = `probe-${++probes}`;
  expect(await orc(['send', id, `echo "${probe}:$${name}"`])).toContain('confirmed');
  return eventually(async () => {
    const line = (await orc(['capture', id])).split('\n').find((l) => l.startsWith(`${probe}:`));
    expect(line, `${probe} on ${id}'s screen`).toBeDefined();
    return (line ?? '').slice(probe.length + 1);
  });
}

/** Whether the Claude Code settings file orc wrote for the agent has hooks, and whether this launch wrote it. */
async function claudeSettings(id: string, launchedAt: number): Promise<{ hooks: boolean; writtenByThisLaunch: boolean }> {
  const [team = '', agent = ''] = id.split('/');
  const file = join(inject('dataDir'), 'hosts', 'test-host', 'agents', team, agent, 'claude-settings.json');
  const settings = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  return { hooks: 'hooks' in settings, writtenByThisLaunch: (await stat(file)).mtimeMs >= launchedAt - 1000 };
}

// ---- starting agents as a person would ----

const newDir = async (prefix: string) => realpath(await mkdtemp(join(tmpdir(), prefix)));

const gitProject = async (): Promise<string> => makeRepo(await newDir('orc-keep-git-'));

async function startSolo(args: string[], projectDir?: string): Promise<{ id: string; projectDir: string }> {
  const id = `${uniqueName('keep')}/dev`;
  const dir = projectDir ?? (await newDir('orc-keep-solo-'));
  soloAgents.push(id);
  await orc(['agent', 'start', id, '--project', dir, ...args]);
  return { id, projectDir: dir };
}

/** Deploys a team from a spec file whose `dev` member is the agent under test. */
async function deployTeam(opts: { members: string[]; projectDir?: string; host?: string; env?: string[] }): Promise<{ id: string; team: string; projectDir: string }> {
  const team = uniqueName('keep-team');
  const projectDir = opts.projectDir ?? (await newDir('orc-keep-team-'));
  const specDir = await newDir('orc-keep-spec-');
  const spec = [`team: ${team}`, `project: ${projectDir}`, ...(opts.host ? [`host: ${opts.host}`] : []), 'agents:', ...opts.members.map((m) => `  - ${m}`)].join('\n');
  await writeFile(join(specDir, 'team.yaml'), spec);
  teams.push(team);
  expect(await orc(['team', 'deploy', join(specDir, 'team.yaml'), ...(opts.env ?? [])])).toContain(`team ${team} running`);
  return { id: `${team}/dev`, team, projectDir };
}

// ---- the table ----

interface Launched {
  id: string;
  /** What a person sees of the option, before and after the restart. */
  expected: unknown;
  /** Looks at the option at work; `launchedAt` is when the (re)start began. */
  observe(launchedAt: number): Promise<unknown>;
}

interface Row {
  option: string;
  launch(): Promise<Launched>;
}

const soloRows: Row[] = [
  {
    option: '--cmd (the command runs again)',
    async launch() {
      const { id } = await startSolo(['--cmd', `${SHELL} --posix`]);
      return { id, expected: `${SHELL} --posix`, observe: async () => paneCommand(id) };
    },
  },
  {
    option: '--env K=V (the value is in the new shell)',
    async launch() {
      const { id } = await startSolo(['--cmd', SHELL, '--env', 'ORC_ROW_VALUE=kept for the solo agent']);
      return { id, expected: 'kept for the solo agent', observe: () => echoed(id, 'ORC_ROW_VALUE') };
    },
  },
  {
    option: '--host (the same host runs it)',
    async launch() {
      const { id } = await startSolo(['--cmd', SHELL, '--host', 'test-host']);
      return { id, expected: 'test-host', observe: async () => (await statusOf(id)).host };
    },
  },
  {
    option: '--project (the same project, and the pane works there)',
    async launch() {
      const { id, projectDir } = await startSolo(['--cmd', SHELL]);
      return { id, expected: { projectDir, paneDir: projectDir }, observe: async () => ({ projectDir: (await statusOf(id)).projectDir, paneDir: await paneDir(id) }) };
    },
  },
  {
    option: '--no-sandbox (relaunched unconfined)',
    async launch() {
      const { id } = await startSolo(['--cmd', SHELL, '--no-sandbox']);
      return { id, expected: { paneRunsBwrap: false, status: false }, observe: () => confinement(id) };
    },
  },
  {
    option: '--sandbox-allow (relaunched confined, the path still open)',
    async launch() {
      const opened = await newDir('orc-keep-opened-');
      const { id } = await startSolo(['--cmd', SHELL, '--sandbox-allow', `${opened}:rw`]);
      return {
        id,
        expected: { paneRunsBwrap: true, status: true, bound: true },
        observe: async () => ({ ...(await confinement(id)), bound: paneCommand(id) !== '' && execFileSync('ps', ['-o', 'args=', '-p', String(livePane(id).pid)], { encoding: 'utf8' }).includes(`--bind ${opened} ${opened}`) }),
      };
    },
  },
  {
    option: "--no-hooks (Claude Code relaunched without orc's hooks)",
    async launch() {
      const { id } = await startSolo(['--cmd', claudeTestCommand(), '--no-hooks', ...envFlags(claudeEnv)], claudeProjects.solo);
      return { id, expected: { hooks: false, writtenByThisLaunch: true }, observe: (launchedAt) => claudeSettings(id, launchedAt) };
    },
  },
];

const teamRows: Row[] = [
  {
    option: 'command (the command runs again)',
    async launch() {
      const { id } = await deployTeam({ members: [`{ name: dev, role: engineer, command: "${SHELL} --posix" }`] });
      return { id, expected: `${SHELL} --posix`, observe: async () => paneCommand(id) };
    },
  },
  {
    option: '--env K=V given at deploy (the value is in the new shell)',
    async launch() {
      const { id } = await deployTeam({ members: [`{ name: dev, role: engineer, command: "${SHELL}" }`], env: ['--env', 'ORC_ROW_VALUE=kept for the member'] });
      return { id, expected: 'kept for the member', observe: () => echoed(id, 'ORC_ROW_VALUE') };
    },
  },
  {
    option: 'host (the same host runs it)',
    async launch() {
      const { id, team } = await deployTeam({ members: [`{ name: dev, role: engineer, command: "${SHELL}" }`], host: 'test-host' });
      return { id, expected: { agent: 'test-host', team: 'test-host' }, observe: async () => ({ agent: (await statusOf(id)).host, team: (await teamShown(team)).host }) };
    },
  },
  {
    option: 'project (the same project, and the pane works there)',
    async launch() {
      const { id, projectDir } = await deployTeam({ members: [`{ name: dev, role: engineer, command: "${SHELL}" }`] });
      return { id, expected: { projectDir, paneDir: projectDir }, observe: async () => ({ projectDir: (await statusOf(id)).projectDir, paneDir: await paneDir(id) }) };
    },
  },
  {
    option: "hooks: false (Claude Code relaunched without orc's hooks)",
    async launch() {
      const { id } = await deployTeam({
        members: [`{ name: dev, role: engineer, command: "${claudeTestCommand()}", hooks: false, gitCheckpoint: "off" }`],
        projectDir: claudeProjects.team,
        env: envFlags(claudeEnv),
      });
      return { id, expected: { hooks: false, writtenByThisLaunch: true }, observe: (launchedAt) => claudeSettings(id, launchedAt) };
    },
  },
  {
    option: 'sandbox: off (relaunched unconfined)',
    async launch() {
      const { id } = await deployTeam({ members: [`{ name: dev, role: engineer, command: "${SHELL}", sandbox: off }`] });
      return { id, expected: { paneRunsBwrap: false, status: false }, observe: () => confinement(id) };
    },
  },
  {
    option: 'workspace: worktree (the same worktree, on its branch, and the pane works there)',
    async launch() {
      const { id, team } = await deployTeam({ members: [`{ name: dev, role: engineer, command: "${SHELL}", workspace: worktree, gitCheckpoint: "off" }`], projectDir: await gitProject() });
      const worktree = join(await realpath(inject('dataDir')), 'hosts', 'test-host', 'worktrees', team, 'dev');
      return {
        id,
        expected: { workspace: 'worktree', workspaceDir: worktree, paneDir: worktree, branch: `orc/${team}/dev` },
        observe: async () => {
          const member = (await teamShown(team)).agents.find((a) => a.id === id);
          const branch = execFileSync('git', ['-C', worktree, 'branch', '--show-current'], { encoding: 'utf8' }).trim();
          return { workspace: member?.workspace, workspaceDir: member?.workspaceDir, paneDir: await paneDir(id), branch };
        },
      };
    },
  },
  {
    option: 'role and manager (orc team show)',
    async launch() {
      const { id, team } = await deployTeam({ members: ['{ name: pm, role: project-manager, command: cat }', `{ name: dev, role: qa, command: "${SHELL}" }`] });
      return {
        id,
        expected: [{ role: 'qa', manager: `${team}/pm`, state: 'started' }],
        observe: async () => (await teamShown(team)).agents.filter((a) => a.id === id).map(({ role, manager, state }) => ({ role, manager, state })),
      };
    },
  },
];

async function keepsAcrossRestart(row: Row, throughTeam: boolean): Promise<void> {
  const startedAt = Date.now();
  const launched = await row.launch();
  expect(await launched.observe(startedAt), 'before the restart').toEqual(launched.expected);
  const before = livePane(launched.id);

  const restartedAt = Date.now();
  expect(await admin.agents.restart.mutate({ agent: launched.id })).toEqual({ id: launched.id, throughTeam });
  expect(livePane(launched.id).pid, 'a new process in the pane').not.toBe(before.pid);
  await eventually(async () => expect((await statusOf(launched.id)).state).toMatch(/^(idle|working)$/), { timeoutMs: 60_000 });
  expect(await launched.observe(restartedAt), 'after the restart').toEqual(launched.expected);
}

beforeAll(async () => {
  api = await startScriptedMessagesApi();
  claudeProjects.solo = await newDir('orc-keep-claude-solo-');
  claudeProjects.team = await newDir('orc-keep-claude-team-');
  claudeEnv = await prepareClaudeCodeEnv({ apiUrl: api.url, projectDirs: [claudeProjects.solo, claudeProjects.team] });
});

afterAll(async () => {
  for (const id of soloAgents) await runOrc(['agent', 'stop', id]);
  for (const team of teams) await runOrc(['team', 'stop', team]);
  await api?.close();
});

describe('a restart keeps how the agent was launched', () => {
  describe('an agent started on its own (orc agent start)', () => {
    it.each(soloRows)('$option', (row) => keepsAcrossRestart(row, false), RESTART_TIMEOUT_MS);
  });

  describe('a team member (orc team deploy)', () => {
    it.each(teamRows)('$option', (row) => keepsAcrossRestart(row, true), RESTART_TIMEOUT_MS);
  });
});
