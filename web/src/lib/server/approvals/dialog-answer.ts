// A person's answer to a request whose hook already gave up (the agent's own dialog is
// showing): the agent's workflow is told to press the key in that dialog, on the agent's host,
// and orc waits a bounded time for what it did. The host presses nothing unless the live
// dialog shows this very request, so a late answer can never land on another dialog.
import { TRPCError } from '@trpc/server';
import { agentWorkflowId, parseAgentRef } from '$domain/names.ts';
import { answerDialogSignal, dialogAnswerQuery } from '$workflows/agent-messages.ts';
import type { DialogAnswer } from '$workflows/agent-types.ts';
import type { Services } from '../services.ts';
import type { RequestRow } from './request-store.ts';

const POLL_MS = 200;
/** The host's key press and its check that the dialog closed take a few seconds at most. */
const ANSWER_WAIT_MS = 20_000;

/** What the dialog shows of a request: its command, file or URL. */
export function dialogSubject(row: Pick<RequestRow, 'toolName' | 'toolInput' | 'commandText'>): string {
  const input = row.toolInput;
  const subject = input['command'] ?? input['file_path'] ?? input['notebook_path'] ?? input['url'];
  return typeof subject === 'string' ? subject : (row.commandText ?? row.toolName);
}

export async function answerAgentDialog(services: Services, row: RequestRow, allow: boolean): Promise<DialogAnswer> {
  const client = await services.temporal();
  const handle = client.workflow.getHandle(agentWorkflowId(parseAgentRef(row.agentId)));
  try {
    await handle.signal(answerDialogSignal, { requestId: row.id, decision: allow ? 'allow' : 'deny', subject: dialogSubject(row) });
  } catch (err) {
    throw new TRPCError({ code: 'CONFLICT', message: `request ${row.id} timed out and ${row.agentId} cannot be reached to answer its dialog (${(err as Error).message}); answer it in the agent's window (tmux)` });
  }
  const deadline = Date.now() + ANSWER_WAIT_MS;
  while (Date.now() < deadline) {
    const answer = await handle.query(dialogAnswerQuery, { requestId: row.id }).catch(() => null);
    if (answer) return answer;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new TRPCError({ code: 'TIMEOUT', message: `asked ${row.agentId}'s host to answer its dialog for request ${row.id}, but it did not report within ${ANSWER_WAIT_MS / 1000} s; look with: orc capture ${row.agentId}` });
}
