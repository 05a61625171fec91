// Writing what the workflows do into PostgreSQL, where people query it: the communication
// log and the check-in mirror. Runs on the shared workflow queue, on any worker with a database.
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { checkins } from '../db/schema/checkins.ts';
import { messages } from '../db/schema/messages.ts';
import { paneHistories } from '../db/schema/pane-histories.ts';
import type { AgentMessage, Checkin } from '../workflows/agent-types.ts';

const date = (iso: string | undefined) => (iso ? new Date(iso) : null);

export function createRecordActivities({ db }: { db: Database }) {
  return {
    async recordMessage({ team, recipient, message }: { team: string; recipient: string; message: AgentMessage }): Promise<void> {
      await db
        .insert(messages)
        .values({
          id: message.id,
          team,
          recipient,
          sender: message.from,
          text: message.text,
          state: message.state,
          queuedAt: new Date(message.queuedAt),
          deliveredAt: date(message.typedAt),
          confirmedAt: date(message.confirmedAt),
          error: message.error ?? null,
        })
        // A retried "queued" record arriving after the final one must not undo it.
        .onConflictDoUpdate({
          target: messages.id,
          set: {
            state: sql`excluded.state`,
            deliveredAt: sql`excluded.delivered_at`,
            confirmedAt: sql`excluded.confirmed_at`,
            error: sql`excluded.error`,
          },
          setWhere: sql`${messages.state} in ('queued', 'typing')`,
        });
    },

    async recordCheckin({
      team,
      agent,
      checkin,
      state,
      at,
    }: {
      team: string;
      agent: string;
      checkin: Checkin;
      state: 'pending' | 'fired' | 'cancelled';
      at: string;
    }): Promise<void> {
      await db
        .insert(checkins)
        .values({
          id: checkin.id,
          team,
          agent,
          dueAt: new Date(checkin.dueAt),
          note: checkin.note,
          createdBy: checkin.createdBy,
          state,
          createdAt: new Date(at),
          firedAt: state === 'fired' ? new Date(at) : null,
        })
        .onConflictDoUpdate({
          target: checkins.id,
          set: { state: sql`excluded.state`, firedAt: sql`excluded.fired_at` },
          setWhere: sql`${checkins.state} = 'pending'`,
        });
    },

    async recordPaneHistory({ team, agent, reason, text, at }: { team: string; agent: string; reason: string; text: string; at: string }): Promise<void> {
      await db.insert(paneHistories).values({ team, agent, reason, text, savedAt: new Date(at) });
    },
  };
}

export type RecordActivities = ReturnType<typeof createRecordActivities>;
