// A person's late answer to a permission request whose hook had given up: the host presses the
// matching key in the agent's own dialog, if that dialog is live and shows this request. The
// outcomes are kept for the server to read (a query) or to wait for (an update).
import { ApplicationFailure, condition } from '@temporalio/workflow';
import { DIALOG_ANSWERS_KEPT } from './agent-limits.ts';
import type { AgentRun } from './agent-run.ts';
import type { AnswerDialogInput, AwaitDialogAnswerInput, DialogAnswer } from './agent-types.ts';
import { rootMessage } from './failure-message.ts';

export class DialogAnswers {
  private readonly answers: DialogAnswer[] = [];
  // One dialog answer at a time: two answers read the same dialog, so the second must look
  // only after the first has pressed its key (it then finds the dialog gone).
  private turn: Promise<unknown> = Promise.resolve();
  private readonly agent: AgentRun;

  constructor(agent: AgentRun) {
    this.agent = agent;
  }

  /**
   * The answerDialog signal. Async, so allHandlersFinished (before continue-as-new and the end)
   * waits for the key press.
   */
  async answer(input: AnswerDialogInput): Promise<void> {
    const turn = this.turn.then(() => this.answerNow(input));
    this.turn = turn;
    await turn;
  }

  /** The last outcome for the request, or null while it is still being answered (or unknown). */
  find(requestId: string): DialogAnswer | null {
    return this.answers.findLast((a) => a.requestId === requestId) ?? null;
  }

  /** The awaitDialogAnswer update: the outcome once there is one, or a failure after `timeoutMs`. */
  async awaitAnswer({ requestId, timeoutMs }: AwaitDialogAnswerInput): Promise<DialogAnswer> {
    await condition(() => this.find(requestId) !== null, timeoutMs);
    const answer = this.find(requestId);
    if (!answer) throw ApplicationFailure.nonRetryable(`the dialog answer for request ${requestId} was not done within ${timeoutMs / 1000} s`, 'DialogAnswerTimeout');
    return answer;
  }

  private async answerNow({ requestId, decision, subject }: AnswerDialogInput): Promise<void> {
    const { agent } = this;
    let answer: DialogAnswer;
    if (agent.paneId === null || agent.isClosed() || agent.exitedPane !== null) {
      answer = { requestId, pressed: null, detail: `agent ${agent.agentId} is ${agent.state} and shows no dialog; nothing was pressed` };
    } else {
      try {
        answer = await agent.host.answerDialog({ paneId: agent.paneId, requestId, decision, subject });
      } catch (err) {
        answer = { requestId, pressed: null, detail: `could not answer the agent's dialog: ${rootMessage(err)}` };
      }
    }
    this.answers.push(answer);
    if (this.answers.length > DIALOG_ANSWERS_KEPT) this.answers.shift();
  }
}
