// An agent held by its plan's usage limit (or a sustained rate limit): it is `paused` until the
// reset time its CLI named, or a back-off that grows with each limit hit in a row; a durable
// timer then resumes it with one message, and its inbox and check-ins wait meanwhile (a paused
// agent is not ready for messages). A jitter of up to a minute spreads the resumes of a host's
// agents that hit the same limit together.
import { workflowInfo } from '@temporalio/workflow';
import type { AgentRun } from './agent-run.ts';
import type { PauseSnapshot } from './agent-types.ts';

/** The longest back-off when the CLI named no reset time. */
const MAX_BACKOFF_MS = 60 * 60_000;
const MAX_JITTER_MS = 60_000;

/** What orc types to a resumed agent: go on where the limit stopped it. */
export const RESUME_TEXT =
  'orc: the usage limit has reset. Continue the task you were working on when the limit was reached; do not repeat work that is already complete.';

export class Pause {
  private current: PauseSnapshot | null;
  /** Limit hits in a row; kept after a resume, so a limit hit again backs off longer. */
  private hits: number;
  private readonly agent: AgentRun;

  constructor(agent: AgentRun, snapshot: PauseSnapshot | null | undefined) {
    this.agent = agent;
    this.current = snapshot ?? null;
    this.hits = snapshot?.hits ?? 0;
  }

  /** The CLI stopped on a limit: pause until its reset time, or back off. */
  begin({ message, resetAt, retryAfterMs }: { message: string; resetAt: string | null; retryAfterMs: number }): void {
    this.hits++;
    const backoff = Math.min(retryAfterMs * 2 ** (this.hits - 1), MAX_BACKOFF_MS);
    // Math.random is the workflow's seeded one: the same on every replay.
    const jitter = Math.floor(Math.random() * Math.min(MAX_JITTER_MS, Math.max(1_000, backoff / 10)));
    const until = (resetAt ? Math.max(Date.parse(resetAt), Date.now()) : Date.now() + backoff) + jitter;
    this.current = { until, reason: message, hits: this.hits };
    this.agent.timers.planVersion++;
    this.notify('paused', `${this.agent.agentId} paused on a usage limit until ${new Date(until).toISOString()}: ${message}`);
  }

  /** Tells the webhooks (beside the agent's work, like its records: never in its way). */
  private notify(kind: 'paused' | 'resumed', summary: string): void {
    const { agent } = this;
    agent.records.notify({ id: `${kind}-${workflowInfo().runId}-${this.hits}-${Date.now()}`, kind, at: new Date().toISOString(), team: agent.spec.team, agent: agent.agentId, summary, reason: kind === 'paused' ? 'paused' : null });
  }

  /** A turn went through: the next limit starts from the shortest back-off again. */
  turnSucceeded(): void {
    if (this.current === null) this.hits = 0;
  }

  until(): number | null {
    return this.current?.until ?? null;
  }

  /** When the pause is over: the agent is idle again, and the resume message goes first in line. */
  resumeIfDue(): void {
    if (this.current === null || Date.now() < this.current.until) return;
    this.current = null;
    if (this.agent.state === 'paused') this.agent.state = 'idle';
    this.agent.inbox.record(this.agent.inbox.enqueueFirst(RESUME_TEXT, 'orc'));
    this.notify('resumed', `${this.agent.agentId} resumed after its usage limit`);
  }

  status(): { pausedUntil: string | null; pauseReason: string | null } {
    return { pausedUntil: this.current ? new Date(this.current.until).toISOString() : null, pauseReason: this.current?.reason ?? null };
  }

  snapshot(): PauseSnapshot | null {
    return this.current ? { ...this.current, hits: this.hits } : null;
  }
}
