// When the agent's process exits (or its pane is closed) without being asked to stop: relaunch
// it in a new pane, resuming its session, with a growing backoff; after too many deaths in a
// row, give up, fail the agent and tell its manager.
import { getExternalWorkflowHandle, patched, sleep, workflowInfo } from '@temporalio/workflow';
import { agentWorkflowIdOf } from '../domain/names.ts';
import { MAX_RESTARTS, STABLE_RUN_MS } from './agent-limits.ts';
import { enqueueMessageSignal } from './agent-messages.ts';
import type { AgentRun } from './agent-run.ts';
import type { AgentEvent } from './agent-types.ts';
import { rootMessage } from './failure-message.ts';

export class Recovery {
  /** Relaunches after the agent's process died, in the current run of failures. */
  restarts: number;
  private launchedAt = Date.now();
  private readonly agent: AgentRun;

  constructor(agent: AgentRun, restarts: number) {
    this.agent = agent;
    this.restarts = restarts;
  }

  noteExit(event: Extract<AgentEvent, { kind: 'exited' }>): void {
    const { agent } = this;
    // Only the pane this run launched counts; a report about an older one is stale.
    if (event.paneId === agent.paneId && !agent.stopRequested && !agent.isClosed()) {
      agent.exitedPane = { paneId: event.paneId, exitStatus: event.exitStatus };
      agent.state = 'exited';
    }
  }

  private notifyFailed(): void {
    const { agent } = this;
    const { runId } = workflowInfo();
    agent.records.notify({
      id: `failed-${runId}-${this.restarts}`,
      kind: 'failed',
      at: new Date().toISOString(),
      team: agent.spec.team,
      agent: agent.agentId,
      summary: `${agent.agentId} failed: ${agent.lastError ?? 'given up'}`,
      reason: 'failed',
    });
  }

  /** Relaunches a dead agent with backoff; false when it has failed too often and is given up. */
  async recover(): Promise<boolean> {
    const { agent } = this;
    const exit = agent.exitedPane;
    if (!exit) return true;
    if (Date.now() - this.launchedAt >= STABLE_RUN_MS) this.restarts = 0;
    const how = exit.exitStatus === null ? 'its pane was closed' : `its process exited with status ${exit.exitStatus}`;
    if (this.restarts >= MAX_RESTARTS) {
      agent.state = 'failed';
      agent.lastError = `${how}; given up after ${this.restarts} relaunches`;
      if (agent.spec.manager) {
        const text = `orc: your teammate ${agent.agentId} has stopped working (${agent.lastError}). Its work so far is in ${agent.spec.workspaceDir ?? agent.spec.projectDir}. Decide what to do, or tell the human.`;
        await getExternalWorkflowHandle(agentWorkflowIdOf(agent.spec.manager)).signal(enqueueMessageSignal, { text, from: 'orc' }).catch(() => undefined);
      }
      // Only the workflow knows the moment it gives up, so it tells the webhooks itself (a worker
      // with the database fans the event out), beside its end like the records; histories from
      // before this take the old path.
      if (patched('notify-failed')) this.notifyFailed();
      return false;
    }
    this.restarts++;
    agent.lastError = `${how}; relaunch ${this.restarts} of ${MAX_RESTARTS}`;
    await sleep(Math.min(2 ** this.restarts * 1000, 60_000));
    if (agent.stopRequested) return true;
    try {
      const relaunched = await agent.host.launchAgent({ spec: agent.spec, resume: true });
      agent.records.recordPaneHistory(`before relaunch ${this.restarts} (${how})`, relaunched.previousHistory);
      agent.paneId = relaunched.paneId;
      agent.exitedPane = null;
      this.launchedAt = Date.now();
      agent.state = 'idle';
      if (relaunched.blocked) agent.block(relaunched.blocked);
    } catch (err) {
      // The relaunch itself failed: count it as another death of the same pane.
      agent.lastError = `relaunch failed: ${rootMessage(err)}`;
    }
    return true;
  }
}
