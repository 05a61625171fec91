// Runs once when the server starts (init), and around every request (handle).
import { redirect } from '@sveltejs/kit';
import type { Handle } from '@sveltejs/kit/hooks';
import { startRecordsWorkerIfAsked } from '#lib/server/temporal/records-worker.ts';
import { getServices } from '#lib/server/services.ts';
import { identifyCaller, isCrossSiteWrite } from '#lib/server/auth/session.ts';

export const init = async (): Promise<void> => {
  await startRecordsWorkerIfAsked();
};

/** Paths that authenticate on their own (hooks, telemetry: the agent's bearer token) or need no one. */
const SELF_AUTHENTICATED = ['/hooks/', '/otlp/', '/healthz', '/_app/', '/favicon'];
/** Pages anyone may open: signing in. */
const PUBLIC_PAGES = ['/signin'];

export const handle: Handle = async ({ event, resolve }) => {
  const path = event.url.pathname;
  if (isCrossSiteWrite(event.request)) {
    return new Response('cross-site request refused: the dashboard acts only from its own pages', { status: 403 });
  }
  if (SELF_AUTHENTICATED.some((prefix) => path.startsWith(prefix))) {
    event.locals.caller = { identity: null, via: null, problem: 'not checked here' };
    return resolve(event);
  }
  const caller = await identifyCaller(getServices().db, event.request, event.cookies);
  event.locals.caller = caller;
  const isApi = path.startsWith('/api/');
  // An agent's token reaches the API (its own team's part of it) but never the dashboard's pages.
  if (!isApi && caller.identity?.role === 'agent') {
    return new Response(`agent ${caller.identity.agentId ?? caller.identity.name}'s token cannot open the dashboard; use the API (orc)`, { status: 403 });
  }
  if (!isApi && !caller.identity && !PUBLIC_PAGES.includes(path)) {
    const to = path === '/' ? '' : `?to=${encodeURIComponent(path + event.url.search)}`;
    redirect(303, `/signin${to}`);
  }
  return resolve(event);
};
