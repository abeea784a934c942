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

/** Ends every session of a user, except the one given (the caller's own, after a password change). */
export async function deleteOtherSessions(db: Executor, userId: string, keepIdHash: string | null): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepIdHash) q = q.where('id_hash', '!=', keepIdHash);
  await q.execute();
}

export async function recordLoginAttempt(
  db: Executor,
  a: { id: string; usernameHmac: string; ip: string; at: string; success: boolean },
): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values({ id: a.id, username_hmac: a.usernameHmac, ip: a.ip, at: a.at, success: a.success ? 1 : 0 })
    .execute();
}
