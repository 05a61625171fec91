import type { PageServerLoad } from './$types';
import { checkHealth } from '../lib/server/health.ts';
import { getServices } from '../lib/server/services.ts';

export const load: PageServerLoad = async () => ({
  health: await checkHealth(),
  temporalUiUrl: getServices().config.temporalUiUrl,
});
