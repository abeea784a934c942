import type { Executor } from './transaction.ts';

export interface SessionRow {
  idHash: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export async function insertSession(db: Executor, s: SessionRow): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id_hash: s.idHash, user_id: s.userId, csrf_token: s.csrfToken, created_at: s.createdAt, expires_at: s.expiresAt })
    .execute();
}

export async function findSession(db: Executor, idHash: string, now: string): Promise<SessionRow | null> {
  const r = await db
    .selectFrom('sessions')
    .selectAll()
    .where('id_hash', '=', idHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return r ? { idHash: r.id_hash, userId: r.user_id, csrfToken: r.csrf_token, createdAt: r.created_at, expiresAt: r.expires_at } : null;
}

export async function deleteSession(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteUserSessions(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function insertApiToken(
  db: Executor,
  t: { id: string; userId: string; name: string; tokenHash: string; createdAt: string },
): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({ id: t.id, user_id: t.userId, name: t.name, token_hash: t.tokenHash, created_at: t.createdAt, last_used_at: null, revoked_at: null })
    .execute();
}

export async function findApiToken(db: Executor, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'user_id'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function recordLoginAttempt(
  db: Executor,
  a: { id: string; username: string; ip: string; at: string; success: boolean },
): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values({ id: a.id, username: a.username, ip: a.ip, at: a.at, success: a.success ? 1 : 0 })
    .execute();
}

/** Failed attempts since `since` for this username and for this address. */
export async function countRecentFailures(db: Executor, username: string, ip: string, since: string) {
  const count = async (column: 'username' | 'ip', value: string) => {
    const r = await db
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.countAll().as('n'))
      .where(column, '=', value)
      .where('success', '=', 0)
      .where('at', '>', since)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  };
  return { byUsername: await count('username', username), byIp: await count('ip', ip) };
}
