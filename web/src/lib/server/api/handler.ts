// Serves the API over HTTP with tRPC's fetch adapter, at /api/trpc. Who is calling was
// worked out once per request by hooks.server.ts (bearer token or session cookie).
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { Caller } from '../auth/session.ts';
import { getServices } from '../services.ts';
import { appRouter } from './router.ts';
import { RateLimited } from './trpc.ts';

export function handleApiRequest(request: Request, caller: Caller): Promise<Response> {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    createContext: () => ({ services: getServices(), identity: caller.identity, authProblem: caller.problem, rateLimited: true }),
    responseMeta({ errors }) {
      const limited = errors.map((error) => error.cause).find((cause) => cause instanceof RateLimited);
      return limited ? { headers: new Headers({ 'retry-after': String(limited.retryAfterS) }) } : {};
    },
    onError({ error, path }) {
      // Only the unexpected is logged; a refused or invalid call is the caller's to read.
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`api ${path ?? '?'}:`, error.cause ?? error);
    },
  });
}
