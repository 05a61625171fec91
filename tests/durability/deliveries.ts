// What a person checks after a crash: how many times each text reached the agent's pane
// and the communication log, and which check-ins are still pending.
import { expect } from 'vitest';
import type { OwnStack } from '../../testing/own-stack.ts';

export interface LogEntry {
  id: string;
  from: string;
  to: string;
  text: string;
  state: string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A check-in arrives as `Check-in (scheduled by …): <note>`, typed once per delivery. */
export const checkinText = (note: string) => new RegExp(`Check-in \\(scheduled by .+\\): ${escape(note)}$`);

/** Lines of the pane matching `pattern` (bash's own error lines never repeat a check-in's note). */
export function countLines(pane: string, pattern: RegExp): number {
  return pane.split('\n').filter((line) => pattern.test(line)).length;
}

export async function pendingNotes(own: OwnStack, agent: string): Promise<string[]> {
  const list = JSON.parse(await own.orc(['checkins', '--agent', agent, '--json'])) as Array<{ note: string }>;
  return list.map((c) => c.note).sort();
}

export async function messageLog(own: OwnStack, team: string): Promise<LogEntry[]> {
  return JSON.parse(await own.orc(['log', '--team', team, '--limit', '1000', '--json'])) as LogEntry[];
}

/** Every check-in note reached the log once, confirmed, and the pane once. */
export async function expectCheckinsDeliveredOnce(own: OwnStack, agent: string, notes: string[]): Promise<void> {
  const log = (await messageLog(own, agent.split('/')[0] ?? '')).filter((m) => m.to === agent);
  const pane = await own.orc(['capture', agent, '--lines', '2000']);
  for (const note of notes) {
    const pattern = checkinText(note);
    expect(log.filter((m) => pattern.test(m.text)).map((m) => m.state), `log entries for ${note}`).toEqual(['confirmed']);
    expect(countLines(pane, pattern), `pane lines for ${note}\n${pane}`).toBe(1);
  }
}
