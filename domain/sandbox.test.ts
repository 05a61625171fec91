import { describe, expect, it } from 'vitest';
import { bwrapArgs, cliStatePaths, hiddenPathsFrom, parseSandboxPath, sandboxMounts, type SandboxFacts } from './sandbox.ts';

const facts = (over: Partial<SandboxFacts> = {}): SandboxFacts => ({
  home: '/home/ann',
  workspaceDir: '/home/ann/proj',
  scratchDir: '/srv/orc/hosts/h/scratch/t/a',
  gitCommonDir: null,
  orcReadable: ['/srv/orc/hosts/h/bin', '/srv/orc/hosts/h/agents/t/a/claude-settings.json'],
  cliState: [],
  allow: [],
  hidden: [
    { path: '/home/ann/.ssh', kind: 'dir' },
    { path: '/home/ann/.netrc', kind: 'file' },
    { path: '/home/ann/.aws', kind: 'missing' },
    { path: '/srv/orc', kind: 'dir' },
  ],
  gitProtected: [
    { path: '/home/ann/proj/.git/hooks', kind: 'dir' },
    { path: '/home/ann/proj/.git/config', kind: 'file' },
  ],
  emptyFile: '/srv/orc/hosts/h/sandbox-empty',
  ...over,
});

/** The args as [flag, …operands] groups, for readable expectations. */
function groups(args: string[]): string[][] {
  const arity: Record<string, number> = { '--ro-bind': 2, '--bind': 2, '--tmpfs': 1, '--dev': 1, '--proc': 1, '--remount-ro': 1, '--chdir': 1, '--cap-drop': 1 };
  const out: string[][] = [];
  for (let i = 0; i < args.length; ) {
    const flag = args[i] as string;
    const n = arity[flag] ?? 0;
    out.push(args.slice(i, i + 1 + n));
    i += 1 + n;
  }
  return out;
}

