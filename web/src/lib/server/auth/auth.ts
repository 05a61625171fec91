// Who is calling: every API and hook request carries `Authorization: Bearer <token>`.
import { findToken, type TokenIdentity } from '$db/tokens.ts';
import type { Database } from '$db/client.ts';

export function bearerToken(request: Request): string | null {
  const header = request.headers.get('authorization');
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}

export async function identify(db: Database, request: Request): Promise<TokenIdentity | null> {
  const token = bearerToken(request);
  if (!token || token.length > 200) return null;
  return findToken(db, token);
}
