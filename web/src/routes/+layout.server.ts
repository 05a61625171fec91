import type { LayoutServerLoad } from './$types';
import { pageApi } from '#lib/server/api/page-caller.ts';
import { getServices } from '#lib/server/services.ts';

export const load: LayoutServerLoad = async ({ locals }) => {
  const identity = locals.caller.identity;
  if (!identity) return { me: null, pendingApprovals: 0, temporalUiUrl: null, temporalNamespace: null };
  const pending = await pageApi(locals.caller).approvals.list().catch(() => []);
  return {
    me: { name: identity.name, role: identity.role, canAct: identity.role === 'admin' },
    pendingApprovals: pending.length,
    temporalUiUrl: getServices().config.temporalUiUrl,
    // The UI's workflow links name the namespace, which is not always "default".
    temporalNamespace: getServices().config.namespace,
  };
};
