// What an agent's token reaches through the API, procedure by procedure: its own team's
// agents, messages, check-ins, rules, figures and requests, and nothing of another team's;
// people's tokens see every team. On a database of its own (two made-up teams), so the counts
// are exact whatever else the test run does. Agents have no workflows here: their live state
// reads "unknown", which is all a list needs.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { agents } from '../../db/schema/agents.ts';
import { checkins } from '../../db/schema/checkins.ts';
import { messages } from '../../db/schema/messages.ts';
import { paneHistories } from '../../db/schema/pane-histories.ts';
import { permissionRequests } from '../../db/schema/permission-requests.ts';
import { permissionRules } from '../../db/schema/permission-rules.ts';
import { teams } from '../../db/schema/teams.ts';
import { tokenUsage } from '../../db/schema/token-usage.ts';
import type { TokenIdentity } from '../../db/tokens.ts';
import { freshDatabase, type FreshDatabase } from '../../testing/fresh-database.ts';
import { readServerConfig } from '../../web/src/lib/server/config.ts';
import type { Services } from '../../web/src/lib/server/services.ts';
import { appRouter } from '../../web/src/lib/server/api/router.ts';
import { createCallerFactory } from '../../web/src/lib/server/api/trpc.ts';

let database: FreshDatabase;
let connection: Connection;
let services: Services;
const createCaller = createCallerFactory(appRouter);

const person = (role: 'admin' | 'viewer'): TokenIdentity => ({ tokenId: randomUUID(), role, name: `${role}-person`, agentId: null });
const agent = (agentId: string): TokenIdentity => ({ tokenId: randomUUID(), role: 'agent', name: `agent ${agentId}`, agentId });
const as = (identity: TokenIdentity) => createCaller({ services, identity, authProblem: null, rateLimited: false });

