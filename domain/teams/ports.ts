// Ports per agent, so the dev servers of agents working side by side do not collide: a team spec's
// `ports: { from, perAgent }` gives its agents consecutive ranges in the order the spec lists them.

export interface PortsSetting {
  /** The first port of the team's first agent. */
  from: number;
  /** How many ports each agent gets. */
  perAgent: number;
}

export const MAX_PORT = 65_535;

/** The range of the agent at `index` in its team's spec, as the variables its process gets. */
export function agentPortEnv(ports: PortsSetting | null | undefined, index: number): Record<string, string> {
  if (!ports || index < 0) return {};
  const first = ports.from + index * ports.perAgent;
  const last = first + ports.perAgent - 1;
  if (last > MAX_PORT) return {};
  return { PORT: String(first), ORC_PORT_FIRST: String(first), ORC_PORT_LAST: String(last) };
}
