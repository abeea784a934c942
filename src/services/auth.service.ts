import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Subject } from '../domain/policy/roles.ts';
import { AppError } from '../errors.ts';
import { findLiveApiToken, touchApiToken } from '../store/api-tokens.repository.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { pruneThrottle, refundThrottle, resetThrottle } from '../store/login-throttle.repository.ts';
import { deleteSession, findSession, insertSession, recordLoginAttempt } from '../store/sessions.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import { findUserById, findUserByUsername, type UserRow } from '../store/users.repository.ts';
import type { AppContext } from './context.ts';
import {
  MAX_FAILURES_PER_ADDRESS,
  failedAttempt,
  MAX_FAILURES_PER_USERNAME,
  reserveAttempt,
  THROTTLE_WINDOW_MS,
  throttleKeys,
} from './login-throttle.service.ts';
import { DUMMY_HASH, verifyPassword } from './passwords.ts';

export { MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_USERNAME } from './login-throttle.service.ts';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** last_used_at is written at most this often per token, so reads do not write constantly. */
export const TOKEN_TOUCH_INTERVAL_MS = 60 * 1000;

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
export const randomToken = () => randomBytes(32).toString('base64url');

export interface Authenticated {
  user: UserRow;
  subject: Subject;
  /** Present for cookie sessions; API-token callers need no CSRF token. */
  session: { idHash: string; csrfToken: string } | null;
  /** Present for API-token callers. */
  tokenId: string | null;
}

export function subjectOf(user: UserRow): Subject {
  return { userId: user.id, roles: user.roles, stateCode: user.stateCode, agencyId: user.agencyId, unitId: user.unitId };
}

/**
 * Checks a password under the login limits: the client address pays first (an attacker's
 * own address), then the username, so a refused address never costs the real user a try.
 */
export async function login(ctx: AppContext, username: string, password: string, ip: string) {
  const now = new Date();
  const keys = await throttleKeys(ctx, username, ip);
  await reserveAttempt(ctx, keys.address, MAX_FAILURES_PER_ADDRESS, now.getTime());
  await reserveAttempt(ctx, keys.username, MAX_FAILURES_PER_USERNAME, now.getTime());
  const user = await findUserByUsername(ctx.db.kysely, username);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  const success = Boolean(user && ok && !user.disabled);
  const sessionToken = randomToken();
  const csrfToken = randomToken();
  const at = new Date().toISOString();
  await inWriteTransaction(ctx.db, async (trx) => {
    await recordLoginAttempt(trx, { id: randomUUID(), usernameHmac: keys.usernameHmac, ip, at, success });
    await appendAudit(trx, {
      actor: user?.id ?? 'anonymous',
      action: success ? 'auth.login' : 'auth.login_failed',
      entityType: 'user',
      entityId: user?.id ?? null,
      // The attempted name is personal data: only its keyed hash, to correlate attempts.
      detail: user ? {} : { usernameHmac: keys.usernameHmac },
    }, now);
    if (success && user) {
      await resetThrottle(trx, keys.username, at);
      await refundThrottle(trx, keys.address, at);
      await pruneThrottle(trx, new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString());
      await insertSession(trx, {
        idHash: sha256(sessionToken),
        userId: user.id,
        csrfToken,
        createdAt: at,
        expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
      });
    }
  });
  if (!success || !user) {
    const failedAt = Date.now();
    await failedAttempt(ctx, keys.address, MAX_FAILURES_PER_ADDRESS, failedAt);
    await failedAttempt(ctx, keys.username, MAX_FAILURES_PER_USERNAME, failedAt);
    throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password');
  }
  return { user, sessionToken, csrfToken };
}

export async function authenticateSession(ctx: AppContext, sessionToken: string): Promise<Authenticated | null> {
  const idHash = sha256(sessionToken);
  const session = await findSession(ctx.db.kysely, idHash, new Date().toISOString());
  if (!session) return null;
  const user = await findUserById(ctx.db.kysely, session.userId);
  if (!user || user.disabled) return null;
  return { user, subject: subjectOf(user), session: { idHash, csrfToken: session.csrfToken }, tokenId: null };
}

/** A live (unrevoked, unexpired) token of an enabled user, or null. */
export async function authenticateApiToken(ctx: AppContext, apiToken: string): Promise<Authenticated | null> {
  const now = Date.now();
  const row = await findLiveApiToken(ctx.db.kysely, sha256(apiToken), new Date(now).toISOString());
  if (!row) return null;
  const user = await findUserById(ctx.db.kysely, row.userId);
  if (!user || user.disabled) return null;
  const stale = new Date(now - TOKEN_TOUCH_INTERVAL_MS).toISOString();
  if (!row.lastUsedAt || row.lastUsedAt < stale) await touchApiToken(ctx.db.kysely, row.id, new Date(now).toISOString(), stale);
  return { user, subject: subjectOf(user), session: null, tokenId: row.id };
}

export async function logout(ctx: AppContext, auth: Authenticated): Promise<void> {
  if (!auth.session) return;
  const idHash = auth.session.idHash;
  await inWriteTransaction(ctx.db, async (trx) => {
    await deleteSession(trx, idHash);
    await appendAudit(trx, { actor: auth.user.id, action: 'auth.logout', entityType: 'user', entityId: auth.user.id });
  });
}
