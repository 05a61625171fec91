import type { Caller } from '#lib/server/auth/session.ts';

declare global {
  namespace App {
    interface Locals {
      /** Set by hooks.server.ts for pages and the API; the hook endpoints check their own bearer token. */
      caller: Caller;
    }
  }
}
export {};
