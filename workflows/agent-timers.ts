// The agent's durable timers: check-ins (scheduled by anyone, or a team's regular cadence),
// delivered as messages when due, and git checkpoints of its workspace. The main loop sleeps
// until the next of them (nextTimerAt) and re-plans when one is brought forward (planVersion).
import { ApplicationFailure, uuid4 } from '@temporalio/workflow';
import type { AgentRun } from './agent-run.ts';
import { checkCheckinRequest } from './agent-limits.ts';
import type { AgentSnapshot, Checkin, QueuedCheckinInput, ScheduleCheckinInput } from './agent-types.ts';
import { rootMessage } from './failure-message.ts';

export class Timers {
  readonly checkins: Checkin[];
  nextCheckpointAt: number | null;
  lastCheckpoint: { at: string; outcome: string } | null = null;
  /** Bumped on every change that could bring a timer forward, so the main loop re-plans. */
  planVersion = 0;
  private readonly agent: AgentRun;

  constructor(agent: AgentRun, snapshot: AgentSnapshot | undefined) {
    this.agent = agent;
    this.checkins = [...(snapshot?.checkins ?? [])];
    const every = agent.spec.gitCheckpointMs;
    this.nextCheckpointAt = snapshot?.nextCheckpointAt ?? (every ? Date.now() + every : null);
  }

  /** Check-ins not yet fired, soonest first. */
  pending(): Checkin[] {
    return [...this.checkins].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  }

  has(id: string): boolean {
    return this.checkins.some((c) => c.id === id);
  }

  /** The scheduleCheckin update (its request already checked by its validator). */
  async schedule({ delayMs, note, createdBy }: ScheduleCheckinInput): Promise<Checkin> {
    const checkin: Checkin = { id: uuid4().slice(0, 8), dueAt: new Date(Date.now() + delayMs).toISOString(), note, createdBy };
    this.checkins.push(checkin);
    this.planVersion++;
    this.recordCheckin(checkin, 'pending');
    return checkin;
  }

  /**
   * The scheduleCheckinQueued signal: a signal cannot be refused, so a request the update's
   * validator would refuse is recorded as cancelled (its sender listed it as pending already).
   */
  receive({ id, requestedAt, delayMs, note, createdBy }: QueuedCheckinInput): void {
    if (this.has(id)) return; // the same signal sent twice
    const checkin: Checkin = { id, dueAt: new Date(Date.parse(requestedAt) + delayMs).toISOString(), note, createdBy };
    try {
      checkCheckinRequest({ delayMs, note }, { agentId: this.agent.agentId, pending: this.checkins.length, closed: this.agent.closedReason() });
    } catch {
      this.recordCheckin(checkin, 'cancelled');
      return;
    }
    this.checkins.push(checkin);
    this.planVersion++;
    this.recordCheckin(checkin, 'pending');
  }

  async cancel({ id }: { id: string }): Promise<Checkin> {
    const index = this.checkins.findIndex((c) => c.id === id);
    const [checkin] = this.checkins.splice(index, 1);
    if (!checkin) throw ApplicationFailure.nonRetryable(`no pending check-in ${id}`, 'NotFound');
    this.planVersion++;
    this.recordCheckin(checkin, 'cancelled');
    return checkin;
  }

  /** At the end: every pending check-in is cancelled. */
  cancelAll(): void {
    for (const checkin of this.checkins.splice(0)) this.recordCheckin(checkin, 'cancelled');
  }

  /** When the main loop must wake next: a check-in due, a checkpoint, a held message's next try, or the end of a pause. */
  nextTimerAt(): number | null {
    const due = [this.pending()[0]?.dueAt, this.nextCheckpointAt, this.agent.inbox.heldUntil, this.agent.pause.until()].map((d) => (typeof d === 'string' ? Date.parse(d) : d));
    const times = due.filter((t): t is number => typeof t === 'number');
    return times.length ? Math.min(...times) : null;
  }

  async fireDueCheckins(): Promise<void> {
    const { agent } = this;
    const now = Date.now();
    for (const checkin of this.pending()) {
      if (Date.parse(checkin.dueAt) > now) break;
      this.checkins.splice(this.checkins.indexOf(checkin), 1);
      const message = agent.inbox.enqueue(`Check-in (scheduled by ${checkin.createdBy}): ${checkin.note}`, `checkin:${checkin.id}`);
      this.recordCheckin(checkin, 'fired');
      agent.inbox.record(message);
    }
    // A team's cadence: when the agent has nothing scheduled, it gets the next regular check-in.
    if (this.checkins.length === 0 && agent.spec.checkinIntervalMs) {
      const checkin: Checkin = {
        id: uuid4().slice(0, 8),
        dueAt: new Date(now + agent.spec.checkinIntervalMs).toISOString(),
        note: 'Regular check-in: review your progress, update your manager, and schedule your next step.',
        createdBy: 'team cadence',
      };
      this.checkins.push(checkin);
      this.recordCheckin(checkin, 'pending');
    }
  }

  async checkpointIfDue(): Promise<void> {
    const { agent } = this;
    const every = agent.spec.gitCheckpointMs;
    if (this.nextCheckpointAt === null || Date.now() < this.nextCheckpointAt || !every) return;
    this.nextCheckpointAt = Date.now() + every;
    try {
      const result = await agent.host.checkpointWorkspace({ workspaceDir: agent.spec.workspaceDir ?? agent.spec.projectDir, agentId: agent.agentId });
      this.lastCheckpoint = { at: new Date().toISOString(), outcome: result.outcome === 'committed' ? `committed ${result.commit.slice(0, 12)}` : result.outcome };
    } catch (err) {
      this.lastCheckpoint = { at: new Date().toISOString(), outcome: `failed: ${rootMessage(err)}` };
    }
  }

  private recordCheckin(checkin: Checkin, state: 'pending' | 'fired' | 'cancelled'): void {
    this.agent.records.recordCheckin({ team: this.agent.spec.team, agent: this.agent.spec.agent, checkin, state, at: new Date().toISOString() });
  }
}
