import { describe, expect, it } from 'vitest';
import { kindOf, parseAgentCommand } from './agent-command.ts';
import { cliStatePaths } from './sandbox.ts';
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
