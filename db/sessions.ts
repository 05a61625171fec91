// Dashboard sessions: a random id for the browser's cookie, mapped here to the token the
// person signed in with. The id is shown once, to the browser; the database keeps its hash.
import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Database } from './client.ts';
import { apiTokens } from './schema/api-tokens.ts';
import { sessions } from './schema/sessions.ts';
import { hashToken, type TokenIdentity } from './tokens.ts';

export interface NewSession {
  id: string;
  expiresAt: Date;
}

/** Starts a session for a token; expired sessions are cleared on the way, so they never pile up. */
export async function createSession(db: Pick<Database, 'insert' | 'delete'>, tokenId: string, lifetimeMs: number, now = new Date()): Promise<NewSession> {
  await db.delete(sessions).where(lte(sessions.expiresAt, now));
  const id = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  await db.insert(sessions).values({ idHash: hashToken(id), tokenId, expiresAt });
  return { id, expiresAt };
}

/** Who a live session belongs to: null when it is unknown, expired, or its token was revoked. */
export async function findSession(db: Database, id: string, now = new Date()): Promise<TokenIdentity | null> {
  const [row] = await db
    .select({ tokenId: apiTokens.id, role: apiTokens.role, name: apiTokens.name, agentId: apiTokens.agentId })
    .from(sessions)
    .innerJoin(apiTokens, eq(sessions.tokenId, apiTokens.id))
    .where(and(eq(sessions.idHash, hashToken(id)), gt(sessions.expiresAt, now), isNull(apiTokens.revokedAt)))
    .limit(1);
  return row ?? null;
}

export async function deleteSession(db: Pick<Database, 'delete'>, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, hashToken(id)));
}
