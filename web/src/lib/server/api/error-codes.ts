// The one place where the server's errors (errors.ts) become tRPC's: each kind has its code,
// and the message goes through as it is. trpc.ts applies this to every procedure, and to what
// a subscription's stream throws after it has started.
import { TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { Conflict, DomainError, Forbidden, Invalid, NotFound, OverLimit, TimedOut, Unavailable } from '../errors.ts';

const CODES: ReadonlyArray<readonly [abstract new (...args: never[]) => DomainError, TRPC_ERROR_CODE_KEY]> = [
  [NotFound, 'NOT_FOUND'],
  [Conflict, 'CONFLICT'],
  [Invalid, 'BAD_REQUEST'],
  [Forbidden, 'FORBIDDEN'],
  [TimedOut, 'TIMEOUT'],
  [Unavailable, 'SERVICE_UNAVAILABLE'],
  [OverLimit, 'TOO_MANY_REQUESTS'],
];

export function codeOf(err: DomainError): TRPC_ERROR_CODE_KEY {
  return CODES.find(([kind]) => err instanceof kind)?.[1] ?? 'INTERNAL_SERVER_ERROR';
}

/**
 * `err` as the API answers it: a DomainError, thrown as it is or wrapped by tRPC (which takes
 * whatever a procedure throws for an internal error), becomes a TRPCError with its kind's code
 * and its own message; anything else is left as it is.
 */
export function toTRPCError<E>(err: E): E | TRPCError {
  const domain = err instanceof DomainError ? err : err instanceof TRPCError && err.code === 'INTERNAL_SERVER_ERROR' && err.cause instanceof DomainError ? err.cause : null;
  return domain ? new TRPCError({ code: codeOf(domain), message: domain.message, cause: domain }) : err;
}

/** `source`, with what it throws answered as toTRPCError says; its end and return are passed on. */
export async function* withTRPCErrors<T, R>(source: AsyncIterable<T, R>): AsyncGenerator<T, R> {
  try {
    return yield* source;
  } catch (err) {
    throw toTRPCError(err);
  }
}
