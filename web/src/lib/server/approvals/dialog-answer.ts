// A person's answer to a request whose hook already gave up (the agent's own dialog is
// showing): the agent's workflow is told to press the key in that dialog, on the agent's host,
// and orc waits a bounded time for what it did. The host presses nothing unless the live
// dialog shows this very request, so a late answer can never land on another dialog.
import { WorkflowNotFoundError } from '@temporalio/client';
import { agentWorkflowId, parseAgentRef } from '$domain/names.ts';
import { answerDialogSignal, awaitDialogAnswerUpdate, dialogAnswerQuery } from '$workflows/agent-messages.ts';
import type { DialogAnswer } from '$workflows/agent-types.ts';
import type { Services } from '../services.ts';
import type { RequestRow } from './request-store.ts';
import { Conflict, TimedOut, Unavailable } from '../errors.ts';
import { hostPresence } from '../hosts/host-presence.ts';
import { findAgent } from '../agents/agent-registry.ts';

/** The host's key press and its check that the dialog closed take a few seconds at most. */
const ANSWER_WAIT_MS = 20_000;
/** Beyond the workflow's own wait: the call gives up even if no worker picks the update up. */
const CALL_SLACK_MS = 5_000;

/** What the dialog shows of a request: its command, file or URL. */
export function dialogSubject(row: Pick<RequestRow, 'toolName' | 'toolInput' | 'commandText'>): string {
  const input = row.toolInput;
  const subject = input['command'] ?? input['file_path'] ?? input['notebook_path'] ?? input['url'];
  return typeof subject === 'string' ? subject : (row.commandText ?? row.toolName);
}

export async function answerAgentDialog(services: Services, row: RequestRow, allow: boolean): Promise<DialogAnswer> {
  const client = await services.temporal();
  const handle = client.workflow.getHandle(agentWorkflowId(parseAgentRef(row.agentId)));
  // Only the agent's host can press the key: with its worker gone, say so at once, before the
  // answer is sent, rather than leave a key press pending for a dialog that may be long gone.
  const agent = await findAgent(services.db, parseAgentRef(row.agentId));
  const presence = agent ? await hostPresence(client, agent.host) : null;
  if (presence?.state === 'unreachable') {
    throw new Unavailable(`request ${row.id} timed out and its dialog can be answered only on ${row.agentId}'s host, which is away: ${presence.problem}; or answer it in the agent's window (tmux)`);
  }
  try {
    await handle.signal(answerDialogSignal, { requestId: row.id, decision: allow ? 'allow' : 'deny', subject: dialogSubject(row) });
  } catch (err) {
    throw new Conflict(`request ${row.id} timed out and ${row.agentId} cannot be reached to answer its dialog (${(err as Error).message}); answer it in the agent's window (tmux)`);
  }
  // The workflow waits for the outcome itself (awaitDialogAnswerUpdate) and fails after the wait.
  try {
    return await client.withDeadline(Date.now() + ANSWER_WAIT_MS + CALL_SLACK_MS, () =>
      handle.executeUpdate(awaitDialogAnswerUpdate, { args: [{ requestId: row.id, timeoutMs: ANSWER_WAIT_MS }] }),
    );
  } catch (err) {
    // The agent stopped since the signal: its workflow has ended, and what it did is still there to read.
    const answer = err instanceof WorkflowNotFoundError ? await handle.query(dialogAnswerQuery, { requestId: row.id }).catch(() => null) : null;
    if (answer) return answer;
    throw new TimedOut(`asked ${row.agentId}'s host to answer its dialog for request ${row.id}, but it did not report within ${ANSWER_WAIT_MS / 1000} s; look with: orc capture ${row.agentId}`, { cause: err });
  }
}
