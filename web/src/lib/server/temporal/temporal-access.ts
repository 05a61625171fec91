// Reaching Temporal from the API: the client (an unreachable server becomes an API error that
// says so) and whether a workflow is running now.
import type { Client } from '@temporalio/client';
import { toApiError } from './temporal-errors.ts';
import type { Services } from '../services.ts';

export function temporalClient(services: Services, what: string): Promise<Client> {
  return services.temporal().catch((err: unknown) => {
    throw toApiError(err, what);
  });
}

export async function isWorkflowRunning(client: Client, workflowId: string): Promise<boolean> {
  try {
    return (await client.workflow.getHandle(workflowId).describe()).status.name === 'RUNNING';
  } catch {
    return false;
  }
}
