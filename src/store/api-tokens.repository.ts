import type { ApiTokensTable } from './schema.ts';
import type { Executor } from './transaction.ts';

export type TokenRevokeReason = 'revoked' | 'password_changed' | 'user_disabled';

export interface ApiTokenRow {
  id: string;
  userId: string;
  name: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function fromRow(r: ApiTokensTable): ApiTokenRow {
  return {
    id: r.id,
    userId: r.user_id,
    name: r.name,
    createdAt: r.created_at,
    // Migration 0006 filled every older row; an empty one would read as long expired.
    expiresAt: r.expires_at ?? r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  };
}

export async function insertApiToken(
  db: Executor,
  t: { id: string; userId: string; name: string; tokenHash: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      id: t.id,
      user_id: t.userId,
      name: t.name,
      token_hash: t.tokenHash,
      created_at: t.createdAt,
      expires_at: t.expiresAt,
      last_used_at: null,
      revoked_at: null,
      revoked_reason: null,
    })
    .execute();
}

/** The live token with this hash: not revoked and not expired at `now`. */
export async function findLiveApiToken(db: Executor, tokenHash: string, now: string): Promise<ApiTokenRow | null> {
  const r = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return r ? fromRow(r) : null;
}

export async function findApiTokenById(db: Executor, id: string): Promise<ApiTokenRow | null> {
  const r = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? fromRow(r) : null;
}

/** A user's tokens that were not revoked (expired ones included, so the list explains a 401). */
export async function listUserApiTokens(db: Executor, userId: string): Promise<ApiTokenRow[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(fromRow);
}

export async function revokeApiToken(db: Executor, id: string, at: string, reason: TokenRevokeReason): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at, revoked_reason: reason })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Revokes every live token of a user; returns how many. */
export async function revokeUserApiTokens(db: Executor, userId: string, at: string, reason: TokenRevokeReason): Promise<number> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at, revoked_reason: reason })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Marks the token used unless that was recorded within the last minute: the condition sits in
 * the UPDATE, so busy machine clients cause at most one write per token per minute.
 */
export async function touchApiToken(db: Executor, id: string, now: string, staleBefore: string): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', staleBefore)]))
    .execute();
}
