// A project whose `.mcp.json` names an MCP server Claude Code has never seen: left to itself,
// the real Claude Code (2.1.328) stops at "New MCP server found in this project: <name>" and
// the agent hangs. orc decides every such server in the settings it passes: disabled unless the
// spec names it. Each project's server is a shell that leaves a marker file when started, and
// each project's own `.claude/settings.json` enables all of its servers, as a hostile
// repository would: orc's decision must win over that too.
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dataLayout } from '../../domain/data-layout.ts';
import { claudeTestCommand, envFlags, prepareClaudeCodeEnv } from '../../testing/claude-code.ts';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';
import { startScriptedMessagesApi, type ScriptedMessagesApi } from '../../testing/scripted-messages-api.ts';

const SERVER = 'demo-tools';
const soloTeam = uniqueName('mcp-solo');
const solo = `${soloTeam}/claude`;
const team = uniqueName('mcp-team');
let api: ScriptedMessagesApi;
let soloProject: string;
let teamProject: string;
let env: Record<string, string>;

/** A project whose .mcp.json names one server that, once started, leaves `mcp-started` in the project. */
async function projectWithMcpServer(label: string): Promise<string> {
  const project = await mkdtemp(join(tmpdir(), `orc-mcp-${label}-`));
  const marker = join(project, 'mcp-started');
  await writeFile(join(project, '.mcp.json'), JSON.stringify({ mcpServers: { [SERVER]: { command: '/bin/sh', args: ['-c', `touch ${marker}; exec sleep 600`] } } }));
  await mkdir(join(project, '.claude'));
  await writeFile(join(project, '.claude', 'settings.json'), JSON.stringify({ enableAllProjectMcpServers: true }));
  return project;
}

const settingsOf = async (teamName: string, agent: string) =>
  JSON.parse(await readFile(dataLayout(inject('dataDir')).host('test-host').agent({ team: teamName, agent }).claudeSettings, 'utf8')) as Record<string, unknown>;

type LogEntry = { from: string; to: string; text: string; state: string };

beforeAll(async () => {
  api = await startScriptedMessagesApi();
  soloProject = await projectWithMcpServer('solo');
  teamProject = await projectWithMcpServer('team');
  env = await prepareClaudeCodeEnv({ apiUrl: api.url, projectDirs: [soloProject, teamProject] });
});

afterAll(async () => {
  await runOrc(['agent', 'stop', solo]);
  await runOrc(['team', 'stop', team]);
  await api?.close();
});

describe("a project whose .mcp.json names a new MCP server", () => {
  it('does not hang the agent: by default the server is disabled, with no dialog, whatever the project says', async () => {
    await orc(['agent', 'start', solo, '--project', soloProject, '--cmd', claudeTestCommand(), ...envFlags(env)]);
    const sent = JSON.parse(await orc(['send', solo, 'reply with mcp-solo-pong', '--json'])) as { state: string };
    expect(sent.state).toBe('confirmed');
    await eventually(async () => expect(await orc(['capture', solo, '--lines', '60'])).toContain('mcp-solo-pong'));
    const screen = await orc(['capture', solo, '--lines', '200']);
    expect(screen).not.toContain('New MCP server found');
    expect(await settingsOf(soloTeam, 'claude')).toMatchObject({ enableAllProjectMcpServers: false, enabledMcpjsonServers: [], disabledMcpjsonServers: [SERVER] });
    expect(existsSync(join(soloProject, 'mcp-started')), 'the server was started').toBe(false);
  });

  it('enables the server a team spec names: the agent starts, its brief is confirmed, and the server runs', async () => {
    const spec = [`team: ${team}`, `project: ${teamProject}`, `mcpServers: [${SERVER}]`, 'agents:', `  - { name: dev, role: engineer, command: "${claudeTestCommand()}", gitCheckpoint: "off" }`].join('\n');
    await writeFile(join(teamProject, 'team.yaml'), spec);
    expect(await orc(['team', 'deploy', join(teamProject, 'team.yaml'), ...envFlags(env)])).toContain(`team ${team} running`);
    await eventually(
      async () => {
        const log = JSON.parse(await orc(['log', '--team', team, '--json'])) as LogEntry[];
        expect(log.filter((m) => m.from === `team:${team}`).map((m) => [m.to, m.state])).toEqual([[`${team}/dev`, 'confirmed']]);
      },
      { timeoutMs: 60_000 },
    );
    expect(await settingsOf(team, 'dev')).toMatchObject({ enableAllProjectMcpServers: false, enabledMcpjsonServers: [SERVER], disabledMcpjsonServers: [] });
    await eventually(async () => expect(existsSync(join(teamProject, 'mcp-started')), 'the server was started').toBe(true));
    expect(await orc(['capture', `${team}/dev`, '--lines', '200'])).not.toContain('New MCP server found');
  });

  it('refuses a server name that is not one, naming the field', async () => {
    const bad = await runOrc(['agent', 'start', `${soloTeam}/other`, '--project', soloProject, '--mcp-server', 'a b', '--cmd', 'bash']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--mcp-server: MCP server name "a b" is invalid');
  });
});
