// Sign in with a token: the admin token (in <data dir>/admin-token) or one made with
// `orc token create --role viewer|admin`. The browser gets a session cookie holding a random
// session id (see session.ts), never the token.
import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { findToken } from '$db/tokens.ts';
import { getServices } from '#lib/server/services.ts';
import { startSession } from '#lib/server/auth/session.ts';
import { safeTarget } from './safe-target.ts';

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.caller.identity) redirect(303, safeTarget(url.searchParams.get('to')));
};

export const actions: Actions = {
  default: async ({ request, cookies, url }) => {
    const form = await request.formData();
    const token = String(form.get('token') ?? '').trim();
    if (!token) return fail(400, { problem: 'Paste a token: the admin token, or one from `orc token create`.' });
    const { db } = getServices();
    const identity = token.length > 200 ? null : await findToken(db, token);
    if (!identity) return fail(400, { problem: 'That token is not valid (unknown or revoked). Check for a missing character, or make a new one with `orc token create --role viewer`.' });
    if (identity.role === 'agent') return fail(400, { problem: 'That is an agent\'s token; it cannot open the dashboard. Use the admin token or `orc token create`.' });
    // The browser names the page's origin; the server alone cannot tell http from https here
    // (adapter-node assumes https), and a Secure cookie would be dropped over plain http.
    await startSession(db, cookies, identity, (request.headers.get('origin') ?? '').startsWith('https:'));
    redirect(303, safeTarget(url.searchParams.get('to')));
  },
};
