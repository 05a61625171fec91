// Whether an agent needs a person, and why: the one place that decides it, for the overview,
// `orc status` and the notifications. Only four things do: a request waiting for a person (no
// rule decided it), a dialog in the agent's pane that orc has no request for (a person must
// answer it at the pane), a failed agent (orc gave up relaunching it), and a paused agent.
// Everything else is orc's own business: a request a rule answered never waited, an exited
// process is being relaunched, and a lifecycle state alone says nothing of a request (an agent
// stays `waiting-approval` for a moment after its request was answered).

export const NEEDS_PERSON_REASONS = ['waiting-request', 'blocked-dialog', 'failed', 'paused'] as const;
export type NeedsPersonReason = (typeof NEEDS_PERSON_REASONS)[number];

export interface AgentAttentionFacts {
  /** The lifecycle state the agent's workflow reports, or `unknown`/`unreachable` when it could not say. */
  state: string;
  /** Its permission requests waiting for a person right now (status `pending`: no rule decided them). */
  waitingRequests: number;
  /** Its requests whose wait ran out and that stay open in its own dialog, still answerable through orc. */
  requestsInDialog: number;
  /**
   * A person answered one of its requests moments ago: the workflow may not have heard yet that
   * the agent works on (the hook tells it once the answer is read), so its state says nothing.
   */
  answeredMomentsAgo?: boolean;
  /** Until when it is paused (ISO time), or null/absent when it is not. */
  pausedUntil?: string | null;
  /** While `blocked`: the first line of the dialog that holds it. */
  blockedBy?: string | null;
}

export interface NeedsPerson {
  reason: NeedsPersonReason;
  /** One line for a person: what to do about it. */
  detail: string;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Why the agent needs a person, most urgent reason first, or null when it does not. */
export function needsPerson(facts: AgentAttentionFacts, now: Date = new Date()): NeedsPerson | null {
  const open = facts.waitingRequests + facts.requestsInDialog;
  if (open > 0) {
    const where = facts.waitingRequests > 0 ? 'waiting for a person' : "open in the agent's dialog";
    return { reason: 'waiting-request', detail: `${plural(open, 'permission request')} ${where}; answer with orc approve or orc deny` };
  }
  // A dialog orc cannot answer (not a permission dialog) has held the agent for a few seconds.
  if (facts.state === 'blocked') {
    const what = facts.blockedBy ? `a dialog orc cannot answer ("${facts.blockedBy.slice(0, 120)}")` : 'a dialog orc cannot answer';
    return { reason: 'blocked-dialog', detail: `${what} holds the agent; see orc capture, answer it in its pane (tmux attach)` };
  }
  // The workflow says a permission dialog is up, and orc holds no request for it: only a person at
  // the pane (or `orc capture` and a message) can move it on.
  if (facts.state === 'waiting-approval' && facts.answeredMomentsAgo !== true) {
    return { reason: 'blocked-dialog', detail: "a dialog orc has no request for is open in the agent's pane; answer it there" };
  }
  if (facts.state === 'failed') return { reason: 'failed', detail: 'orc gave up relaunching it; see orc capture, then orc agent restart' };
  if (facts.pausedUntil && new Date(facts.pausedUntil).getTime() > now.getTime()) {
    return { reason: 'paused', detail: `paused until ${facts.pausedUntil}` };
  }
  return null;
}
