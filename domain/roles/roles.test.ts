import { describe, expect, it } from 'vitest';
import type { AgentSpec, TeamSpec } from '../teams/team-spec.ts';
import { briefContext, firstMessage, roster } from './first-message.ts';
import { managerOf, type TeamMember } from './manager.ts';
import { ROLES, ROLE_IDS, isRoleId, roleById, type RoleId } from './roles.ts';

const agent = (name: string, role: RoleId, extra: Partial<AgentSpec> = {}): AgentSpec => ({
  name,
  role,
  brief: null,
  command: 'claude --permission-mode default',
  checkinIntervalMs: null,
  workspace: 'shared',
  gitCheckpointMs: 30 * 60_000,
  ...extra,
});

const team = (...agents: AgentSpec[]): TeamSpec => ({ team: 'shop', project: '/srv/shop', host: null, agents });

const fullTeam = team(
  agent('lead', 'orchestrator'),
  agent('pm', 'project-manager'),
  agent('api', 'engineer'),
  agent('qa', 'qa'),
  agent('ops', 'devops'),
  agent('rev', 'reviewer'),
  agent('res', 'researcher'),
  agent('doc', 'docs'),
);

const members = (...pairs: [string, RoleId][]): TeamMember[] => pairs.map(([name, role]) => ({ name, role }));

describe('the role library', () => {
  it('has a role for every id, in order, with matching ids', () => {
    expect(ROLES.map((role) => role.id)).toEqual([...ROLE_IDS]);
    for (const id of ROLE_IDS) expect(roleById(id).id).toBe(id);
  });

  it('tells role ids from other strings', () => {
    expect(isRoleId('qa')).toBe(true);
    expect(isRoleId('qe')).toBe(false);
  });

  it('reports up a line that ends at the orchestrator, who answers to the human', () => {
    expect(roleById('orchestrator').reportsTo).toBeNull();
    expect(roleById('project-manager').reportsTo).toBe('orchestrator');
    for (const id of ['engineer', 'qa', 'devops', 'reviewer', 'researcher', 'docs'] as const) expect(roleById(id).reportsTo).toBe('project-manager');
  });
});

