// Check-ins: durable timers in the agent's workflow, mirrored in the checkins table for listing.
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import { checkins } from '$db/schema/checkins.ts';
import type { AgentRef } from '$domain/names.ts';
import { agentId, formatAgentRef, parseAgentRef } from '$domain/names.ts';
import { cancelCheckinUpdate, scheduleCheckinSignal, scheduleCheckinUpdate } from '$workflows/agent-messages.ts';
import { checkCheckinRequest } from '$workflows/agent-limits.ts';
import type { Checkin } from '$workflows/agent-types.ts';
import type { Services } from '../services.ts';
import { requireAgent } from './agent-control.ts';
import { toApiError } from '../temporal/temporal-errors.ts';
import { Forbidden, Invalid, NotFound } from '../errors.ts';
import { reachAgent } from './worker-answer.ts';

export async function scheduleCheckin(services: Services, ref: AgentRef, delayMs: number, note: string, createdBy: string): Promise<Checkin & { agent: string; queued?: string }> {
  const { handle, agentId, client, row } = await requireAgent(services, ref);
  try {
    const reach = await reachAgent(client, row.workflowId, agentId, row.host);
    if (reach.status === null) return await queueCheckin(services, { handle, agentId, ref }, { delayMs, note, createdBy }, reach.problem);
    const checkin = await handle.executeUpdate(scheduleCheckinUpdate, { args: [{ delayMs, note, createdBy }] });
    return { ...checkin, agent: agentId };
  } catch (err) {
    throw toApiError(err, agentId);
  }
}

/**
 * With no worker to answer, the check-in goes to the workflow as a signal (Temporal keeps it)
 * and is listed at once; it falls due from now, whenever the worker comes back.
 */
async function queueCheckin(
  services: Services,
  { handle, agentId, ref }: { handle: Awaited<ReturnType<typeof requireAgent>>['handle']; agentId: string; ref: AgentRef },
  { delayMs, note, createdBy }: { delayMs: number; note: string; createdBy: string },
  problem: string,
): Promise<Checkin & { agent: string; queued: string }> {
  // The listed pending check-ins stand for the workflow's count, which cannot be asked without a
  // worker: so an agent whose host is away cannot add rows past the cap one rate-limited call at a time.
  const [listed] = await services.db
    .select({ pending: count() })
    .from(checkins)
    .where(and(eq(checkins.team, ref.team), eq(checkins.agent, ref.agent), eq(checkins.state, 'pending')));
  try {
    // The update's validator cannot run without a worker; the same checks run here.
    checkCheckinRequest({ delayMs, note }, { agentId, pending: listed?.pending ?? 0, closed: null });
  } catch (err) {
    throw new Invalid(err instanceof Error ? err.message : String(err));
  }
  const requestedAt = new Date();
  const checkin: Checkin = { id: randomUUID().slice(0, 8), dueAt: new Date(requestedAt.getTime() + delayMs).toISOString(), note, createdBy };
  await handle.signal(scheduleCheckinSignal, { ...checkin, delayMs, requestedAt: requestedAt.toISOString() });
  await services.db
    .insert(checkins)
    .values({ id: checkin.id, team: ref.team, agent: ref.agent, dueAt: new Date(checkin.dueAt), note, createdBy, state: 'pending', createdAt: requestedAt })
    .onConflictDoNothing();
  return { ...checkin, agent: agentId, queued: `${problem}. The check-in is kept and fires when a worker is back` };
}

export async function listPendingCheckins(services: Services, filter: { team?: string | undefined; agent?: AgentRef | undefined }) {
  const conditions = [eq(checkins.state, 'pending')];
  if (filter.team) conditions.push(eq(checkins.team, filter.team));
  if (filter.agent) conditions.push(eq(checkins.team, filter.agent.team), eq(checkins.agent, filter.agent.agent));
  const rows = await services.db
    .select({ id: checkins.id, team: checkins.team, agent: checkins.agent, dueAt: checkins.dueAt, note: checkins.note, createdBy: checkins.createdBy })
    .from(checkins)
    .where(and(...conditions))
    .orderBy(asc(checkins.dueAt));
  return rows.map((row) => ({ ...row, agent: agentId(row.team, row.agent), dueAt: row.dueAt.toISOString() }));
}

/** Cancels by id; `onlyFor` limits an agent's token to its own check-ins. */
export async function cancelCheckin(services: Services, id: string, onlyFor: string | null) {
  const [row] = await services.db
    .select({ team: checkins.team, agent: checkins.agent, state: checkins.state })
    .from(checkins)
    .where(eq(checkins.id, id))
    .limit(1);
  // Another team's check-in is as good as absent to an agent: the answer must not confirm it exists, or whose it is.
  const otherTeam = onlyFor !== null && row !== undefined && parseAgentRef(onlyFor).team !== row.team;
  if (!row || row.state !== 'pending' || otherTeam) {
    throw new NotFound(`no pending check-in ${id}; list them with: orc checkins`);
  }
  const agentId = formatAgentRef({ team: row.team, agent: row.agent });
  if (onlyFor !== null && onlyFor !== agentId) {
    throw new Forbidden(`check-in ${id} belongs to ${agentId}; an agent may cancel only its own`);
  }
  const { handle } = await requireAgent(services, parseAgentRef(agentId));
  try {
    const checkin = await handle.executeUpdate(cancelCheckinUpdate, { args: [{ id }] });
    return { ...checkin, agent: agentId };
  } catch (err) {
    throw toApiError(err, agentId);
  }
}