/** The refusal a call ends in: its code and message. */
async function refusal(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await call;
  } catch (err) {
    if (err instanceof TRPCError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('the call was not refused');
}

/** The readable problem zod reported for refused input (over HTTP, the error formatter prints this as `field: message`). */
async function inputProblem(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (err) {
    const issues = (err as { cause?: { issues?: Array<{ path: PropertyKey[]; message: string }> } }).cause?.issues;
    if (err instanceof TRPCError && err.code === 'BAD_REQUEST' && issues) return issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw err;
  }
  throw new Error('the call was not refused');
}

const hours = (n: number) => new Date(Date.now() + n * 3_600_000);

beforeAll(async () => {
  database = await freshDatabase();
  connection = await Connection.connect({ address: inject('temporalAddress') });
  const config = readServerConfig({ DATABASE_URL: database.url, TEMPORAL_ADDRESS: inject('temporalAddress') });
  services = {
    config,
    db: database.db,
    temporal: () => Promise.resolve(new Client({ connection, namespace: config.namespace })),
    secretKey: () => Promise.reject(new Error('nothing is started here')),
  };
  const { db } = database;
  const agentRow = (team: string, name: string) => ({ team, name, host: 'test-host', projectDir: `/srv/${team}`, argv: ['bash'], workflowId: `agent/${team}/${name}-absent` });
  await db.insert(teams).values([
    { name: 'alpha', projectDir: '/srv/alpha', host: 'test-host', spec: {}, workflowId: 'team/alpha-absent' },
    { name: 'beta', projectDir: '/srv/beta', host: 'test-host', spec: {}, workflowId: 'team/beta-absent' },
  ]);
  await db.insert(agents).values([agentRow('alpha', 'x'), agentRow('alpha', 'z'), agentRow('beta', 'y')]);
  const message = (id: string, team: string, sender: string, recipient: string, text: string) => ({ id, team, sender, recipient, text, state: 'confirmed' as const, queuedAt: new Date(), confirmedAt: new Date() });
  await db.insert(messages).values([
    message('m-a1', 'alpha', 'human:admin-person', 'alpha/x', 'build the login page'),
    message('m-a2', 'alpha', 'alpha/z', 'alpha/x', 'tests are green'),
    message('m-b1', 'beta', 'beta/y', 'beta/y', 'the beta secret is 42'),
  ]);
  const checkin = (id: string, team: string, name: string) => ({ id, team, agent: name, dueAt: hours(1), note: `look again, ${name}`, createdBy: `${team}/${name}`, state: 'pending' as const, createdAt: new Date() });
  await db.insert(checkins).values([checkin('c-ax', 'alpha', 'x'), checkin('c-az', 'alpha', 'z'), checkin('c-by', 'beta', 'y')]);
  await db.insert(paneHistories).values([
    { team: 'alpha', agent: 'x', reason: 'stopped', text: 'alpha screen', savedAt: new Date() },
    { team: 'beta', agent: 'y', reason: 'stopped', text: 'beta screen with secrets', savedAt: new Date() },
  ]);
  const rule = (id: string, scope: 'global' | 'team' | 'project', scopeKey: string | null) => ({ id, rule: `Bash(echo ${id})`, effect: 'allow' as const, scope, scopeKey, source: 'human' as const, createdBy: 'human:admin-person', hitCount: 1, lastUsedAt: new Date() });
  await db.insert(permissionRules).values([
    rule('0000000001', 'global', null),
    rule('0000000002', 'team', 'alpha'),
    rule('0000000003', 'team', 'beta'),
    rule('0000000004', 'project', '/srv/alpha'),
    rule('0000000005', 'project', '/srv/beta'),
  ]);
  const request = (id: string, agentId: string, status: 'pending' | 'allowed', decidedBy: 'rule' | null) => ({
    id,
    agentId,
    team: agentId.split('/')[0] ?? '',
    projectDir: `/srv/${agentId.split('/')[0] ?? ''}`,
    toolName: 'Bash',
    toolInput: { command: `make ${id}` },
    commandText: `make ${id}`,
    status,
    decidedBy,
    ...(status === 'pending' ? {} : { decidedAt: new Date() }),
  });
  await db.insert(permissionRequests).values([
    request('a000000001', 'alpha/x', 'pending', null),
    request('a000000002', 'alpha/z', 'pending', null),
    request('a000000003', 'alpha/x', 'allowed', 'rule'),
    request('b000000001', 'beta/y', 'pending', null),
    request('b000000002', 'beta/y', 'allowed', 'rule'),
    request('b000000003', 'beta/y', 'allowed', 'rule'),
  ]);
  const spent = (agentId: string, costUsd: number) => ({
    agentId, team: agentId.split('/')[0] ?? '', hour: new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000), model: 'claude-opus-5-5',
    requests: 1, inputTokens: 100, outputTokens: 10, cacheReadTokens: 0, cacheCreationTokens: 0, costUsd,
  });
  await db.insert(tokenUsage).values([spent('alpha/x', 0.5), spent('alpha/z', 0.25), spent('beta/y', 9)]);
});

afterAll(async () => {
  await connection?.close();
  await database?.drop();
});

