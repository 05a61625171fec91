// Reviewing and merging a worktree agent's work: its diff, a merge into a branch of the project,
// its branch started afresh afterwards. The git work runs on the agent's host (a short
// `review/<team>/<agent>/<run>` workflow whose one activity the host's worker serves), since
// only that machine holds the project and the worktree.
import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { WORKFLOW_TASK_QUEUE, formatAgentRef, reviewWorkflowId, type AgentRef } from '$domain/names.ts';
import type { MergeMode } from '$domain/review.ts';
import type { ReviewOperation, ReviewWorkflowResult, reviewWorkflow } from '$workflows/review-workflow.ts';
import { rootMessage } from '$workflows/failure-message.ts';
import type { Services } from '../services.ts';
import { findAgent, launchRecordOf } from '../agents/agent-registry.ts';
import { Invalid, NotFound, Unavailable } from '../errors.ts';
import { hostPresence } from '../hosts/host-presence.ts';
import { temporalClient } from '../temporal/temporal-access.ts';
import { mergeGate } from './merge-gate.ts';
import { toApiError } from '../temporal/temporal-errors.ts';

/** The agent's branch and where it lives; a stopped agent's work can still be reviewed and merged. */
export async function agentWork(services: Services, ref: AgentRef) {
  const id = formatAgentRef(ref);
  const row = await findAgent(services.db, ref);
  if (!row) throw new NotFound(`no agent ${id}; see agents with: orc status`);
  const record = launchRecordOf(row, services.config.dataDir);
  if (record.workspace !== 'worktree') {
    throw new Invalid(`${id} works in the project's own checkout (workspace: shared): only a worktree agent's branch can be reviewed and merged`);
  }
  return { id, host: row.host, sandbox: record.sandbox, input: { projectDir: record.projectDir, team: ref.team, agent: ref.agent, worktreeDir: record.workspaceDir } };
}

type ResultOf<K extends ReviewOperation['kind']> = Extract<ReviewWorkflowResult, { kind: K }>['result'];

export async function onHost<K extends ReviewOperation['kind']>(services: Services, ref: AgentRef, host: string, operation: Extract<ReviewOperation, { kind: K }>): Promise<ResultOf<K>> {
  const id = formatAgentRef(ref);
  const client = await temporalClient(services, id);
  const presence = await hostPresence(client, host);
  if (presence.state === 'unreachable') throw new Unavailable(presence.problem);
  try {
    const answer = await client.workflow.execute<typeof reviewWorkflow>('reviewWorkflow', {
      taskQueue: WORKFLOW_TASK_QUEUE,
      workflowId: reviewWorkflowId(ref, randomUUID()),
      args: [{ host, operation }],
      // A check runs a test suite: its activity may take 20 minutes.
      workflowExecutionTimeout: operation.kind === 'check' ? '25 minutes' : '10 minutes',
    });
    return answer.result as ResultOf<K>;
  } catch (err) {
    // A refusal or a git failure on the host, in git's or orc's words.
    if (err instanceof WorkflowFailedError) throw new Invalid(rootMessage(err), { cause: err });
    throw toApiError(err, id);
  }
}

export async function agentDiff(services: Services, ref: AgentRef, target: string | null, since: { commit: string; file: string }[] = []) {
  const work = await agentWork(services, ref);
  return onHost(services, ref, work.host, { kind: 'diff', input: { ...work.input, target, since } });
}

export interface MergeRequest {
  mode: MergeMode;
  into: string | null;
  /** Who approved the change (recorded in the commit as `Approved-by:`), when someone did. */
  approvedBy: string | null;
}

/**
 * Merges the agent's branch once the team's rules hold: an approval of this exact change when
 * the team asks for one (mergeApproval:), then its check passing (check:) on the tip that is
 * merged. A rule that does not hold refuses the merge, saying why.
 */
export async function mergeAgent(services: Services, ref: AgentRef, request: MergeRequest, by: string) {
  const work = await agentWork(services, ref);
  const gate = await mergeGate(services, ref, work, by);
  if (!gate.ok) return { outcome: 'refused' as const, reason: gate.reason };
  const approvedBy = request.approvedBy ?? gate.approvedBy;
  const trailers = [`Merged-by: ${by}`, `Agent: ${work.id}`, ...(approvedBy ? [`Approved-by: ${approvedBy}`] : []), ...(gate.checkedCommit ? [`Checked-on: ${gate.checkedCommit}`] : [])];
  return onHost(services, ref, work.host, {
    kind: 'merge',
    input: { ...work.input, into: request.into, mode: request.mode, by: { name: by, email: 'orc@localhost' }, trailers, expectTip: gate.checkedCommit },
  });
}

export async function restartAgentBranch(services: Services, ref: AgentRef, onto: string | null) {
  const work = await agentWork(services, ref);
  return onHost(services, ref, work.host, { kind: 'restart', input: { ...work.input, onto } });
}
