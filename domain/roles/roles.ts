// The role library: every role by id. A Record keyed by RoleId, so adding an id to ROLE_IDS
// without writing its role does not compile.
import { devops } from './devops.ts';
import { docs } from './docs.ts';
import { engineer } from './engineer.ts';
import { orchestrator } from './orchestrator.ts';
import { projectManager } from './project-manager.ts';
import { qa } from './qa.ts';
import { researcher } from './researcher.ts';
import { reviewer } from './reviewer.ts';
import { ROLE_IDS, type RoleDefinition, type RoleId } from './role.ts';

export { ROLE_IDS, type RoleDefinition, type RoleId } from './role.ts';

const BY_ID: Record<RoleId, RoleDefinition> = {
  orchestrator,
  'project-manager': projectManager,
  engineer,
  qa,
  devops,
  reviewer,
  researcher,
  docs,
};

/** Every role, in ROLE_IDS order (top of the reporting line first). */
export const ROLES: readonly RoleDefinition[] = ROLE_IDS.map((id) => BY_ID[id]);

export const isRoleId = (value: string): value is RoleId => (ROLE_IDS as readonly string[]).includes(value);

export const roleById = (id: RoleId): RoleDefinition => BY_ID[id];