describe("an agent's token reads its own team only", () => {
  const x = () => as(agent('alpha/x'));

  it('lists only its team: agents, teams, messages, check-ins', async () => {
    expect((await x().agents.status()).map((a) => [a.id, a.state])).toEqual([
      ['alpha/x', 'unknown'],
      ['alpha/z', 'unknown'],
    ]);
    expect((await x().teams.list()).map((t) => t.team)).toEqual(['alpha']);
    expect((await x().log.messages()).map((m) => m.id).sort()).toEqual(['m-a1', 'm-a2']);
    expect(await x().log.messages({ search: 'secret' })).toEqual([]);
    expect((await x().log.messages({ team: 'alpha' })).map((m) => m.id).sort()).toEqual(['m-a1', 'm-a2']);
    expect((await x().checkins.list()).map((c) => c.id)).toEqual(['c-ax', 'c-az']);
    expect((await x().checkins.list({ agent: 'alpha/z' })).map((c) => c.id)).toEqual(['c-az']);
    expect((await x().log.paneHistories({ agent: 'alpha/x' })).map((h) => h.text)).toEqual(['alpha screen']);
  });

  it("lists the rules that can decide for its team: global, its team's and its project's", async () => {
    expect((await x().rules.list({ includeDisabled: true })).map((r) => r.id).sort()).toEqual(['0000000001', '0000000002', '0000000004']);
  });

  it("counts its team's requests, rules and messages only", async () => {
    const stats = await x().stats.permissions();
    expect(stats.overall).toMatchObject({ requests: 3, autoDecided: 1, pending: 2, rulesLearned: 3 });
    expect(stats.teams.map((t) => t.team)).toEqual(['alpha']);
    expect(stats.agents.map((a) => a.agent)).toEqual(['alpha/x', 'alpha/z']);
    expect(stats.topRules.map((r) => r.id).sort()).toEqual(['0000000001', '0000000002', '0000000004']);
    const timeline = await x().stats.timeline();
    expect(timeline.days.reduce((sum, day) => sum + day.requests, 0)).toBe(3);
    expect(timeline.rulesLearned.at(-1)?.total).toBe(3);
    expect(timeline.messagesPerAgent.map((m) => m.agent)).toEqual(['alpha/x', 'alpha/z']);
  });

  it("reads its own team's model usage only", async () => {
    const usage = await x().usage.summary();
    expect(usage.rows.map((r) => [r.key, r.costUsd])).toEqual([['alpha/x', 0.5], ['alpha/z', 0.25]]);
    expect(usage.total.costUsd).toBe(0.75);
    expect((await x().usage.summary({ by: 'team' })).rows.map((r) => r.key)).toEqual(['alpha']);
    expect((await x().usage.timeline()).map((r) => [r.team, r.costUsd])).toEqual([['alpha', 0.75]]);
    expect(await refusal(x().usage.summary({ agent: 'beta/y' }))).toEqual({ code: 'FORBIDDEN', message: 'agent alpha/x may read only team alpha; beta/y is in team beta' });
    expect(await refusal(x().usage.summary({ team: 'beta' }))).toEqual({ code: 'FORBIDDEN', message: 'agent alpha/x may read only team alpha, not team beta' });
  });

  it('sees its own permission requests, not a teammate\'s or another team\'s', async () => {
    expect((await x().approvals.list()).map((r) => r.id)).toEqual(['a000000001']);
    expect((await x().approvals.recent()).map((r) => r.agent)).toEqual([]);
  });

  it.each([
    ['agents.capture', () => x().agents.capture({ agent: 'beta/y' })],
    ['agents.screen', () => x().agents.screen({ agent: 'beta/y' })],
    ['log.paneHistories', () => x().log.paneHistories({ agent: 'beta/y' })],
    ['log.messages', () => x().log.messages({ agent: 'beta/y' })],
    ['checkins.list', () => x().checkins.list({ agent: 'beta/y' })],
    ['review.diff', () => x().review.diff({ agent: 'beta/y' })],
    ['review.records', () => x().review.records({ agent: 'beta/y' })],
  ])('refuses %s of another team\'s agent, saying which team it may read', async (_, call) => {
    expect(await refusal(call())).toEqual({ code: 'FORBIDDEN', message: 'agent alpha/x may read only team alpha; beta/y is in team beta' });
  });

  it.each([
    ['teams.show', () => x().teams.show({ team: 'beta' })],
    ['log.messages', () => x().log.messages({ team: 'beta' })],
    ['checkins.list', () => x().checkins.list({ team: 'beta' })],
  ])('refuses %s of another team', async (_, call) => {
    expect(await refusal(call())).toEqual({ code: 'FORBIDDEN', message: 'agent alpha/x may read only team alpha, not team beta' });
  });

  it("refuses to act on another team's agent: messages and check-ins", async () => {
    const refusedTo = { code: 'FORBIDDEN', message: 'agent alpha/x may act on only team alpha; beta/y is in team beta' };
    expect(await refusal(x().agents.send({ agent: 'beta/y', text: 'hello' }))).toEqual(refusedTo);
    expect(await refusal(x().checkins.schedule({ agent: 'beta/y', delay: '1h', note: 'wake up' }))).toEqual(refusedTo);
    // Approving a change for a team's mergeApproval rule is for teammates only.
    expect(await refusal(x().review.approve({ agent: 'beta/y' }))).toEqual(refusedTo);
    // Another team's check-in is not confirmed to exist; a teammate's is refused as not its own.
    expect(await refusal(x().checkins.cancel({ id: 'c-by' }))).toEqual({ code: 'NOT_FOUND', message: 'no pending check-in c-by; list them with: orc checkins' });
    expect(await refusal(x().checkins.cancel({ id: 'c-az' }))).toEqual({ code: 'FORBIDDEN', message: 'check-in c-az belongs to alpha/z; an agent may cancel only its own' });
    expect(await database.db.select({ id: checkins.id }).from(checkins)).toHaveLength(3);
  });

  it('cannot approve, deny or answer anyone\'s requests, nor change rules', async () => {
    for (const id of ['a000000001', 'a000000002', 'b000000001']) {
      expect(await refusal(x().approvals.approve({ id }))).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/agent token \(alpha\/x\) can never approve/) });
      expect(await refusal(x().approvals.deny({ id }))).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/can never deny/) });
    }
    expect(await refusal(x().rules.add({ rule: 'Bash(curl *)', effect: 'allow', scope: 'global' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(x().rules.remove({ id: '0000000003' }))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('cannot watch the live feed, which tells of every team', async () => {
    expect(await refusal(x().live.changes())).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('agent alpha/x cannot watch the live feed') });
  });

  it('cannot start, stop, restart or control agents, run teams or make tokens', async () => {
    const calls = [
      x().agents.stop({ agent: 'alpha/z' }),
      x().agents.restart({ agent: 'alpha/z' }),
      // Controls press keys on a screen: a person's, never another agent's, even in its own team.
      x().agents.control({ agent: 'alpha/z', request: { control: 'interrupt' } }),
      x().agents.control({ agent: 'alpha/x', request: { control: 'mode', mode: 'plan' } }),
      x().agents.start({ agent: 'alpha/w', projectDir: '/srv/alpha' }),
      x().teams.stop({ team: 'alpha' }),
      x().tokens.create({ role: 'admin', name: 'mine' }),
      x().tokens.list(),
      // Every host and worker, beyond any team; merging and answering reviews is a person's.
      x().hosts.list(),
      x().review.merge({ agent: 'alpha/z' } as never),
      x().review.comment({ agent: 'alpha/z' } as never),
      x().review.requestRebase({ agent: 'alpha/z' } as never),
      x().review.restartBranch({ agent: 'alpha/z' } as never),
      // A check runs commands on the host: a person asks for it (a merge runs it too).
      x().review.check({ agent: 'alpha/z' }),
    ];
    for (const call of calls) expect(await refusal(call)).toMatchObject({ code: 'FORBIDDEN', message: 'an agent token (alpha/x) cannot do this; use an admin token' });
  });

  it('cannot see or manage webhooks (their URLs and secrets are a person\'s)', async () => {
    for (const call of [x().notify.list(), x().notify.add({ url: 'http://127.0.0.1:9/hook' } as never), x().notify.remove({ id: 'w1' } as never), x().notify.test({ id: 'w1' } as never)]) {
      expect(await refusal(call)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('manage webhooks') });
    }
  });

  it('refuses an agent token that names no agent', async () => {
    const broken = createCaller({ services, identity: { tokenId: randomUUID(), role: 'agent', name: 'agent ?', agentId: null }, authProblem: null, rateLimited: false });
    expect(await refusal(broken.agents.status())).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('names no agent') });
  });
});

