// What went wrong, in the server's own words: the modules under lib/server throw these, and
// the API turns each into its tRPC code in one place (api/error-codes.ts). A message is read by
// a person as it is (the CLI prints it, the dashboard shows it): it says what happened and what
// to do. Anything else thrown is unexpected, answered as an internal error and logged.

/** The kinds of failure the API tells apart. */
export abstract class DomainError extends Error {}

/** What the call names does not exist, or is not running. */
export class NotFound extends DomainError {
  override name = 'NotFound';
}

/** The call collides with the state of things: already running, already answered. */
export class Conflict extends DomainError {
  override name = 'Conflict';
}

/** The input is well-formed but cannot be acted on as given. */
export class Invalid extends DomainError {
  override name = 'Invalid';
}

/** The caller may not do this. */
export class Forbidden extends DomainError {
  override name = 'Forbidden';
}

/** A bounded wait ran out before the answer came. */
export class TimedOut extends DomainError {
  override name = 'TimedOut';
}

/** Something the call needs is not there to answer now (a worker, say). */
export class Unavailable extends DomainError {
  override name = 'Unavailable';
}

/** The caller already holds as much of something as it may. */
export class OverLimit extends DomainError {
  override name = 'OverLimit';
}
