// Reading saved pane histories: what agents' terminals showed when they stopped or died.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { paneHistories } from '$db/schema/pane-histories.ts';
import { formatAgentRef, type AgentRef } from '$domain/names.ts';
import type { Services } from '../services.ts';
import { idsWithinBudget } from '../limits/text-budget.ts';

/** The latest `limit` histories, newest first, as many as fit in one read's text budget. */
export async function readPaneHistories(services: Services, ref: AgentRef, limit: number) {
  const sizes = await services.db
    .select({ id: paneHistories.id, bytes: sql<number>`octet_length(${paneHistories.text})` })
    .from(paneHistories)
    .where(and(eq(paneHistories.team, ref.team), eq(paneHistories.agent, ref.agent)))
    .orderBy(desc(paneHistories.savedAt))
    .limit(limit);
  const ids = idsWithinBudget(sizes);
  if (ids.length === 0) return [];
  const rows = await services.db
    .select({ id: paneHistories.id, reason: paneHistories.reason, savedAt: paneHistories.savedAt, text: paneHistories.text })
    .from(paneHistories)
    .where(inArray(paneHistories.id, ids))
    .orderBy(desc(paneHistories.savedAt));
  return rows.map((row) => ({ ...row, agent: formatAgentRef(ref), savedAt: row.savedAt.toISOString() }));
}