describe("people's tokens read every team", () => {
  it.each(['admin', 'viewer'] as const)('the %s token lists both teams everywhere', async (role) => {
    const api = as(person(role));
    expect((await api.agents.status()).map((a) => a.id)).toEqual(['alpha/x', 'alpha/z', 'beta/y']);
    expect((await api.teams.list()).map((t) => t.team)).toEqual(['alpha', 'beta']);
    expect((await api.log.messages()).map((m) => m.id).sort()).toEqual(['m-a1', 'm-a2', 'm-b1']);
    expect((await api.log.messages({ team: 'beta' })).map((m) => m.id)).toEqual(['m-b1']);
    expect((await api.checkins.list()).map((c) => c.id)).toEqual(['c-ax', 'c-az', 'c-by']);
    expect((await api.log.paneHistories({ agent: 'beta/y' })).map((h) => h.text)).toEqual(['beta screen with secrets']);
    expect(await api.rules.list()).toHaveLength(5);
    const stats = await api.stats.permissions();
    expect(stats.overall.requests).toBe(6);
    expect(stats.teams.map((t) => t.team)).toEqual(['alpha', 'beta']);
    expect((await api.stats.timeline()).messagesPerAgent.map((m) => m.agent)).toEqual(['alpha/x', 'alpha/z', 'beta/y']);
    expect((await api.usage.summary({ by: 'team' })).rows.map((r) => [r.key, r.costUsd])).toEqual([['alpha', 0.75], ['beta', 9]]);
    expect((await api.usage.summary({ team: 'beta' })).total.costUsd).toBe(9);
    expect((await api.approvals.list()).map((r) => r.id).sort()).toEqual(['a000000001', 'a000000002', 'b000000001']);
  });
});

