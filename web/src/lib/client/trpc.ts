// The API from the browser: the same typed tRPC router the CLI uses, authenticated by the
// session cookie. Queries and mutations are batched over HTTP; subscriptions are server-sent
// events, which the browser reconnects by itself.
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import type { AppRouter } from '../server/api/router.ts';

export const api = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url: '/api/trpc' }),
      false: httpBatchLink({ url: '/api/trpc' }),
    }),
  ],
});

/** The one-line message of an API error, for showing next to the control that caused it. */
export function problemOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
