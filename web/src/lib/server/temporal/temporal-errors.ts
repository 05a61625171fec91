// Temporal's client errors, turned into API errors that say what happened and what to do.
import { TRPCError } from '@trpc/server';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { rootMessage } from '../../../../../workflows/failure-message.ts';


export function toApiError(err: unknown, agentId: string): TRPCError {
  if (err instanceof TRPCError) return err;
  if (err instanceof WorkflowNotFoundError) {
    return new TRPCError({ code: 'NOT_FOUND', message: `no running agent ${agentId}; start it with: orc agent start ${agentId} --project <dir>` });
  }
  if (err instanceof WorkflowExecutionAlreadyStartedError) {
    return new TRPCError({ code: 'CONFLICT', message: `agent ${agentId} is already running; stop it first with: orc agent stop ${agentId}` });
  }
  if (err instanceof WorkflowUpdateFailedError) {
    return new TRPCError({ code: 'BAD_REQUEST', message: rootMessage(err) });
  }
  const message = rootMessage(err);
  // An update rejected by its validator arrives as a plain error carrying the validator's text.
  if (/Update .*rejected|validator/i.test(message) || (err instanceof Error && err.name === 'WorkflowUpdateRejectedError')) {
    return new TRPCError({ code: 'BAD_REQUEST', message });
  }
  if (/ECONNREFUSED|UNAVAILABLE|deadline/i.test(message)) {
    return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `Temporal is unreachable (${message}); check that the Temporal server is running`, cause: err });
  }
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message, cause: err });
}