describe('agent controls are for admins', () => {
  it('refuses a viewer token before anything is pressed', async () => {
    expect(await refusal(as(person('viewer')).agents.control({ agent: 'alpha/x', request: { control: 'interrupt' } }))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a model name that could be read as more than a name, naming the field', async () => {
    expect(await inputProblem(as(person('admin')).agents.control({ agent: 'alpha/x', request: { control: 'model', model: 'opus --dangerously-skip-permissions' } }))).toContain('request.model: a model name is');
  });
});

describe('text typed into a terminal refuses control characters', () => {
  it('refuses a message that ends a bracketed paste, naming the field, character and position; nothing is sent', async () => {
    for (const identity of [person('admin'), agent('alpha/x')]) {
      expect(await inputProblem(as(identity).agents.send({ agent: 'alpha/z', text: 'done\x1b[201~rm -rf ~\r' }))).toBe(
        'text: character 5 is ESC (0x1b), a terminal control character; only newlines and tabs are allowed',
      );
    }
    expect(await database.db.select({ id: messages.id }).from(messages)).toHaveLength(3);
  });

  it('refuses a check-in note with a carriage return', async () => {
    expect(await inputProblem(as(agent('alpha/x')).checkins.schedule({ delay: '1h', note: 'first\rsecond' }))).toBe(
      'note: character 6 is CR (0x0d), a terminal control character; only newlines and tabs are allowed',
    );
  });

  it('refuses a team whose brief carries an escape sequence, before starting anything', async () => {
    const spec = {
      team: 'gamma',
      project: '/srv/gamma',
      host: null,
      agents: [{ name: 'dev', role: 'engineer' as const, brief: 'Build it.\n\x9b2J', command: 'bash', checkinIntervalMs: null, workspace: 'shared' as const, gitCheckpointMs: null }],
    };
    expect(await inputProblem(as(person('admin')).teams.deploy({ spec, env: {} }))).toBe(
      'spec.agents.0.brief: character 11 is CSI (0x9b), a terminal control character; only newlines and tabs are allowed',
    );
    expect(await database.db.select({ name: teams.name }).from(teams)).toHaveLength(2);
  });
});

describe('every procedure is covered here', () => {
  it('names each procedure of the API; a new one needs a test of what an agent token gets from it', () => {
    // Refused by role before any team is looked at (admin or person only): agents.start/stop/
    // restart/control, teams.deploy/stop/addAgent, tokens.*, rules.add/import/remove/enable/delete,
    // approvals.approve/deny. Scoped by the team or agent they name: agents.capture/screen/send,
    // log.paneHistories, teams.show, checkins.schedule. Narrowed lists: agents.status, teams.list,
    // log.messages, checkins.list, rules.list, stats.*, usage.*, approvals.list/recent. Own only:
    // checkins.cancel. Refused to agents: live.changes, hosts.list, notify.*, review.* but diff,
    // records and approve (scoped by the agent they name; approve also by the team's rule).
    expect(Object.keys(appRouter._def.procedures).sort()).toEqual(
      [
        'agents.capture', 'agents.control', 'agents.restart', 'agents.screen', 'agents.send', 'agents.start', 'agents.status', 'agents.stop',
        'approvals.approve', 'approvals.deny', 'approvals.list', 'approvals.recent',
        'checkins.cancel', 'checkins.list', 'checkins.schedule',
        'hosts.list',
        'notify.add', 'notify.list', 'notify.remove', 'notify.test',
        'review.approve', 'review.check', 'review.comment', 'review.diff', 'review.merge', 'review.records', 'review.requestRebase', 'review.restartBranch',
        'live.changes',
        'log.messages', 'log.paneHistories',
        'rules.add', 'rules.delete', 'rules.enable', 'rules.import', 'rules.list', 'rules.remove',
        'stats.permissions', 'stats.timeline',
        'teams.addAgent', 'teams.deploy', 'teams.list', 'teams.show', 'teams.stop',
        'tokens.create', 'tokens.list', 'tokens.revoke',
        'usage.summary', 'usage.timeline',
      ].sort(),
    );
  });
});
