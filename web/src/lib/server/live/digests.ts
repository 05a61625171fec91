// A fingerprint of each part of the system a page shows. When a fingerprint changes, the
// pages that show that part reload their data. The database parts cost one query together;
// the agents' live states come from their workflows (one status query each).
import { sql } from 'drizzle-orm';
import type { Services } from '../services.ts';
import { listAgents } from '../agents/agent-control.ts';

export const TOPICS = ['agents', 'approvals', 'rules', 'messages', 'checkins', 'teams'] as const;
export type Topic = (typeof TOPICS)[number];
export type Digests = Partial<Record<Topic, string>>;

export async function databaseDigests(services: Services): Promise<Digests> {
  const rows = await services.db.execute<{ approvals: string; rules: string; messages: string; checkins: string; teams: string; registry: string }>(sql`
    select
      (select count(*) || ':' || coalesce(max(requested_at)::text, '') || ':' || coalesce(max(decided_at)::text, '')
         || ':' || count(*) filter (where status = 'pending') from permission_requests) as approvals,
      (select count(*) || ':' || coalesce(sum(hit_count), 0) || ':' || count(disabled_at) || ':' || coalesce(max(created_at)::text, '')
         from permission_rules) as rules,
      (select count(*) || ':' || count(confirmed_at) || ':' || count(delivered_at) || ':' || count(error) from messages) as messages,
      (select count(*) || ':' || count(*) filter (where state = 'pending') from checkins) as checkins,
      (select count(*) || ':' || count(stopped_at) from teams) as teams,
      (select count(*) || ':' || count(stopped_at) from agents) as registry`);
  const row = rows[0];
  if (!row) return {};
  return { approvals: row.approvals, rules: row.rules, messages: row.messages, checkins: row.checkins, teams: `${row.teams}/${row.registry}` };
}

export async function agentDigest(services: Services): Promise<Digests> {
  const agents = await listAgents(services);
  return { agents: agents.map((a) => `${a.id}=${a.state}:${a.inbox}:${a.nextCheckinAt ?? ''}:${a.problem ?? ''}`).join('|') };
}
