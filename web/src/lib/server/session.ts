// Who is calling, for pages and the API alike: a bearer token (CLI, hooks, scripts) or the
// browser's session cookie, which holds the token the person signed in with. The cookie is
// httpOnly (no script can read it) and SameSite=Strict (no other site can make the browser
// send it), and the token in it can be revoked like any other.
import type { Cookies } from '@sveltejs/kit';
import type { TokenIdentity } from '../../../../db/tokens.ts';
import { findToken } from '../../../../db/tokens.ts';
import type { Database } from '../../../../db/client.ts';
import { bearerToken } from './auth.ts';

export const SESSION_COOKIE = 'orc_session';
/** A dashboard session lasts a working week; signing in again is one paste. */
const SESSION_MAX_AGE_S = 7 * 24 * 3600;

export interface Caller {
  identity: TokenIdentity | null;
  /** How the caller proved who it is; a cookie-authenticated write must come from our own pages. */
  via: 'bearer' | 'cookie' | null;
  /** Why no identity, for a precise 401. */
  problem: string | null;
}

export async function identifyCaller(db: Database, request: Request, cookies: Cookies): Promise<Caller> {
  const bearer = bearerToken(request);
  if (bearer) {
    const identity = bearer.length > 200 ? null : await findToken(db, bearer);
    return {
      identity,
      via: identity ? 'bearer' : null,
      problem: identity ? null : 'the token is not valid (unknown or revoked); use the token in <data dir>/admin-token or set ORC_TOKEN',
    };
  }
  const session = cookies.get(SESSION_COOKIE);
  if (session) {
    const identity = session.length > 200 ? null : await findToken(db, session);
    // An agent's token never opens the dashboard, even if someone pastes one.
    if (identity && identity.role !== 'agent') return { identity, via: 'cookie', problem: null };
    return { identity: null, via: null, problem: 'the session has ended (its token was revoked); sign in again' };
  }
  return { identity: null, via: null, problem: 'no token: send Authorization: Bearer <token> (the CLI reads ORC_TOKEN or <data dir>/admin-token), or sign in' };
}

export function startSession(cookies: Cookies, token: string, secure: boolean): void {
  cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure, maxAge: SESSION_MAX_AGE_S });
}

export function endSession(cookies: Cookies): void {
  cookies.delete(SESSION_COOKIE, { path: '/' });
}

/**
 * A write sent by a page of another site. Browsers name the page's origin on every write; the
 * CLI and agents' hooks send none. SameSite=Strict already keeps the session cookie off other
 * sites' requests; this also stops them signing a browser in with their own token.
 */
export function isCrossSiteWrite(request: Request): boolean {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return false;
  const origin = request.headers.get('origin');
  if (origin === null) return false;
  const host = request.headers.get('host');
  try {
    return origin === 'null' || new URL(origin).host !== host;
  } catch {
    return true;
  }
}
