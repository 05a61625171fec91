// One review operation on an agent's host: the web app starts it (id review/<team>/<agent>/<run>)
// and waits for its result. A workflow rather than a call, because only the host's worker may
// touch the project and the worktree, and the web app may run elsewhere.
import { proxyActivities } from '@temporalio/workflow';
import type { ReviewActivities } from '../activities/review-activities.ts';
import { hostTaskQueue } from '../domain/names.ts';

export type ReviewOperation =
  | { kind: 'diff'; input: Parameters<ReviewActivities['reviewAgentDiff']>[0] }
  | { kind: 'merge'; input: Parameters<ReviewActivities['mergeAgentWork']>[0] }
  | { kind: 'restart'; input: Parameters<ReviewActivities['restartAgentWork']>[0] }
  | { kind: 'check'; input: Parameters<ReviewActivities['checkAgentWork']>[0] };

export interface ReviewWorkflowInput {
  host: string;
  operation: ReviewOperation;
}

export type ReviewWorkflowResult =
  | { kind: 'diff'; result: Awaited<ReturnType<ReviewActivities['reviewAgentDiff']>> }
  | { kind: 'merge'; result: Awaited<ReturnType<ReviewActivities['mergeAgentWork']>> }
  | { kind: 'restart'; result: Awaited<ReturnType<ReviewActivities['restartAgentWork']>> }
  | { kind: 'check'; result: Awaited<ReturnType<ReviewActivities['checkAgentWork']>> };

export async function reviewWorkflow(input: ReviewWorkflowInput): Promise<ReviewWorkflowResult> {
  const activities = proxyActivities<ReviewActivities>({
    taskQueue: hostTaskQueue(input.host),
    // A host that is away answers "no worker" within this, not never.
    scheduleToStartTimeout: '30 seconds',
    startToCloseTimeout: '5 minutes',
    retry: { maximumAttempts: 2 },
  });
  const checks = proxyActivities<ReviewActivities>({
    taskQueue: hostTaskQueue(input.host),
    scheduleToStartTimeout: '30 seconds',
    startToCloseTimeout: '20 minutes',
    retry: { maximumAttempts: 1 },
  });
  const { operation } = input;
  switch (operation.kind) {
    case 'diff':
      return { kind: 'diff', result: await activities.reviewAgentDiff(operation.input) };
    case 'merge':
      return { kind: 'merge', result: await activities.mergeAgentWork(operation.input) };
    case 'restart':
      return { kind: 'restart', result: await activities.restartAgentWork(operation.input) };
    case 'check':
      // A test suite may take long; it is run once (a retry would test the same commit again).
      return { kind: 'check', result: await checks.checkAgentWork(operation.input) };
  }
}
