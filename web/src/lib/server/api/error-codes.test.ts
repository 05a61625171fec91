import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { Conflict, Forbidden, Invalid, NotFound, OverLimit, TimedOut, Unavailable, type DomainError } from '../errors.ts';
import type { Services } from '../services.ts';
import { codeOf, toTRPCError } from './error-codes.ts';
import { authedProcedure, createCallerFactory, router } from './trpc.ts';

const KINDS: Array<{ error: DomainError; code: string }> = [
  { error: new NotFound('no running agent a/b; see running agents with: orc status'), code: 'NOT_FOUND' },
  { error: new Conflict('agent a/b is already running; stop it first with: orc agent stop a/b'), code: 'CONFLICT' },
  { error: new Invalid('nothing safe to learn from "rm -rf x"'), code: 'BAD_REQUEST' },
  { error: new Forbidden('a viewer token can only read; approving needs an admin token'), code: 'FORBIDDEN' },
  { error: new TimedOut('the host did not report within 20 s'), code: 'TIMEOUT' },
  { error: new Unavailable('no worker answered for a/b within 2.5 s'), code: 'SERVICE_UNAVAILABLE' },
  { error: new OverLimit('this token already has 4 live screens open'), code: 'TOO_MANY_REQUESTS' },
];

const thrown = { error: null as unknown };

const testRouter = router({
  fails: authedProcedure.query(() => {
    throw thrown.error;
  }),
  stream: authedProcedure.subscription(async function* () {
    yield 'first';
    throw thrown.error;
  }),
});

const caller = createCallerFactory(testRouter)({
  services: {} as Services,
  identity: { tokenId: 'token-1', role: 'admin', name: 'admin', agentId: null },
  authProblem: null,
  rateLimited: false,
});

describe('the API codes of the server errors', () => {
  it.each(KINDS)('$error.name is answered $code', ({ error, code }) => {
    expect(codeOf(error)).toBe(code);
    const answered = toTRPCError(error);
    expect(answered).toBeInstanceOf(TRPCError);
    expect(answered).toMatchObject({ code, message: error.message, cause: error });
  });

  it('unwraps what tRPC wrapped, and leaves other errors as they are', () => {
    const notFound = new NotFound('no pending check-in c1; list them with: orc checkins');
    expect(toTRPCError(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: notFound }))).toMatchObject({ code: 'NOT_FOUND', message: notFound.message });
    const refused = new TRPCError({ code: 'UNAUTHORIZED', message: 'missing or unknown token' });
    expect(toTRPCError(refused)).toBe(refused);
    const plain = new Error('Temporal is unreachable');
    expect(toTRPCError(plain)).toBe(plain);
  });

  it.each(KINDS)('a procedure that throws $error.name answers $code, with its message', async ({ error, code }) => {
    thrown.error = error;
    const refusal = await caller.fails().catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(TRPCError);
    expect(refusal).toMatchObject({ code, message: error.message });
  });

  it('a subscription whose stream throws later answers with the code too', async () => {
    thrown.error = new OverLimit('this token already has 4 live screens open');
    const stream = (await caller.stream())[Symbol.asyncIterator]();
    expect((await stream.next()).value).toBe('first');
    const refusal = await stream.next().catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(TRPCError);
    expect(refusal).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: 'this token already has 4 live screens open' });
  });

  it('anything else stays an internal error with its own message', async () => {
    thrown.error = new Error('Temporal is unreachable (connect ECONNREFUSED); check that the Temporal server is running');
    expect(await caller.fails().catch((err: unknown) => err)).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', message: 'Temporal is unreachable (connect ECONNREFUSED); check that the Temporal server is running' });
  });
});
