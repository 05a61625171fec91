// The API as the pages' load functions call it: in-process, as the signed-in person, with
// exactly the checks the HTTP API applies (same router, same middleware), but outside the
// token's API rate: a page reloads its data on every change it hears of.
import { getServices } from '../services.ts';
import type { Caller } from '../auth/session.ts';
import { appRouter } from './router.ts';
import { createCallerFactory } from './trpc.ts';

const createCaller = createCallerFactory(appRouter);

export function pageApi(caller: Caller) {
  return createCaller({ services: getServices(), identity: caller.identity, authProblem: caller.problem, rateLimited: false });
}
