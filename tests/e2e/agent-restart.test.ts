// orc agent restart (agents.restart in the API): an agent started on its own comes back with the same project
// and command; a team member comes back through its team, keeping its role, and the team counts
// it as started again. A viewer may not restart.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createOrcClient } from '../../cli/client.ts';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';

const url = inject('orcUrl');
const admin = createOrcClient({ url, token: inject('adminToken') });
const solo = `${uniqueName('restart')}/dev`;
const team = uniqueName('restart-team');

afterAll(async () => {
  await runOrc(['agent', 'stop', solo]);
  await runOrc(['team', 'stop', team]);
});

describe('agents.restart', () => {
  it('starts an agent of its own again with the same project, command and given environment, on a fresh screen', async () => {
    const projectDir = await mkdtemp(join(tmpdir(), 'orc-restart-'));
    await orc(['agent', 'start', solo, '--project', projectDir, '--cmd', 'bash --norc --noprofile', '--env', 'GIVEN_AT_START=kept-across-restart']);
    await orc(['send', solo, 'echo before-the-restart']);
    expect(await orc(['capture', solo])).toContain('before-the-restart');

    expect(await orc(['agent', 'restart', solo])).toBe(`restarted ${solo}\n`);
    const [entry] = (await admin.agents.status.query()).filter((agent) => agent.id === solo);
    expect(entry).toMatchObject({ projectDir, state: 'idle' });
    expect(await orc(['capture', solo])).not.toContain('before-the-restart');
    await orc(['send', solo, 'echo after-the-restart "$GIVEN_AT_START"']);
    await eventually(async () => expect((await orc(['capture', solo])).split('\n')).toContain('after-the-restart kept-across-restart'));
  });

  it('starts a team member again through its team, which keeps its role and the environment it was deployed with', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orc-restart-team-'));
    const file = join(dir, 'team.yaml');
    await writeFile(file, [`team: ${team}`, `project: ${dir}`, 'agents:', '  - { name: pm, role: project-manager, command: cat }', '  - { name: dev, role: engineer, command: "bash --norc --noprofile" }'].join('\n'));
    await orc(['team', 'deploy', file, '--env', 'TEAM_GIVEN=kept-for-the-member']);

    expect(JSON.parse(await orc(['agent', 'restart', `${team}/dev`, '--json']))).toEqual({ id: `${team}/dev`, throughTeam: true });
    const shown = JSON.parse(await orc(['team', 'show', team, '--json'])) as { agents: Array<{ id: string; role: string; state: string }> };
    const entries = shown.agents.filter((agent) => agent.id === `${team}/dev`);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ role: 'engineer', state: 'started' });
    await orc(['send', `${team}/dev`, 'echo still-here "$TEAM_GIVEN"']);
    await eventually(async () => expect((await orc(['capture', `${team}/dev`])).split('\n')).toContain('still-here kept-for-the-member'));
  });

  it('names an agent that is not running and how to start it, with a non-zero exit', async () => {
    const result = await runOrc(['agent', 'restart', `${team}/nobody`]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`no running agent ${team}/nobody to restart; start it with: orc agent start ${team}/nobody --project DIR`);
  });

  it('refuses a viewer', async () => {
    const viewer = createOrcClient({ url, token: (await orc(['token', 'create', '--role', 'viewer', '--name', uniqueName('v')])).trim() });
    await expect(viewer.agents.restart.mutate({ agent: solo })).rejects.toThrow(/admin/);
  });
});
