import { ActivityFailure, TimeoutFailure, TimeoutType } from '@temporalio/common';

// An activity or child failure wraps the original error; people want the original's words.
export function rootMessage(err: unknown): string {
  let current = err;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

/**
 * Whether an activity failed because no worker of its host took it in time (the host is away):
 * nothing was done, so what it carried can wait for the host instead of failing.
 */
export function noWorkerTookActivity(err: unknown): boolean {
  return err instanceof ActivityFailure && err.cause instanceof TimeoutFailure && err.cause.timeoutType === TimeoutType.SCHEDULE_TO_START;
}
