// Sign out: the cookie goes; the token itself stays valid (revoke it with `orc token revoke`).
import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { endSession } from '../../lib/server/session.ts';

export const POST: RequestHandler = ({ cookies }) => {
  endSession(cookies);
  redirect(303, '/signin');
};
