import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claudeConfigFile, trustWorkspaceOfTrustedProject } from './claude-trust.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function setUp(projects: Record<string, unknown>) {
  const root = await mkdtemp(join(tmpdir(), 'orc-trust-'));
  dirs.push(root);
  const project = join(root, 'project');
  const worktree = join(root, 'data', 'worktrees', 'dev');
  await mkdir(project, { recursive: true });
  await mkdir(worktree, { recursive: true });
  const config = join(root, '.claude.json');
  const named = Object.fromEntries(Object.entries(projects).map(([key, value]) => [key.replace('<project>', project).replace('<root>', root), value]));
  await writeFile(config, JSON.stringify({ hasCompletedOnboarding: true, userID: 'u1', projects: named }));
  const read = async () => JSON.parse(await readFile(config, 'utf8')) as { userID: string; projects: Record<string, Record<string, unknown>> };
  return { root, project, worktree, config, read };
}

describe("a worktree's trust in Claude Code's config", () => {
  it('is recorded when its project is trusted, keeping everything else in the file', async () => {
    const { project, worktree, config, read } = await setUp({ '<project>': { hasTrustDialogAccepted: true, allowedTools: ['x'] } });
    expect(await trustWorkspaceOfTrustedProject(config, project, worktree)).toBe('recorded');
    const after = await read();
    expect(after.projects[worktree]).toEqual({ hasTrustDialogAccepted: true });
    expect(after.projects[project]).toEqual({ hasTrustDialogAccepted: true, allowedTools: ['x'] });
    expect(after.userID).toBe('u1');
    expect(await trustWorkspaceOfTrustedProject(config, project, worktree)).toBe('already-trusted');
  });

  it('counts a trusted directory above the project, as Claude Code does', async () => {
    const { project, worktree, config } = await setUp({ '<root>': { hasTrustDialogAccepted: true } });
    // The worktree is under the same trusted root here: nothing to record.
    expect(await trustWorkspaceOfTrustedProject(config, project, worktree)).toBe('already-trusted');
  });

  it('is not decided for a person who never trusted the project', async () => {
    const { project, worktree, config, read } = await setUp({ '<project>': { hasTrustDialogAccepted: false } });
    expect(await trustWorkspaceOfTrustedProject(config, project, worktree)).toBe('project-not-trusted');
    expect((await read()).projects[worktree]).toBeUndefined();
    expect(await trustWorkspaceOfTrustedProject(join(project, 'missing.json'), project, worktree)).toBe('no-config');
  });

  it("is looked up in the agent's config dir, else its home", () => {
    expect(claudeConfigFile({ CLAUDE_CONFIG_DIR: '/c', HOME: '/home/ann' })).toBe('/c/.claude.json');
    expect(claudeConfigFile({ HOME: '/home/ann' })).toBe('/home/ann/.claude.json');
    expect(claudeConfigFile({})).toBeNull();
  });
});
