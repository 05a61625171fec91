// Check-in due time → delivery: check-ins scheduled through the real `orc checkin` CLI on a
// bash agent, due a few seconds apart; each one's delivery latency is the confirmedAt of
// the message it became (from `orc log --json`, sender `checkin:<id>`) minus its dueAt.
import { bounded, sleep } from './bounded.ts';
import { orc } from './orc-cli.ts';
import { printLatency, type Figures } from './report.ts';

const AGENT = 'bench/checkins';
/** One scheduling call at a time, so due times are spread as the delays say. */
const SCHEDULING_CONCURRENCY = 1;
/** How long after the last due time the bench waits for the stragglers. */
const GRACE_MS = 60_000;

interface Scheduled {
  id: string;
  dueAt: string;
}

interface LogEntry {
  from: string;
  state: string;
  queuedAt: string;
  confirmedAt: string | null;
}

const FINAL_STATES = new Set(['confirmed', 'unconfirmed', 'failed']);

async function scheduleAll(clientEnv: NodeJS.ProcessEnv, count: number): Promise<Scheduled[]> {
  const scheduled: Scheduled[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      // Delays of 2 to 6 s, interleaved, so due times overlap the scheduling and each other.
      const delay = `${2 + (i % 5)}s`;
      const args = ['checkin', '--agent', AGENT, delay, `note-${i}`, '--json'];
      const { stdout } = await orc(args, clientEnv);
      scheduled.push(JSON.parse(stdout) as Scheduled);
    }
  };
  await Promise.all(Array.from({ length: SCHEDULING_CONCURRENCY }, worker));
  return scheduled;
}

async function awaitDeliveries(clientEnv: NodeJS.ProcessEnv, scheduled: Scheduled[]): Promise<Map<string, LogEntry>> {
  const lastDue = Math.max(...scheduled.map((c) => Date.parse(c.dueAt)));
  const ids = new Set(scheduled.map((c) => c.id));
  for (;;) {
    // A poll that hits the embedded database's failed token lookup is just tried again next second.
    const polled = await orc(['log', '--json', '--agent', AGENT, '--limit', '1000'], clientEnv).catch((err: unknown) => {
      if (/Failed query/.test(String(err))) return null;
      throw err;
    });
    if (polled === null) {
      await sleep(1_000);
      continue;
    }
    const { stdout } = polled;
    const found = new Map<string, LogEntry>();
    for (const entry of JSON.parse(stdout) as LogEntry[]) {
      const id = entry.from.startsWith('checkin:') ? entry.from.slice('checkin:'.length) : null;
      if (id !== null && ids.has(id)) found.set(id, entry);
    }
    const settled = [...found.values()].filter((e) => FINAL_STATES.has(e.state)).length;
    if (settled === ids.size || Date.now() > lastDue + GRACE_MS) return found;
    await sleep(1_000);
  }
}

export async function checkinSection(clientEnv: NodeJS.ProcessEnv, project: string, count: number, figures: Figures) {
  const title = '3. check-in due → delivery';
  console.log(`\n${title}: ${count} check-ins due 2 to 6 s after scheduling, on one bash agent`);
  await orc(['agent', 'start', AGENT, '--project', project, '--cmd', 'bash --norc --noprofile'], clientEnv);
  try {
    const scheduled = await scheduleAll(clientEnv, count);
    const dueTimes = scheduled.map((c) => Date.parse(c.dueAt));
    const spreadS = (Math.max(...dueTimes) - Math.min(...dueTimes)) / 1000;
    console.log(`  scheduled ${scheduled.length}, due over ${spreadS.toFixed(1)} s`);
    const found = await bounded('check-in deliveries', GRACE_MS + 60_000, awaitDeliveries(clientEnv, scheduled));

    const dueToConfirmed: number[] = [];
    const dueToQueued: number[] = [];
    const notConfirmed: string[] = [];
    for (const checkin of scheduled) {
      const entry = found.get(checkin.id);
      const due = Date.parse(checkin.dueAt);
      if (entry) dueToQueued.push(Date.parse(entry.queuedAt) - due);
      if (entry?.state === 'confirmed' && entry.confirmedAt) dueToConfirmed.push(Date.parse(entry.confirmedAt) - due);
      else notConfirmed.push(`${checkin.id}: ${entry?.state ?? 'not in the log'}`);
    }
    const delivery = printLatency('dueAt → confirmedAt (the message the check-in became)', dueToConfirmed);
    const firing = printLatency('dueAt → queuedAt (the timer firing, before typing)', dueToQueued);
    console.log(`  confirmed ${dueToConfirmed.length} of ${scheduled.length}; issue target: p95 under 2000 ms`);
    if (notConfirmed.length) console.log(`  not confirmed: ${notConfirmed.join(', ')}`);
    figures.latency(title, 'dueAt → confirmedAt (target p95 < 2 s)', delivery);
    figures.latency(title, 'dueAt → queuedAt (timer firing)', firing);
    figures.add(title, 'check-ins confirmed', `${dueToConfirmed.length} of ${scheduled.length}, due over ${spreadS.toFixed(1)} s`);
    return { count: scheduled.length, confirmed: dueToConfirmed.length, dueSpreadS: spreadS, dueToConfirmed: delivery, dueToQueued: firing, notConfirmed };
  } finally {
    // A failed stop must not hide why the section failed; the tmux server goes at the end anyway.
    await orc(['agent', 'stop', AGENT], clientEnv).catch((err: unknown) => console.error(`  could not stop ${AGENT}: ${String(err)}`));
  }
}
