// tRPC is initialised once here. Only the procedure builders below are exported, and access
// control is middleware that narrows the context: a handler never sees an unauthenticated call.
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { TokenIdentity } from '$db/tokens.ts';
import { nudge } from '../live/change-feed.ts';
import { toTRPCError, withTRPCErrors } from './error-codes.ts';
import { apiRateLimiter } from '../limits/rate-limit.ts';
import type { Services } from '../services.ts';
import { targetsOf, teamScope } from './team-scope.ts';

export interface ApiContext {
  services: Services;
  identity: TokenIdentity | null;
  /** Why the token was refused, for a precise 401 message. */
  authProblem: string | null;
  /**
   * Whether the call counts against its token's rate (rate-limit.ts): calls over HTTP do. The
   * pages' own calls, made in-process for a signed-in person's page views (a dashboard reloads
   * its data on every change it hears of), do not; agents' tokens never open pages.
   */
  rateLimited: boolean;
}

const t = initTRPC.context<ApiContext>().create({
  // Live-update streams: a ping keeps idle connections open through proxies, and a browser
  // that heard nothing for a while reconnects on its own (after a server restart, say).
  sse: { ping: { enabled: true, intervalMs: 10_000 }, client: { reconnectAfterInactivityMs: 25_000 } },
  // Invalid input is reported as one readable line per problem, each naming its field.
  errorFormatter({ shape, error }) {
    if (!(error.cause instanceof ZodError)) return shape;
    const message = error.cause.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ');
    return { ...shape, message };
  },
});

/** The cause of a TOO_MANY_REQUESTS error: the HTTP handler turns it into a Retry-After header. */
export class RateLimited extends Error {
  readonly retryAfterS: number;
  constructor(retryAfterS: number) {
    super(`rate limited for ${retryAfterS} s`);
    this.name = 'RateLimited';
    this.retryAfterS = retryAfterS;
  }
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> => typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

/**
 * The modules throw the server's own errors (errors.ts); every procedure answers them with their
 * tRPC codes (error-codes.ts), whether a call throws one or a subscription's stream does later.
 */
const procedure = t.procedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok) return { ...result, error: toTRPCError(result.error) };
  return isAsyncIterable(result.data) ? { ...result, data: withTRPCErrors(result.data) } : result;
});

/**
 * A known token, and the teams it may reach: a call whose input names an agent (`agent`) or a
 * team (`team`) outside the token's scope is refused here, whatever the procedure; lists
 * narrow themselves to `ctx.scope.team`.
 */
export const authedProcedure = procedure.use(async ({ ctx, next, type, getRawInput }) => {
  if (!ctx.identity) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: ctx.authProblem ?? 'missing or unknown token' });
  }
  // Per token, every call over HTTP (a batch counts each of its calls; a subscription counts once, when opened).
  const verdict = ctx.rateLimited ? apiRateLimiter.take(ctx.identity.tokenId) : { allowed: true, retryAfterS: 0 };
  if (!verdict.allowed) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: apiRateLimiter.describe(verdict), cause: new RateLimited(verdict.retryAfterS) });
  const scope = teamScope(ctx.identity);
  if (scope.team !== null) {
    for (const target of targetsOf(await getRawInput())) scope.require(target, type === 'mutation' ? 'act on' : 'read');
  }
  const result = await next({ ctx: { ...ctx, identity: ctx.identity, scope } });
  // Whatever a mutation changed, open dashboards hear of it now rather than at the next look.
  if (type === 'mutation') nudge();
  return result;
});

export const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.identity.role !== 'admin') {
    const who = ctx.identity.role === 'agent' ? `an agent token (${ctx.identity.agentId ?? ctx.identity.name})` : `a ${ctx.identity.role} token`;
    throw new TRPCError({ code: 'FORBIDDEN', message: `${who} cannot do this; use an admin token` });
  }
  return next({ ctx });
});