describe('the sandbox policy', () => {
  it('hides credentials and the data dir, re-opens only what the CLI needs, and keeps the workspace writable', () => {
    expect(groups(bwrapArgs(facts()))).toEqual([
      ['--ro-bind', '/', '/'],
      ['--dev', '/dev'],
      ['--proc', '/proc'],
      ['--tmpfs', '/tmp'],
      ['--ro-bind', '/home/ann', '/home/ann'],
      ['--tmpfs', '/srv/orc'],
      ['--tmpfs', '/home/ann/.ssh'],
      ['--ro-bind', '/srv/orc/hosts/h/sandbox-empty', '/home/ann/.netrc'],
      ['--bind', '/home/ann/proj', '/home/ann/proj'],
      ['--ro-bind', '/srv/orc/hosts/h/bin', '/srv/orc/hosts/h/bin'],
      ['--ro-bind', '/home/ann/proj/.git/hooks', '/home/ann/proj/.git/hooks'],
      ['--ro-bind', '/home/ann/proj/.git/config', '/home/ann/proj/.git/config'],
      ['--bind', '/srv/orc/hosts/h/scratch/t/a', '/srv/orc/hosts/h/scratch/t/a'],
      ['--ro-bind', '/srv/orc/hosts/h/agents/t/a/claude-settings.json', '/srv/orc/hosts/h/agents/t/a/claude-settings.json'],
      ['--remount-ro', '/srv/orc'],
      ['--remount-ro', '/home/ann/.ssh'],
      ['--unshare-pid'],
      ['--unshare-ipc'],
      ['--cap-drop', 'ALL'],
      ['--die-with-parent'],
      ['--chdir', '/home/ann/proj'],
    ]);
  });

  it('keeps the data dir hidden when it sits inside the workspace (a project holding .data), the workspace being mounted first', () => {
    const mounts = sandboxMounts(facts({ hidden: [{ path: '/home/ann/proj/.data', kind: 'dir' }], orcReadable: ['/home/ann/proj/.data/hosts/h/bin'] }));
    const order = mounts.map((m) => `${m.op} ${m.path}`);
    expect(order.indexOf('rw /home/ann/proj')).toBeLessThan(order.indexOf('tmpfs /home/ann/proj/.data'));
    expect(order.indexOf('tmpfs /home/ann/proj/.data')).toBeLessThan(order.indexOf('ro /home/ann/proj/.data/hosts/h/bin'));
  });

  it('a worktree and the project git dir it commits to are writable, their hooks and config not', () => {
    const mounts = sandboxMounts(facts({
      workspaceDir: '/srv/orc/hosts/h/worktrees/t/a',
      gitCommonDir: '/home/ann/proj/.git',
      gitProtected: [{ path: '/home/ann/proj/.git/hooks', kind: 'dir' }, { path: '/home/ann/proj/.git/config', kind: 'file' }],
    })).map((m) => `${m.op} ${m.path}`);
    expect(mounts).toContain('rw /srv/orc/hosts/h/worktrees/t/a');
    expect(mounts.indexOf('rw /home/ann/proj/.git')).toBeLessThan(mounts.indexOf('ro /home/ann/proj/.git/hooks'));
    expect(mounts.indexOf('tmpfs /srv/orc')).toBeLessThan(mounts.indexOf('rw /srv/orc/hosts/h/worktrees/t/a'));
  });

  it('opens a hidden path only when sandbox.allow names it (or a path inside it), and then as asked', () => {
    const named = sandboxMounts(facts({ allow: [{ path: '/home/ann/.ssh', writable: false }] })).map((m) => `${m.op} ${m.path}`);
    expect(named.indexOf('tmpfs /home/ann/.ssh')).toBeLessThan(named.indexOf('ro /home/ann/.ssh'));
    const parent = sandboxMounts(facts({ allow: [{ path: '/home/ann', writable: true }] })).map((m) => `${m.op} ${m.path}`);
    expect(parent.indexOf('rw /home/ann')).toBeLessThan(parent.indexOf('tmpfs /home/ann/.ssh'));
  });

  it("covers only what exists, and gives Claude Code its config dir writable", () => {
    const args = bwrapArgs(facts({ cliState: cliStatePaths('claude-code', '/home/ann', { CLAUDE_CONFIG_DIR: '/tmp/cc' }) }));
    expect(args.join(' ')).not.toContain('.aws');
    expect(args.join(' ')).toContain('--bind /tmp/cc /tmp/cc');
    expect(cliStatePaths('claude-code', '/home/ann', {})).toEqual([{ path: '/home/ann/.claude', kind: 'dir' }, { path: '/home/ann/.claude.json', kind: 'file' }]);
    expect(cliStatePaths('generic', '/home/ann', { CLAUDE_CONFIG_DIR: '/x' })).toEqual([]);
  });

  it('keeps the network and the terminal: no --unshare-net, no --new-session', () => {
    const args = bwrapArgs(facts());
    expect(args).not.toContain('--unshare-net');
    expect(args).not.toContain('--unshare-all');
    expect(args).not.toContain('--new-session');
  });
});

describe('the hidden list', () => {
  it('is the defaults, the data dir and ORC_SANDBOX_HIDE', () => {
    const hidden = hiddenPathsFrom({ ORC_SANDBOX_HIDE: '~/.config/secret-tool: /opt/keys ' }, '/home/ann', '/srv/orc/');
    expect(hidden).toEqual(expect.arrayContaining(['/home/ann/.ssh', '/home/ann/.aws', '/home/ann/.gnupg', '/home/ann/.config/gh', '/home/ann/.netrc', '/home/ann/.docker', '/srv/orc', '/home/ann/.config/secret-tool', '/opt/keys', '/run/user']));
    expect(() => hiddenPathsFrom({ ORC_SANDBOX_HIDE: 'relative/dir' }, '/h', '/d')).toThrow(/ORC_SANDBOX_HIDE: relative\/dir is not an absolute path/);
  });
});

describe('sandbox paths', () => {
  it('reads path, path:ro and path:rw', () => {
    expect(parseSandboxPath('/opt/cache:rw')).toEqual({ path: '/opt/cache', writable: true });
    expect(parseSandboxPath('/opt/data/')).toEqual({ path: '/opt/data', writable: false });
    expect(parseSandboxPath('~/.m2:ro')).toEqual({ path: '~/.m2', writable: false });
    expect(() => parseSandboxPath('cache:rw')).toThrow(/absolute path/);
    expect(() => parseSandboxPath('/a/../etc')).toThrow(/no \.\./);
  });
});
