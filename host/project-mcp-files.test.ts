import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectMcpServers } from './project-mcp-files.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the .mcp.json files Claude Code would read', () => {
  it('are those of the working directory and of every directory above it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'orc-mcp-files-'));
    dirs.push(root);
    const work = join(root, 'repo', 'sub');
    await mkdir(work, { recursive: true });
    await writeFile(join(root, '.mcp.json'), JSON.stringify({ mcpServers: { above: { command: 'x' } } }));
    await writeFile(join(work, '.mcp.json'), JSON.stringify({ mcpServers: { here: { command: 'x' }, above: { command: 'y' } } }));
    await writeFile(join(root, 'repo', '.mcp.json'), 'not json');
    expect(await projectMcpServers(work)).toEqual(['above', 'here']);
  });

  it('are none in a directory without one', async () => {
    const root = await mkdtemp(join(tmpdir(), 'orc-mcp-files-'));
    dirs.push(root);
    expect(await projectMcpServers(root)).toEqual([]);
  });
});
