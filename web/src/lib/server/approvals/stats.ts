// How autonomous the agents are: of all their permission requests, how many rules decided
// without a person (the autonomy index), how many people decided, how many were denied, and
// which learned rules do the most work.
import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from '$db/client.ts';
import { permissionRequests } from '$db/schema/permission-requests.ts';
import { permissionRules } from '$db/schema/permission-rules.ts';
import { rulesSeenByTeam } from './rule-store.ts';

const TOP_RULES = 10;

const counts = {
  requests: sql<number>`count(*)::int`,
  autoDecided: sql<number>`(count(*) filter (where ${permissionRequests.decidedBy} in ('rule', 'builtin')))::int`,
  humanDecided: sql<number>`(count(*) filter (where ${permissionRequests.decidedBy} = 'human'))::int`,
  denied: sql<number>`(count(*) filter (where ${permissionRequests.status} = 'denied'))::int`,
  // Nobody answered through orc in time: still in the agent's dialog, or since expired there.
  timedOut: sql<number>`(count(*) filter (where ${permissionRequests.status} in ('timed-out', 'expired')))::int`,
  pending: sql<number>`(count(*) filter (where ${permissionRequests.status} = 'pending'))::int`,
};

type Counts = { requests: number; autoDecided: number; humanDecided: number; denied: number; timedOut: number; pending: number };

const withIndex = <T extends Counts>(row: T) => ({ ...row, autonomyIndex: row.requests === 0 ? 0 : row.autoDecided / row.requests });

/** Every team's figures; with `team`, that team's only (its requests, and the rules that can decide for it). */
export async function permissionStats(db: Database, team: string | null = null) {
  const ofTeam = team === null ? undefined : eq(permissionRequests.team, team);
  const rulesSeen = team === null ? undefined : rulesSeenByTeam(db, team);
  const [overall] = await db.select(counts).from(permissionRequests).where(ofTeam);
  const byAgent = await db.select({ agent: permissionRequests.agentId, ...counts }).from(permissionRequests).where(ofTeam).groupBy(permissionRequests.agentId).orderBy(permissionRequests.agentId);
  const byTeam = await db.select({ team: permissionRequests.team, ...counts }).from(permissionRequests).where(ofTeam).groupBy(permissionRequests.team).orderBy(permissionRequests.team);
  // A rule "learned" by an agent or team is one a person taught from that agent's request.
  const learned = await db
    .select({ agent: permissionRequests.agentId, team: permissionRequests.team, rules: sql<number>`count(*)::int` })
    .from(permissionRules)
    .innerJoin(permissionRequests, eq(permissionRules.learnedFrom, permissionRequests.id))
    .where(and(eq(permissionRules.source, 'human'), ofTeam))
    .groupBy(permissionRequests.agentId, permissionRequests.team);
  const [learnedTotal] = await db
    .select({ rules: sql<number>`count(*)::int` })
    .from(permissionRules)
    .where(and(eq(permissionRules.source, 'human'), isNull(permissionRules.disabledAt), rulesSeen));
  const topRules = await db
    .select({ id: permissionRules.id, rule: permissionRules.rule, effect: permissionRules.effect, scope: permissionRules.scope, scopeKey: permissionRules.scopeKey, hitCount: permissionRules.hitCount })
    .from(permissionRules)
    .where(and(isNull(permissionRules.disabledAt), isNotNull(permissionRules.lastUsedAt), rulesSeen))
    .orderBy(desc(permissionRules.hitCount))
    .limit(TOP_RULES);
  const learnedBy = (pick: (row: (typeof learned)[number]) => boolean) => learned.filter(pick).reduce((sum, row) => sum + row.rules, 0);
  return {
    overall: { ...withIndex(overall ?? { requests: 0, autoDecided: 0, humanDecided: 0, denied: 0, timedOut: 0, pending: 0 }), rulesLearned: learnedTotal?.rules ?? 0 },
    teams: byTeam.map((row) => ({ ...withIndex(row), rulesLearned: learnedBy((l) => l.team === row.team) })),
    agents: byAgent.map((row) => ({ ...withIndex(row), rulesLearned: learnedBy((l) => l.agent === row.agent) })),
    topRules,
  };
}
