// A person's controls of a running agent's CLI: interrupt, permission mode, compact, clear,
// model. Refused at once, with the reason, when the agent's kind has no such control or its
// state forbids it; otherwise its host presses the keys and reads the screen, and the answer
// is what the screen showed. A control the screen did not confirm is an error that says why.
import { kindRefusal } from '$domain/agent-control-plans.ts';
import { describeControl, stateRefusal, type ControlOutcome, type ControlRequest } from '$domain/agent-controls.ts';
import { withoutControlCharacters } from '$domain/control-characters.ts';
import type { AgentRef } from '$domain/names.ts';
import { controlUpdate } from '$workflows/agent-messages.ts';
import type { Services } from '../services.ts';
import { toApiError } from '../temporal/temporal-errors.ts';
import { Conflict, Invalid, Unavailable } from '../errors.ts';
import { requireAgent } from './agent-control.ts';
import { reachAgent } from './worker-answer.ts';

export async function controlAgent(services: Services, ref: AgentRef, request: ControlRequest): Promise<ControlOutcome> {
  const { handle, agentId, client, row } = await requireAgent(services, ref);
  // Keys need the host now: nothing is queued for later, when they could land on another screen.
  const reach = await reachAgent(client, row.workflowId, agentId, row.host);
  if (reach.status === null) throw new Unavailable(`${describeControl(request)} not sent to ${agentId}: ${reach.problem}`);
  const lacking = kindRefusal(reach.status.kind, request, agentId);
  if (lacking !== null) throw new Invalid(lacking);
  const refusal = stateRefusal(reach.status.state, request.control, agentId);
  if (refusal !== null) throw new Conflict(refusal);
  let outcome: ControlOutcome;
  try {
    outcome = await handle.executeUpdate(controlUpdate, { args: [request] });
  } catch (err) {
    throw toApiError(err, agentId);
  }
  // The screen is the agent's to draw: shown to people without its control characters.
  outcome = { ...outcome, screen: withoutControlCharacters(outcome.screen) };
  if (!outcome.done) {
    throw new Conflict(`${describeControl(request)} on ${agentId}: ${outcome.detail}${outcome.screen ? `\nits screen shows:\n${outcome.screen}` : ''}`);
  }
  return outcome;
}
