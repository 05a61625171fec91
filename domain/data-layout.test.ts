import { describe, expect, it } from 'vitest';
import { dataDirFrom, dataLayout, hostLayout } from './data-layout.ts';

describe('the data layout', () => {
  const layout = dataLayout('/srv/orc');
  const dev = { team: 'demo', agent: 'dev' };

  it("puts orc's secrets and the stack's state at the top", () => {
    expect([layout.adminToken, layout.secretKey, layout.logDir, layout.pgliteDir]).toEqual(['/srv/orc/admin-token', '/srv/orc/secret-key', '/srv/orc/logs', '/srv/orc/pglite']);
  });

  it("keeps an agent's files, worktree and scratch dir under its host, apart from each other", () => {
    const host = layout.host('vm1');
    expect(host.worktreeDir(dev)).toBe('/srv/orc/hosts/vm1/worktrees/demo/dev');
    expect(host.scratchDir(dev)).toBe('/srv/orc/hosts/vm1/scratch/demo/dev');
    expect(host.agent(dev).claudeSettings).toBe('/srv/orc/hosts/vm1/agents/demo/dev/claude-settings.json');
    expect(host.agent(dev).history(new Date('2026-01-02T03:04:05.678Z'))).toBe('/srv/orc/hosts/vm1/agents/demo/dev/history-2026-01-02T03-04-05-678Z.txt');
    // The worker is handed its host dir; it finds the same places from there.
    expect(hostLayout(host.dir).worktreeDir(dev)).toBe(host.worktreeDir(dev));
  });

  it('reads the data dir from ORC_DATA_DIR, made absolute, or .data', () => {
    expect(dataDirFrom({ ORC_DATA_DIR: '/var/orc/' })).toBe('/var/orc');
    expect(dataDirFrom({})).toBe(`${process.cwd()}/.data`);
  });
});
