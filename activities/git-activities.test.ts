import { hostLayout } from '../domain/data-layout.ts';
import { ApplicationFailure } from '@temporalio/activity';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGit } from '../host/git/git.ts';
import { createGitActivities } from './git-activities.ts';
import { isolateGitConfig, makeRepo, sh, write, type Sandbox } from '../host/git/git-testing.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await isolateGitConfig();
});
afterAll(() => sandbox.cleanup());

describe('createGitActivities', () => {
  it('prepares the agent worktree under the data dir and checkpoints it', async () => {
    const hostDir = join(sandbox.root, 'data', 'hosts', 'here');
    const activities = createGitActivities({ git: createGit(), hostDir, clock: () => new Date('2025-01-02T03:04:05.678Z') });
    const projectDir = await makeRepo(sandbox.root);

    const prepared = await activities.prepareAgentWorktree({ projectDir, team: 'demo', agent: 'dev' });
    expect(prepared).toEqual({ worktreeDir: hostLayout(hostDir).worktreeDir({ team: 'demo', agent: 'dev' }), branch: 'orc/demo/dev', created: true });
    expect((await activities.prepareAgentWorktree({ projectDir, team: 'demo', agent: 'dev' })).created).toBe(false);

    expect(await activities.checkpointWorkspace({ workspaceDir: prepared.worktreeDir, agentId: 'demo/dev' })).toEqual({ outcome: 'clean' });
    await write(prepared.worktreeDir, 'work.txt', 'work\n');
    const result = await activities.checkpointWorkspace({ workspaceDir: prepared.worktreeDir, agentId: 'demo/dev' });
    expect(result).toMatchObject({ outcome: 'committed', files: 1 });
    expect(sh(projectDir, 'log', '-1', '--format=%s', 'orc/demo/dev')).toBe('checkpoint: demo/dev at 2025-01-02T03:04:05.678Z\n');
  });

  it('rejects bad team and agent names before touching anything', async () => {
    const activities = createGitActivities({ git: createGit(), hostDir: join(sandbox.root, 'data') });
    const projectDir = await makeRepo(sandbox.root);
    for (const [team, agent] of [['demo', '../../etc'], ['Demo', 'dev'], ['demo', '']]) {
      const err = await activities.prepareAgentWorktree({ projectDir, team: team ?? '', agent: agent ?? '' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApplicationFailure);
      expect(err).toMatchObject({ type: 'InvalidInput', nonRetryable: true });
    }
  });
});