describe('role briefs', () => {
  for (const role of ROLES) {
    describe(role.id, () => {
      const member = fullTeam.agents.find((a) => a.role === role.id)?.name ?? '';
      const ctx = briefContext({ team: fullTeam, agent: member });
      const brief = role.brief(ctx);

      it('renders a focused brief of 15 to 35 lines', () => {
        const lines = brief.split('\n').length;
        expect(lines).toBeGreaterThanOrEqual(15);
        expect(lines).toBeLessThanOrEqual(35);
        expect(brief).not.toMatch(/undefined|null|\[object/);
      });

      it('mentions orc send, orc checkin, git and escalation', () => {
        expect(brief).toContain('orc send');
        expect(brief).toContain('orc checkin');
        expect(brief).toMatch(/\bgit\b/i);
        expect(brief).toMatch(/escalat/i);
      });

      it("names its manager's id, or the human when it has none", () => {
        if (ctx.manager === null) expect(brief).toMatch(/human/);
        else expect(brief).toContain(`shop/${ctx.manager}`);
      });

      it('mentions orc send and the human when alone on a team', () => {
        const alone = role.brief(briefContext({ team: team(agent('solo', role.id)), agent: 'solo' }));
        expect(alone).toContain('orc send');
        expect(alone).toMatch(/human/);
      });
    });
  }
});

describe('managerOf', () => {
  it('follows engineer → project-manager → orchestrator', () => {
    const t = members(['lead', 'orchestrator'], ['pm', 'project-manager'], ['api', 'engineer']);
    expect(managerOf(t, 'api')).toBe('pm');
    expect(managerOf(t, 'pm')).toBe('lead');
    expect(managerOf(t, 'lead')).toBeNull();
  });

  it('skips a missing project manager and goes to the orchestrator', () => {
    const t = members(['lead', 'orchestrator'], ['api', 'engineer'], ['qa', 'qa'], ['doc', 'docs']);
    expect(managerOf(t, 'api')).toBe('lead');
    expect(managerOf(t, 'qa')).toBe('lead');
    expect(managerOf(t, 'doc')).toBe('lead');
  });

  it('is the human when nobody is above', () => {
    const t = members(['api', 'engineer'], ['qa', 'qa']);
    expect(managerOf(t, 'api')).toBeNull();
    expect(managerOf(t, 'qa')).toBeNull();
  });

  it('takes the first agent of the role, and never the agent itself', () => {
    const t = members(['api', 'engineer'], ['pm1', 'project-manager'], ['pm2', 'project-manager'], ['lead', 'orchestrator'], ['lead2', 'orchestrator']);
    expect(managerOf(t, 'api')).toBe('pm1');
    expect(managerOf(t, 'pm2')).toBe('lead');
    expect(managerOf(t, 'lead2')).toBeNull();
  });

  it('refuses an agent that is not in the team', () => {
    expect(() => managerOf(members(['api', 'engineer']), 'qa')).toThrow(/no agent named "qa".*api/);
  });
});

describe('firstMessage', () => {
  const shop = team(
    agent('pm', 'project-manager', { checkinIntervalMs: 3_600_000 }),
    agent('api', 'engineer', { brief: 'Own src/api/. Do not add a web framework.\n', workspace: 'worktree', gitCheckpointMs: null }),
    agent('qa', 'qa'),
  );

  it('is the role brief, then the custom brief, then the roster, then the commands', () => {
    const text = firstMessage({ team: shop, agent: 'api' });
    const order = ['You are shop/api', '# Role: engineer', '## Your assignment', 'Own src/api/', '## Your team', '## orc commands'].map((part) => text.indexOf(part));
    for (const index of order) expect(index).toBeGreaterThanOrEqual(0);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('lists every agent of the team with role and what it does, marking you and your manager', () => {
    const text = firstMessage({ team: fullTeam, agent: 'api' });
    for (const a of fullTeam.agents) expect(text).toMatch(new RegExp(`^- shop/${a.name}\\b.*\\[${a.role}\\], ${roleById(a.role).summary}`, 'm'));
    expect(text).toContain('- shop/api (you):');
    expect(text).toContain('- shop/pm (your manager):');
    expect(roster(fullTeam, 'api', 'pm').split('\n')).toHaveLength(fullTeam.agents.length);
  });

  it('lists every orc command an agent uses', () => {
    const text = firstMessage({ team: shop, agent: 'qa' });
    for (const command of ['orc send shop/<agent>', 'orc checkin <duration>', 'orc checkins', 'orc checkin cancel <id>', 'orc status', 'orc log --team shop']) {
      expect(text).toContain(command);
    }
    expect(text).toContain('ORC_AGENT=shop/qa');
  });

  it('names the worktree branch and says when checkpoints are off', () => {
    const text = firstMessage({ team: shop, agent: 'api', workspace: { dir: '/srv/shop-worktrees/api', branch: 'orc/shop/api' } });
    expect(text).toContain('You work in /srv/shop-worktrees/api, a git worktree of /srv/shop on branch orc/shop/api');
    expect(text).toContain('orc does not commit for you');
    expect(firstMessage({ team: shop, agent: 'api' })).toContain('branch orc/shop/api');
  });

  it('warns about the shared checkout and gives the checkpoint and check-in intervals', () => {
    const text = firstMessage({ team: shop, agent: 'pm' });
    expect(text).toContain('You work in /srv/shop, a checkout shared with your teammates');
    expect(text).toContain('checkpoint of whatever is uncommitted every 30m');
    expect(text).toContain('orc also checks in with you every 1h');
    expect(text).toContain('read the project, then plan');
  });

  it('tells an agent without an assignment to report ready to its manager', () => {
    expect(firstMessage({ team: shop, agent: 'qa' })).toContain('tell shop/pm you are ready');
  });

  it('refuses an agent that is not in the team', () => {
    expect(() => firstMessage({ team: shop, agent: 'nope' })).toThrow(/no agent named "nope" in team shop/);
  });
});
