import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SandboxSetupError, sandboxedArgv } from './agent-sandbox.ts';

async function host() {
  const root = await mkdtemp(join(tmpdir(), 'orc-agent-sandbox-'));
  const home = join(root, 'home');
  const data = join(root, 'data');
  const project = join(root, 'project');
  for (const dir of [join(home, '.ssh'), join(data, 'hosts', 'h'), join(project, '.git', 'hooks'), join(root, 'keys')]) await mkdir(dir, { recursive: true });
  await writeFile(join(project, '.git', 'config'), '');
  await symlink(join(root, 'keys'), join(home, '.aws'));
  const input = {
    bwrap: '/usr/bin/bwrap',
    kind: 'claude-code' as const,
    workspace: 'shared' as const,
    projectDir: project,
    workspaceDir: project,
    scratchDir: join(data, 'hosts', 'h', 'scratch', 't', 'a'),
    agentEnv: { HOME: home },
    workerEnv: { HOME: home },
    dataDir: data,
    orcReadable: [],
    tmuxSocket: '/tmp/tmux-0/orc-x',
    allow: [],
    emptyFile: join(data, 'hosts', 'h', 'sandbox-empty'),
  };
  return { root, home, data, project, input };
}

describe('sandboxedArgv on this host', () => {
  it("covers what exists (a link's target too), makes Claude Code's state, and protects git's hooks and config", async () => {
    const { root, home, data, project, input } = await host();
    const argv = (await sandboxedArgv(input, ['claude'])).join(' ');
    expect(argv).toMatch(/^\/usr\/bin\/bwrap .* -- claude$/);
    expect(argv).toContain(`--tmpfs ${home}/.ssh`);
    expect(argv).toContain(`--tmpfs ${root}/keys`);
    expect(argv).toContain(`--tmpfs ${data}`);
    expect(argv).not.toContain(`${home}/.gnupg`);
    expect(argv).toContain(`--ro-bind ${project}/.git/hooks ${project}/.git/hooks`);
    expect(argv).toContain(`--bind ${home}/.claude ${home}/.claude`);
    expect(await readFile(join(home, '.claude.json'), 'utf8')).toBe('{}\n');
  });

  it('refuses an allow path that is not there, and ORC_SANDBOX_HIDE that is not absolute', async () => {
    const { input } = await host();
    await expect(sandboxedArgv({ ...input, allow: [{ path: '~/nowhere', writable: true }] }, ['x'])).rejects.toThrow(SandboxSetupError);
    await expect(sandboxedArgv({ ...input, workerEnv: { ...input.workerEnv, ORC_SANDBOX_HIDE: 'rel' } }, ['x'])).rejects.toThrow(/ORC_SANDBOX_HIDE/);
  });
});
