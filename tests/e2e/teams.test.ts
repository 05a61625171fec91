// Teams from a spec file and from flags, through the real CLI: a bad spec lists every problem
// and starts nothing; a good one starts every agent with its brief and roster as its first
// message; show, add-agent and stop behave.
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';

async function gitProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'orc-team-project-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir });
  git('init', '-q', '-b', 'main');
  await writeFile(join(dir, 'README.md'), '# project\n');
  git('add', '.');
  git('commit', '-q', '-m', 'initial');
  return dir;
}

describe('orc team deploy', () => {
  it('lists every problem of a bad spec with its path, and starts nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orc-bad-spec-'));
    const team = uniqueName('bad');
    const file = join(dir, 'team.yaml');
    await writeFile(
      file,
      [`team: ${team}`, `project: ${dir}`, 'agents:', '  - name: pm', '    role: project-manager', '  - name: API', '    role: engineer', '  - name: qa', '    role: qe', '    checkin: soon'].join('\n'),
    );
    const result = await runOrc(['team', 'deploy', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nothing was started');
    expect(result.stderr).toContain('agents[1].name');
    expect(result.stderr).toMatch(/agents\[2\]\.role: unknown role "qe"; known: orchestrator, project-manager/);
    expect(result.stderr).toContain('agents[2].checkin');
    const teams = JSON.parse(await orc(['team', 'list', '--json'])) as Array<{ team: string }>;
    expect(teams.map((t) => t.team)).not.toContain(team);
  });

  it('deploys a team from a spec, each agent briefed with its role and roster', async () => {
    const project = await gitProject();
    const team = uniqueName('crew');
    const file = join(project, 'team.yaml');
    await writeFile(
      file,
      [
        `team: ${team}`,
        'project: .',
        'agents:',
        // cat stands in for an agent CLI: it takes its brief and echoes it.
        '  - { name: pm, role: project-manager, command: cat }',
        '  - { name: api, role: engineer, command: cat, workspace: worktree, brief: "Build the /health endpoint." }',
        '  - { name: qa, role: qa, command: cat, gitCheckpoint: "off" }',
      ].join('\n'),
    );
    const out = await orc(['team', 'deploy', file]);
    expect(out).toContain(`team ${team} running`);
    try {
      const shown = JSON.parse(await orc(['team', 'show', team, '--json'])) as { agents: Array<{ id: string; role: string; manager: string | null; state: string; workspaceDir: string }> };
      expect(shown.agents.map((a) => [a.id, a.role, a.manager, a.state])).toEqual([
        [`${team}/pm`, 'project-manager', null, 'started'],
        [`${team}/api`, 'engineer', `${team}/pm`, 'started'],
        [`${team}/qa`, 'qa', `${team}/pm`, 'started'],
      ]);
      expect(shown.agents[1]?.workspaceDir).toMatch(new RegExp(`worktrees/${team}/api$`));
      expect(execFileSync('git', ['branch', '--list', `orc/${team}/api`], { cwd: project, encoding: 'utf8' })).toContain(`orc/${team}/api`);

      // Each agent's first message is its brief and roster, from the team, confirmed.
      await eventually(async () => {
        const log = JSON.parse(await orc(['log', '--team', team, '--json'])) as Array<{ from: string; to: string; text: string; state: string }>;
        const briefs = log.filter((m) => m.from === `team:${team}`);
        expect(briefs.map((m) => m.to).sort()).toEqual([`${team}/api`, `${team}/pm`, `${team}/qa`]);
        expect(briefs.every((m) => m.state === 'confirmed')).toBe(true);
        const apiBrief = briefs.find((m) => m.to === `${team}/api`)?.text ?? '';
        expect(apiBrief).toContain('Build the /health endpoint.');
        expect(apiBrief).toContain(`${team}/pm`);
        expect(apiBrief).toContain('orc checkin');
      });

      const status = JSON.parse(await orc(['status', '--json'])) as Array<{ id: string }>;
      expect(status.map((a) => a.id)).toEqual(expect.arrayContaining([`${team}/pm`, `${team}/api`, `${team}/qa`]));

      expect(await orc(['team', 'add-agent', team, 'docs', '--role', 'docs', '--profile', 'shell'])).toContain(`added ${team}/docs`);
      const dup = await runOrc(['team', 'add-agent', team, 'docs', '--role', 'docs', '--profile', 'shell']);
      expect(dup.code).toBe(1);
      expect(dup.stderr).toContain(`already has an agent named docs`);

      const again = await runOrc(['team', 'deploy', file]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(`team ${team} is already running`);
    } finally {
      await orc(['team', 'stop', team]);
    }
    const after = JSON.parse(await orc(['status', '--json'])) as Array<{ id: string }>;
    expect(after.filter((a) => a.id.startsWith(`${team}/`))).toEqual([]);
    const teams = JSON.parse(await orc(['team', 'list', '--json'])) as Array<{ team: string }>;
    expect(teams.map((t) => t.team)).not.toContain(team);
  });

  it('creates a team from flags, and rejects bad flags with every problem', async () => {
    const project = await gitProject();
    const team = uniqueName('flags');
    const bad = await runOrc(['team', 'create', team, '--project', project, '--agents', 'pm:boss,x', '--profile', 'shell']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--agents[0]');
    expect(bad.stderr).toContain('--agents[1]');
    expect(await orc(['team', 'create', team, '--project', project, '--agents', 'lead:orchestrator,dev:engineer', '--profile', 'shell'])).toContain(`team ${team} running`);
    expect(await orc(['team', 'stop', team])).toContain('stopped');
  });
});
