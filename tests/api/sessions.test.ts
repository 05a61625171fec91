// Dashboard sessions in the database: the browser's id maps to a token, only its hash is kept,
// and a session ends when it expires, when it is deleted (sign-out) or when its token is revoked.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../db/schema/sessions.ts';
import { createSession, deleteSession, findSession } from '../../db/sessions.ts';
import { issueToken, revokeToken } from '../../db/tokens.ts';
import { freshDatabase, type FreshDatabase } from '../../testing/fresh-database.ts';

let database: FreshDatabase;
const HOUR = 3_600_000;

beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe('sessions', () => {
  it('map a random id, stored only as its hash, to the token that signed in', async () => {
    const { db } = database;
    const token = await issueToken(db, { role: 'viewer', name: 'reader' });
    const session = await createSession(db, token.id, HOUR);
    expect(session.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.id).not.toContain(token.token);
    const stored = await db.select().from(sessions).where(eq(sessions.tokenId, token.id));
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(session.id);
    expect(await findSession(db, session.id)).toMatchObject({ tokenId: token.id, role: 'viewer', name: 'reader' });
    expect(await findSession(db, token.token)).toBeNull();
  });

  it('expire, and expired ones are cleared when the next session starts', async () => {
    const { db } = database;
    const token = await issueToken(db, { role: 'admin', name: 'expiring' });
    const session = await createSession(db, token.id, HOUR);
    expect(await findSession(db, session.id, new Date(Date.now() + HOUR - 1000))).not.toBeNull();
    expect(await findSession(db, session.id, new Date(Date.now() + HOUR + 1000))).toBeNull();
    await createSession(db, token.id, HOUR, new Date(Date.now() + 2 * HOUR));
    expect((await db.select().from(sessions).where(eq(sessions.tokenId, token.id))).length).toBe(1);
  });

  it('end when deleted (signing out) or when their token is revoked', async () => {
    const { db } = database;
    const token = await issueToken(db, { role: 'admin', name: 'leaving' });
    const first = await createSession(db, token.id, HOUR);
    const second = await createSession(db, token.id, HOUR);
    await deleteSession(db, first.id);
    expect(await findSession(db, first.id)).toBeNull();
    expect(await findSession(db, second.id)).not.toBeNull();
    await revokeToken(db, token.id);
    expect(await findSession(db, second.id)).toBeNull();
  });
});
