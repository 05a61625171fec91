import { describe, expect, it } from 'vitest';
import { kindOf, parseAgentCommand } from './agent-command.ts';
import { bwrapArgs, cliStatePaths } from './sandbox.ts';
import { PROFILES } from './teams/team-spec.ts';

describe('the codex kind', () => {
  it('is what the codex profile and any program named codex launch', () => {
    expect(kindOf(parseAgentCommand(PROFILES.codex))).toBe('codex');
    expect(kindOf(['/opt/node_modules/.bin/codex', 'resume', '--last'])).toBe('codex');
    expect(kindOf(['codex-helper'])).toBe('generic');
  });

  it('keeps CODEX_HOME (or ~/.codex) writable in the sandbox', () => {
    expect(cliStatePaths('codex', '/home/a', { CODEX_HOME: '/data/agents/t/a/codex-home' })).toEqual([{ path: '/data/agents/t/a/codex-home', kind: 'dir' }]);
    expect(cliStatePaths('codex', '/home/a', {})).toEqual([{ path: '/home/a/.codex', kind: 'dir' }]);
  });
});

describe("a codex agent's sandbox", () => {
  it('binds CODEX_HOME writable but its config.toml and rules/ read-only over it', () => {
    const home = '/data/hosts/h/agents/t/a/codex-home';
    const args = bwrapArgs({
      home: '/home/a',
      workspaceDir: '/work/p',
      scratchDir: '/data/hosts/h/scratch/t/a',
      gitCommonDir: null,
      orcReadable: [`${home}/config.toml`, `${home}/rules`],
      cliState: cliStatePaths('codex', '/home/a', { CODEX_HOME: home }),
      allow: [],
      hidden: [{ path: '/data', kind: 'dir' }],
      gitProtected: [],
      emptyFile: '/data/empty',
    });
    const at = (op: string, path: string) => args.findIndex((arg, i) => arg === op && args[i + 1] === path);
    expect(at('--bind', home)).toBeGreaterThan(at('--tmpfs', '/data'));
    expect(at('--ro-bind', `${home}/config.toml`)).toBeGreaterThan(at('--bind', home));
    expect(at('--ro-bind', `${home}/rules`)).toBeGreaterThan(at('--bind', home));
  });
});
