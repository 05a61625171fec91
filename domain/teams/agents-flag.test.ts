import { describe, expect, it } from 'vitest';
import { DEFAULT_AGENT_COMMAND } from '../agent-command.ts';
import { parseAgentsFlag, teamSpecFromFlags } from './agents-flag.ts';

describe('parseAgentsFlag', () => {
  it('reads name:role pairs into agents with the spec defaults', () => {
    const result = parseAgentsFlag('pm:project-manager,api:engineer, qa : qa ');
    expect(result).toEqual({
      ok: true,
      agents: [
        { name: 'pm', role: 'project-manager', brief: null, command: DEFAULT_AGENT_COMMAND, checkinIntervalMs: null, workspace: 'shared', gitCheckpointMs: 1_800_000 },
        { name: 'api', role: 'engineer', brief: null, command: DEFAULT_AGENT_COMMAND, checkinIntervalMs: null, workspace: 'shared', gitCheckpointMs: 1_800_000 },
        { name: 'qa', role: 'qa', brief: null, command: DEFAULT_AGENT_COMMAND, checkinIntervalMs: null, workspace: 'shared', gitCheckpointMs: 1_800_000 },
      ],
    });
  });

  it('lists every problem with its entry index', () => {
    expect(parseAgentsFlag('pm:project-manager,api:qe,API:qa,,qa,pm:qa,x:y:z')).toEqual({
      ok: false,
      problems: [
        '--agents[1]: unknown role "qe"; known: orchestrator, project-manager, engineer, qa, devops, reviewer, researcher, docs',
        '--agents[2]: agent name "API" is invalid: use lowercase letters, digits and "-", 1 to 40 characters',
        '--agents[3]: an empty entry is not name:role, for example api:engineer',
        '--agents[4]: "qa" is not name:role, for example api:engineer',
        '--agents[5]: duplicate agent name "pm" (also --agents[0])',
        '--agents[6]: "x:y:z" is not name:role, for example api:engineer',
      ],
    });
  });

  it('runs every agent unconfined with --no-sandbox, and leaves the default (sandboxed) out otherwise', () => {
    const off = parseAgentsFlag('a:qa,b:qa', { sandbox: false });
    expect(off.ok && off.agents.map((x) => x.sandbox)).toEqual([{ enabled: false, allow: [] }, { enabled: false, allow: [] }]);
    const on = parseAgentsFlag('a:qa', {});
    expect(on.ok && 'sandbox' in (on.agents[0] ?? {})).toBe(false);
  });

  it('refuses an empty list', () => {
    expect(parseAgentsFlag('  ')).toEqual({ ok: false, problems: ['--agents: give at least one agent as name:role, for example "pm:project-manager,api:engineer,qa:qa"'] });
  });

  it('applies team-wide flags to every agent, and reports a bad one once', () => {
    const good = parseAgentsFlag('a:qa,b:engineer', { workspace: 'worktree', checkin: '45m', gitCheckpoint: 'off', profile: 'shell' });
    expect(good.ok && good.agents.map((a) => [a.workspace, a.checkinIntervalMs, a.gitCheckpointMs, a.command])).toEqual([
      ['worktree', 2_700_000, null, 'bash'],
      ['worktree', 2_700_000, null, 'bash'],
    ]);
    const bad = parseAgentsFlag('a:qa,b:engineer', { checkin: '45', command: 'bash', profile: 'shell' });
    expect(bad).toEqual({
      ok: false,
      problems: ['--profile: give --command or --profile, not both', '--checkin: duration "45" has no unit: add one of d, h, m, s, for example 90s, 30m, 1h30m, 2h or 1d'],
    });
  });
});

describe('teamSpecFromFlags', () => {
  it('builds the same spec a file would, resolving --project against the working directory', () => {
    expect(teamSpecFromFlags({ team: 'shop', project: 'code/shop', cwd: '/home/me', agents: 'pm:project-manager,api:engineer', host: 'box' })).toMatchObject({
      ok: true,
      spec: { team: 'shop', project: '/home/me/code/shop', host: 'box', agents: [{ name: 'pm' }, { name: 'api' }] },
    });
  });

  it('lists problems of the team, the project and the agents together', () => {
    expect(teamSpecFromFlags({ team: 'Shop', project: '', cwd: '/home/me', agents: 'pm:boss', gitCheckpoint: 'often' })).toEqual({
      ok: false,
      problems: [
        'team: team name "Shop" is invalid: use lowercase letters, digits and "-", 1 to 40 characters',
        '--project: project is empty: leave it out or write something',
        '--agents[0]: unknown role "boss"; known: orchestrator, project-manager, engineer, qa, devops, reviewer, researcher, docs',
        expect.stringMatching(/^--git-checkpoint: duration "often" is not valid/),
      ],
    });
  });
});
