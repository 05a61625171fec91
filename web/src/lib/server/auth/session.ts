// Who is calling, for pages and the API alike: a bearer token (CLI, hooks, scripts) or the
// browser's session cookie. The cookie holds a random session id, never the token: the server
// maps it to the token the person signed in with (db/sessions.ts), so a copied cookie dies
// with its session, and the token itself stays out of the browser. The cookie is httpOnly (no
// script can read it) and SameSite=Strict (no other site can make the browser send it).
import type { Cookies } from '@sveltejs/kit';
import type { TokenIdentity } from '$db/tokens.ts';
import { findToken } from '$db/tokens.ts';
import { createSession, deleteSession, findSession } from '$db/sessions.ts';
import type { Database } from '$db/client.ts';
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
    const identity = session.length > 200 ? null : await findSession(db, session);
    // An agent's token never opens the dashboard (sign-in refuses one; this is the second lock).
    if (identity && identity.role !== 'agent') return { identity, via: 'cookie', problem: null };
    return { identity: null, via: null, problem: 'the session has ended (it expired, you signed out, or its token was revoked); sign in again' };
  }
  return { identity: null, via: null, problem: 'no token: send Authorization: Bearer <token> (the CLI reads ORC_TOKEN or <data dir>/admin-token), or sign in' };
}

/** Starts a session for the token `identity` names and gives the browser its id. */
export async function startSession(db: Database, cookies: Cookies, identity: TokenIdentity, secure: boolean): Promise<void> {
  const session = await createSession(db, identity.tokenId, SESSION_MAX_AGE_S * 1000);
  cookies.set(SESSION_COOKIE, session.id, { path: '/', httpOnly: true, sameSite: 'strict', secure, maxAge: SESSION_MAX_AGE_S });
}

/** Ends the browser's session on the server as well: its id no longer works, wherever it was copied to. */
export async function endSession(db: Database, cookies: Cookies): Promise<void> {
  const session = cookies.get(SESSION_COOKIE);
  if (session && session.length <= 200) await deleteSession(db, session);
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
