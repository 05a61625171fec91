// Reading the communication log.
import { and, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { messages } from '$db/schema/messages.ts';
import type { Services } from '../services.ts';
import { idsWithinBudget } from '../limits/text-budget.ts';

export interface LogFilter {
  team?: string | undefined;
  /** `team/agent`: messages to or from this agent. */
  agent?: string | undefined;
  search?: string | undefined;
  limit: number;
}

export async function readLog(services: Services, filter: LogFilter) {
  const conditions: SQL[] = [];
  if (filter.team) conditions.push(eq(messages.team, filter.team));
  if (filter.agent) {
    const involving = or(eq(messages.recipient, filter.agent), eq(messages.sender, filter.agent));
    if (involving) conditions.push(involving);
  }
  if (filter.search) conditions.push(ilike(messages.text, `%${filter.search.replace(/[%_\\]/g, '\\$&')}%`));
  const sizes = await services.db
    .select({ id: messages.id, bytes: sql<number>`octet_length(${messages.text})` })
    .from(messages)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(messages.queuedAt))
    .limit(filter.limit);
  const ids = idsWithinBudget(sizes);
  if (ids.length === 0) return [];
  const rows = await services.db
    .select({
      id: messages.id,
      team: messages.team,
      from: messages.sender,
      to: messages.recipient,
      text: messages.text,
      state: messages.state,
      queuedAt: messages.queuedAt,
      deliveredAt: messages.deliveredAt,
      confirmedAt: messages.confirmedAt,
      error: messages.error,
    })
    .from(messages)
    .where(inArray(messages.id, ids))
    .orderBy(desc(messages.queuedAt));
  return rows.reverse().map((row) => ({
    ...row,
    queuedAt: row.queuedAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
  }));
}
