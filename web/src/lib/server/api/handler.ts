// Serves the API over HTTP with tRPC's fetch adapter, at /api/trpc.
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { bearerToken, identify } from '../auth.ts';
import { getServices } from '../services.ts';
import { appRouter } from './router.ts';

export function handleApiRequest(request: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    async createContext() {
      const services = getServices();
      const identity = await identify(services.db, request);
      const authProblem = identity
        ? null
        : bearerToken(request)
          ? 'the token is not valid (unknown or revoked); use the token in <data dir>/admin-token or set ORC_TOKEN'
          : 'no token: send Authorization: Bearer <token> (the CLI reads ORC_TOKEN or <data dir>/admin-token)';
      return { services, identity, authProblem };
    },
    onError({ error, path }) {
      // Only the unexpected is logged; a refused or invalid call is the caller's to read.
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`api ${path ?? '?'}:`, error.cause ?? error);
    },
  });
}
