// A team's rules on merging a worktree agent's work, applied: its `check:` run on the agent's
// branch (on request, and before each merge), the result recorded and, when it fails, sent to
// the agent; approvals of an exact change recorded (`mergeApproval:`) and required by a merge.
import { createHash, randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { branchChecks, mergeApprovals, teams } from '$db/schema/index.ts';
import { agentBranch, formatAgentRef, parseAgentRef, type AgentRef } from '$domain/names.ts';
import { approvalForMerge, approvalRefusal, approverLabel, checkFailedMessage, type Approver, type MergeApprover } from '$domain/merge-rules.ts';
import type { RoleId } from '$domain/roles/role.ts';
import { teamSpecSchema } from '$domain/teams/team-spec.ts';
import type { Services } from '../services.ts';
import { sendMessage } from '../agents/agent-control.ts';
import { Forbidden, Invalid } from '../errors.ts';
import { agentDiff, agentWork, onHost } from './review-control.ts';

/** The listed history of each kind, per agent. */
const LISTED = 20;

interface TeamMergeRules {
  check: string | null;
  mergeApproval: MergeApprover | null;
  /** The agent's role in its team's spec (an agent started alone has none). */
  roleOf(agent: string): RoleId | null;
}

async function teamRules(services: Services, team: string): Promise<TeamMergeRules> {
  const [row] = await services.db.select({ spec: teams.spec }).from(teams).where(eq(teams.name, team)).limit(1);
  const parsed = row ? teamSpecSchema.safeParse(row.spec) : null;
  const spec = parsed?.success ? parsed.data : null;
  return {
    check: spec?.check ?? null,
    mergeApproval: spec?.mergeApproval ?? null,
    roleOf: (agent) => spec?.agents.find((a) => a.name === agent)?.role ?? null,
  };
}

/** sha256 of the change as the review shows it (committed and uncommitted work against the base). */
const patchDigest = (patch: string) => createHash('sha256').update(patch).digest('hex');

export type CheckRun =
  | { outcome: 'passed' | 'failed'; id: string; commit: string; command: string; exitCode: number | null; output: string; durationMs: number; toldAgent: boolean; finishedAt: string }
  | { outcome: 'refused'; reason: string };

/** Runs the team's check on the agent's branch, records it, and sends a failure to the agent. */
export async function checkAgentBranch(services: Services, ref: AgentRef, requestedBy: string): Promise<CheckRun> {
  const rules = await teamRules(services, ref.team);
  if (!rules.check) throw new Invalid(`team ${ref.team} has no check: add one to its spec, for example \`check: npm test\`, and deploy it again`);
  return runCheck(services, ref, rules.check, await agentWork(services, ref), requestedBy);
}

type AgentWork = Awaited<ReturnType<typeof agentWork>>;

/** Runs `command` on the agent's branch, records the run, and sends a failure to the agent. */
async function runCheck(services: Services, ref: AgentRef, command: string, work: AgentWork, requestedBy: string): Promise<CheckRun> {
  const ran = await onHost(services, ref, work.host, { kind: 'check', input: { ...work.input, command, sandbox: work.sandbox } });
  if (ran.outcome === 'refused') return ran;
  let toldAgent = false;
  if (!ran.passed) {
    const text = checkFailedMessage({ branch: agentBranch(ref.team, ref.agent), commit: ran.commit, command, exitCode: ran.exitCode, output: ran.output });
    // The result stands whether or not the agent can be told now (a stopped agent cannot).
    toldAgent = await sendMessage(services, ref, text, 'orc').then(() => true, () => false);
  }
  const record = {
    id: randomUUID(),
    team: ref.team,
    agent: ref.agent,
    commit: ran.commit,
    command,
    passed: ran.passed,
    exitCode: ran.exitCode,
    outputTail: ran.output,
    durationMs: ran.durationMs,
    requestedBy,
    toldAgent,
    finishedAt: new Date(),
  };
  await services.db.insert(branchChecks).values(record);
  return { outcome: ran.passed ? 'passed' : 'failed', id: record.id, commit: ran.commit, command, exitCode: ran.exitCode, output: ran.output, durationMs: ran.durationMs, toldAgent, finishedAt: record.finishedAt.toISOString() };
}

/** Who is approving, from the caller's token: a person, or an agent with its role in the team. */
export async function approverFromIdentity(services: Services, identity: { role: string; name: string; agentId?: string | null }): Promise<Approver> {
  if (identity.role === 'admin') return { kind: 'person', name: identity.name };
  if (identity.role !== 'agent') throw new Forbidden(`a ${identity.role} token (${identity.name}) may look, not approve: approve with an admin token`);
  const self = parseAgentRef(identity.agentId ?? '');
  const role = (await teamRules(services, self.team)).roleOf(self.agent);
  if (!role) throw new Forbidden(`${formatAgentRef(self)} is not in its team's spec, so it has no role to approve with`);
  return { kind: 'agent', agent: self, role };
}

/** Records that `approver` approved the agent's change as it is now (its patch's digest). */
export async function approveMerge(services: Services, ref: AgentRef, approver: Approver) {
  const rules = await teamRules(services, ref.team);
  const refusal = approvalRefusal(rules.mergeApproval, approver, ref);
  if (refusal) throw new Forbidden(refusal);
  const diff = await agentDiff(services, ref, null);
  if (diff.files.length === 0) throw new Invalid(`${formatAgentRef(ref)} has no change against ${diff.target} to approve`);
  const row = { id: randomUUID(), team: ref.team, agent: ref.agent, patchDigest: patchDigest(diff.patch), commit: diff.head, approvedBy: approverLabel(approver), approvedAt: new Date() };
  await services.db.insert(mergeApprovals).values(row);
  return { ...row, approvedAt: row.approvedAt.toISOString(), files: diff.files.length, uncommitted: diff.uncommitted };
}

/** The checks and approvals recorded for an agent's branch, newest first, and the team's rules. */
export async function reviewRecords(services: Services, ref: AgentRef) {
  const rules = await teamRules(services, ref.team);
  const of = <T extends typeof branchChecks | typeof mergeApprovals>(table: T) => and(eq(table.team, ref.team), eq(table.agent, ref.agent));
  const checks = await services.db.select().from(branchChecks).where(of(branchChecks)).orderBy(desc(branchChecks.finishedAt)).limit(LISTED);
  const approvals = await services.db.select().from(mergeApprovals).where(of(mergeApprovals)).orderBy(desc(mergeApprovals.approvedAt)).limit(LISTED);
  return {
    check: rules.check,
    mergeApproval: rules.mergeApproval,
    checks: checks.map((c) => ({ ...c, finishedAt: c.finishedAt.toISOString() })),
    approvals: approvals.map((a) => ({ ...a, approvedAt: a.approvedAt.toISOString() })),
  };
}

export type MergeGate = { ok: true; approvedBy: string | null; checkedCommit: string | null } | { ok: false; reason: string };

/** Whether the team's rules let this merge go ahead now; runs the check when the team has one. */
export async function mergeGate(services: Services, ref: AgentRef, work: AgentWork, by: string): Promise<MergeGate> {
  const rules = await teamRules(services, ref.team);
  let approvedBy: string | null = null;
  const approvals = await services.db.select().from(mergeApprovals).where(and(eq(mergeApprovals.team, ref.team), eq(mergeApprovals.agent, ref.agent))).orderBy(desc(mergeApprovals.approvedAt)).limit(LISTED);
  if (rules.mergeApproval !== null || approvals.length > 0) {
    const diff = await agentDiff(services, ref, null);
    const verdict = approvalForMerge(rules.mergeApproval, approvals, patchDigest(diff.patch), ref);
    if (!verdict.ok) return verdict;
    approvedBy = verdict.approvedBy;
  }
  if (!rules.check) return { ok: true, approvedBy, checkedCommit: null };
  const check = await runCheck(services, ref, rules.check, work, `merge by ${by}`);
  if (check.outcome === 'refused') return { ok: false, reason: `its check could not run: ${check.reason}` };
  if (check.outcome === 'failed') {
    const status = check.exitCode === null ? 'was stopped (timed out)' : `exited with ${check.exitCode}`;
    const told = check.toldAgent ? 'the agent was sent its output' : 'the agent could not be told (is it running?)';
    return { ok: false, reason: `the team's check \`${check.command}\` failed on ${check.commit.slice(0, 12)}: it ${status}; ${told}. The end of its output:\n${check.output.split('\n').slice(-10).join('\n')}` };
  }
  return { ok: true, approvedBy, checkedCommit: check.commit };
}
