// Issuing and checking bearer tokens. A token is shown once, in clear, to whoever made it;
// the database keeps only its hash.
import { and, desc, eq, isNull, ne } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from './client.ts';
import { apiTokens, type TokenRole } from './schema/api-tokens.ts';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const TOKEN_PREFIX: Record<TokenRole, string> = { admin: 'orc_adm_', viewer: 'orc_view_', agent: 'orc_agt_' };

export interface IssuedToken {
  id: string;
  token: string;
}

export async function issueToken(
  db: Pick<Database, 'insert'>,
  { role, name, agentId = null }: { role: TokenRole; name: string; agentId?: string | null },
): Promise<IssuedToken> {
  const token = `${TOKEN_PREFIX[role]}${randomBytes(24).toString('base64url')}`;
  const [row] = await db
    .insert(apiTokens)
    .values({ role, name, agentId, tokenHash: hashToken(token) })
    .returning({ id: apiTokens.id });
  if (!row) throw new Error('token insert returned no row');
  return { id: row.id, token };
}

export interface TokenIdentity {
  tokenId: string;
  role: TokenRole;
  name: string;
  agentId: string | null;
}

export async function findToken(db: Database, token: string): Promise<TokenIdentity | null> {
  const [row] = await db
    .select({ tokenId: apiTokens.id, role: apiTokens.role, name: apiTokens.name, agentId: apiTokens.agentId })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  return row ?? null;
}

export async function revokeAgentTokens(db: Pick<Database, 'update'>, agentId: string): Promise<void> {
  await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.agentId, agentId), isNull(apiTokens.revokedAt)));
}

/** Tokens people hold (not agents'), newest first; never the token itself. */
export async function listPersonTokens(db: Database) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role, createdAt: apiTokens.createdAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(ne(apiTokens.role, 'agent'))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeToken(db: Pick<Database, 'update'>, id: string): Promise<{ id: string; name: string } | null> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt), ne(apiTokens.role, 'agent')))
    .returning({ id: apiTokens.id, name: apiTokens.name });
  return row ?? null;
}
