// Telling the webhooks of an event the web app sees happen (a request starts waiting for a
// person, a team is stopped): one delivery workflow per webhook (activities/notification-activities.ts).
// A notification is a courtesy beside the work: it never delays or fails what caused it.
import { startDeliveries } from '$activities/notification-activities.ts';
import type { NotifyEvent } from '$domain/notifications/webhook-event.ts';
import type { Services } from '../services.ts';

export async function emitEvent(services: Services, event: NotifyEvent): Promise<string[]> {
  return startDeliveries(services.db, await services.temporal(), event);
}

/** Emits in the background; a failure is logged, never thrown at the caller. */
export function emitInBackground(services: Services, event: NotifyEvent): void {
  emitEvent(services, event).catch((err: unknown) => console.error(`notification ${event.kind} ${event.id} not sent:`, err));
}
