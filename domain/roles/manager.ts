// Who an agent reports to is worked out from the team, not written in the spec: walk up the
// role's reporting line (engineer → project-manager → orchestrator) and take the first
// agent of the team that holds a role on it. A team without a project manager thus sends
// its engineers to the orchestrator, and one with neither has everyone answer to the human.
import { roleById } from './roles.ts';
import type { RoleId } from './role.ts';

export interface TeamMember {
  name: string;
  role: RoleId;
}

/** The name of the teammate `agent` reports to, or null when it answers to the human. */
export function managerOf(members: readonly TeamMember[], agent: string): string | null {
  const self = members.find((member) => member.name === agent);
  if (!self) throw new Error(`managerOf: no agent named ${JSON.stringify(agent)} in the team (agents: ${members.map((m) => m.name).join(', ')})`);
  let role = roleById(self.role).reportsTo;
  while (role !== null) {
    const wanted = role;
    const manager = members.find((member) => member.role === wanted && member.name !== agent);
    if (manager) return manager.name;
    role = roleById(wanted).reportsTo;
  }
  return null;
}
