// Temporal's client errors, in the server's own words (errors.ts): what happened and what to
// do. A Temporal server that cannot be reached, or an error nobody expected, stays an internal
// error, which the API logs.
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { rootMessage } from '$workflows/failure-message.ts';
import { Conflict, DomainError, Invalid, NotFound } from '../errors.ts';

export function toApiError(err: unknown, agentId: string): Error {
  // Already said in our words (errors.ts), by the code inside the call this one wraps.
  if (err instanceof DomainError) return err;
  if (err instanceof WorkflowNotFoundError) {
    return new NotFound(`no running agent ${agentId}; start it with: orc agent start ${agentId} --project <dir>`, { cause: err });
  }
  if (err instanceof WorkflowExecutionAlreadyStartedError) {
    return new Conflict(`agent ${agentId} is already running; stop it first with: orc agent stop ${agentId}`, { cause: err });
  }
  if (err instanceof WorkflowUpdateFailedError) {
    return new Invalid(rootMessage(err), { cause: err });
  }
  const message = rootMessage(err);
  // An update rejected by its validator arrives as a plain error carrying the validator's text.
  if (/Update .*rejected|validator/i.test(message) || (err instanceof Error && err.name === 'WorkflowUpdateRejectedError')) {
    return new Invalid(message, { cause: err });
  }
  if (/ECONNREFUSED|UNAVAILABLE|deadline/i.test(message)) {
    return new Error(`Temporal is unreachable (${message}); check that the Temporal server is running`, { cause: err });
  }
  return new Error(message, { cause: err });
}

/** Whether a Temporal call failed because its deadline passed (gRPC DEADLINE_EXCEEDED, anywhere in its causes). */
export function deadlineExceeded(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if ((e as { code?: unknown }).code === 4 || /deadline exceeded|DEADLINE_EXCEEDED/i.test(e.message)) return true;
  }
  return false;
}
