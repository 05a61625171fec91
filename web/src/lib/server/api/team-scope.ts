// Which teams a token may read and act on. An agent's token is its team's only: it may not
// see another team's screens, messages, check-ins, requests or rules, nor send there. People's
// tokens (admin, viewer) see every team. trpc.ts applies this to every call that names a team
// or an agent; the lists narrow themselves with `team`.
import { TRPCError } from '@trpc/server';
import type { TokenIdentity } from '$db/tokens.ts';
import { InvalidNameError, formatAgentRef, parseAgentRef, type AgentRef } from '$domain/names.ts';

export interface TeamScope {
  /** The one team this token may see; null: every team. */
  team: string | null;
  /**
   * Refuses (FORBIDDEN) an agent or team outside the scope; `verb` says what the call does,
   * so the refusal reads "may read" for a look and "may act on" for a change.
   */
  require(target: AgentRef | { team: string }, verb?: 'read' | 'act on'): void;
}

const EVERY_TEAM: TeamScope = { team: null, require: () => undefined };

export function teamScope(identity: TokenIdentity): TeamScope {
  if (identity.role !== 'agent') return EVERY_TEAM;
  let self: AgentRef;
  try {
    self = parseAgentRef(identity.agentId ?? '');
  } catch (err) {
    if (!(err instanceof InvalidNameError)) throw err;
    // Agents' tokens are made with their agent's id; one without cannot be scoped, so it sees nothing.
    throw new TRPCError({ code: 'FORBIDDEN', message: `this agent token (${identity.name}) names no agent; restart the agent for a new one` });
  }
  const agentId = formatAgentRef(self);
  return {
    team: self.team,
    require(target, verb = 'read') {
      if (target.team === self.team) return;
      const allowed = `agent ${agentId} may ${verb} only team ${self.team}`;
      const message = 'agent' in target ? `${allowed}; ${formatAgentRef(target)} is in team ${target.team}` : `${allowed}, not team ${target.team}`;
      throw new TRPCError({ code: 'FORBIDDEN', message });
    },
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The teams a call's input names: its `agent` (`team/agent`) and `team` fields, whatever the
 * procedure. What does not parse is left to the procedure's own schema to refuse.
 */
export function targetsOf(input: unknown): Array<AgentRef | { team: string }> {
  if (!isRecord(input)) return [];
  const targets: Array<AgentRef | { team: string }> = [];
  if (typeof input.agent === 'string') {
    try {
      targets.push(parseAgentRef(input.agent));
    } catch {
      // not an agent id: the input schema says so
    }
  }
  if (typeof input.team === 'string') targets.push({ team: input.team });
  return targets;
}
