// Reading saved pane histories: what agents' terminals showed when they stopped or died.
import { and, desc, eq } from 'drizzle-orm';
import { paneHistories } from '../../../../../db/schema/pane-histories.ts';
import type { AgentRef } from '../../../../../domain/names.ts';
import type { Services } from '../services.ts';

export async function readPaneHistories(services: Services, ref: AgentRef, limit: number) {
  const rows = await services.db
    .select({ id: paneHistories.id, reason: paneHistories.reason, savedAt: paneHistories.savedAt, text: paneHistories.text })
    .from(paneHistories)
    .where(and(eq(paneHistories.team, ref.team), eq(paneHistories.agent, ref.agent)))
    .orderBy(desc(paneHistories.savedAt))
    .limit(limit);
  return rows.map((row) => ({ ...row, agent: `${ref.team}/${ref.agent}`, savedAt: row.savedAt.toISOString() }));
}
