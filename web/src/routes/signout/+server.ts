// Sign out: the session ends on the server and its cookie goes; the token itself stays valid
// (revoke it with `orc token revoke`).
import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getServices } from '#lib/server/services.ts';
import { endSession } from '#lib/server/auth/session.ts';

export const POST: RequestHandler = async ({ cookies }) => {
  await endSession(getServices().db, cookies);
  redirect(303, '/signin');
};
