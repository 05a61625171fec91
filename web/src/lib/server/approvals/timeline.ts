// The analytics page's series: how the agents' autonomy develops day by day (who decided their
// permission requests), how many rules people taught and when, and how many messages each agent
// received and sent. Days are UTC calendar days, so every viewer sees the same buckets.
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Database } from '$db/client.ts';
import { messages } from '$db/schema/messages.ts';
import { permissionRequests } from '$db/schema/permission-requests.ts';
import { permissionRules } from '$db/schema/permission-rules.ts';
import { rulesSeenByTeam } from './rule-store.ts';

/** How many days back the series reach; older history is in `orc stats` totals. */
export const TIMELINE_DAYS = 90;

const utcDay = (column: typeof permissionRequests.requestedAt | typeof permissionRules.createdAt) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`;
const since = () => new Date(Date.now() - TIMELINE_DAYS * 86_400_000);

/** Every team's series; with `team`, that team's only (its requests and messages, the rules that can decide for it). */
export async function permissionTimeline(db: Database, team: string | null = null) {
  const rulesSeen = team === null ? undefined : rulesSeenByTeam(db, team);
  const messagesOfTeam = team === null ? undefined : eq(messages.team, team);
  const day = utcDay(permissionRequests.requestedAt);
  const requests = await db
    .select({
      day,
      requests: sql<number>`count(*)::int`,
      // Decided by a rule (learned or built-in), whichever way: what the autonomy index counts.
      autoDecided: sql<number>`(count(*) filter (where ${permissionRequests.decidedBy} in ('rule', 'builtin')))::int`,
      autoAllowed: sql<number>`(count(*) filter (where ${permissionRequests.decidedBy} in ('rule', 'builtin') and ${permissionRequests.status} = 'allowed'))::int`,
      humanAllowed: sql<number>`(count(*) filter (where ${permissionRequests.decidedBy} = 'human' and ${permissionRequests.status} = 'allowed'))::int`,
      denied: sql<number>`(count(*) filter (where ${permissionRequests.status} = 'denied'))::int`,
      // Still open, or nobody answered through orc in time.
      unanswered: sql<number>`(count(*) filter (where ${permissionRequests.status} in ('pending', 'timed-out', 'expired')))::int`,
    })
    .from(permissionRequests)
    .where(and(gte(permissionRequests.requestedAt, since()), team === null ? undefined : eq(permissionRequests.team, team)))
    .groupBy(day)
    .orderBy(day);

  const ruleDay = utcDay(permissionRules.createdAt);
  const learnedPerDay = await db
    .select({ day: ruleDay, rules: sql<number>`count(*)::int` })
    .from(permissionRules)
    .where(and(eq(permissionRules.source, 'human'), gte(permissionRules.createdAt, since()), rulesSeen))
    .groupBy(ruleDay)
    .orderBy(ruleDay);
  // Rules taught before the window still count towards the running total.
  const [before] = await db
    .select({ rules: sql<number>`count(*)::int` })
    .from(permissionRules)
    .where(and(eq(permissionRules.source, 'human'), lt(permissionRules.createdAt, since()), rulesSeen));
  let total = before?.rules ?? 0;
  const rulesLearned = learnedPerDay.map((row) => ({ day: row.day, learned: row.rules, total: (total += row.rules) }));

  const received = await db.select({ agent: messages.recipient, count: sql<number>`count(*)::int` }).from(messages).where(messagesOfTeam).groupBy(messages.recipient);
  // Senders are agent ids (`team/agent`), `human:<name>` or `checkin:<id>`; only agents are charted.
  const sent = await db
    .select({ agent: messages.sender, count: sql<number>`count(*)::int` })
    .from(messages)
    .where(and(sql`position('/' in ${messages.sender}) > 0 and position(':' in ${messages.sender}) = 0`, messagesOfTeam))
    .groupBy(messages.sender);
  const agents = [...new Set([...received.map((row) => row.agent), ...sent.map((row) => row.agent)])].sort();
  const messagesPerAgent = agents.map((agent) => ({
    agent,
    received: received.find((row) => row.agent === agent)?.count ?? 0,
    sent: sent.find((row) => row.agent === agent)?.count ?? 0,
  }));

  return {
    days: requests.map((row) => ({ ...row, autonomyIndex: row.requests === 0 ? 0 : row.autoDecided / row.requests })),
    rulesLearned,
    messagesPerAgent,
  };
}
