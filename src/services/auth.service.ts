import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Subject } from '../domain/policy/roles.ts';
import { AppError } from '../errors.ts';
import { appendAudit } from '../store/audit.repository.ts';
import {
  countRecentFailures,
  deleteSession,
  findApiToken,
  findSession,
  insertApiToken,
  insertSession,
  recordLoginAttempt,
} from '../store/sessions.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import { findUserById, findUserByUsername, type UserRow } from '../store/users.repository.ts';
import type { AppContext } from './context.ts';
import { DUMMY_HASH, verifyPassword } from './passwords.ts';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_USERNAME = 5;
export const MAX_FAILURES_PER_IP = 30;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const token = () => randomBytes(32).toString('base64url');

export interface Authenticated {
  user: UserRow;
  subject: Subject;
  /** Present for cookie sessions; API-token callers need no CSRF token. */
  session: { idHash: string; csrfToken: string } | null;
}

export function subjectOf(user: UserRow): Subject {
  return { userId: user.id, roles: user.roles, stateCode: user.stateCode, agencyId: user.agencyId, unitId: user.unitId };
}

export async function login(ctx: AppContext, username: string, password: string, ip: string) {
  const now = new Date();
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS).toISOString();
  const failures = await countRecentFailures(ctx.db.kysely, username, ip, since);
  if (failures.byUsername >= MAX_FAILURES_PER_USERNAME || failures.byIp >= MAX_FAILURES_PER_IP) {
    throw new AppError('RATE_LIMITED', 'Too many failed logins; try again in 15 minutes');
  }
  const user = await findUserByUsername(ctx.db.kysely, username);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  const success = Boolean(user && ok && !user.disabled);
  const sessionToken = token();
  const csrfToken = token();
  await inWriteTransaction(ctx.db, async (trx) => {
    await recordLoginAttempt(trx, { id: randomUUID(), username, ip, at: now.toISOString(), success });
    await appendAudit(trx, {
      actor: user?.id ?? 'anonymous',
      action: success ? 'auth.login' : 'auth.login_failed',
      entityType: 'user',
      entityId: user?.id ?? null,
      // The attempted name is personal data: keep only a hash to correlate attempts.
      detail: user ? {} : { usernameSha256: sha256(username) },
    }, now);
    if (success && user) {
      await insertSession(trx, {
        idHash: sha256(sessionToken),
        userId: user.id,
        csrfToken,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
      });
    }
  });
  if (!success || !user) throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password');
  return { user, sessionToken, csrfToken };
}

export async function authenticateSession(ctx: AppContext, sessionToken: string): Promise<Authenticated | null> {
  const idHash = sha256(sessionToken);
  const session = await findSession(ctx.db.kysely, idHash, new Date().toISOString());
  if (!session) return null;
  const user = await findUserById(ctx.db.kysely, session.userId);
  if (!user || user.disabled) return null;
  return { user, subject: subjectOf(user), session: { idHash, csrfToken: session.csrfToken } };
}

export async function authenticateApiToken(ctx: AppContext, apiToken: string): Promise<Authenticated | null> {
  const row = await findApiToken(ctx.db.kysely, sha256(apiToken));
  if (!row) return null;
  const user = await findUserById(ctx.db.kysely, row.user_id);
  if (!user || user.disabled) return null;
  return { user, subject: subjectOf(user), session: null };
}

export async function logout(ctx: AppContext, auth: Authenticated): Promise<void> {
  if (!auth.session) return;
  const idHash = auth.session.idHash;
  await inWriteTransaction(ctx.db, async (trx) => {
    await deleteSession(trx, idHash);
    await appendAudit(trx, { actor: auth.user.id, action: 'auth.logout', entityType: 'user', entityId: auth.user.id });
  });
}

/** Issues a machine token; only its hash is stored, the token is shown once. */
export async function createApiToken(ctx: AppContext, actorId: string, userId: string, name: string): Promise<string> {
  const secret = `sarhad_${token()}`;
  await inWriteTransaction(ctx.db, async (trx) => {
    const id = randomUUID();
    await insertApiToken(trx, { id, userId, name, tokenHash: sha256(secret), createdAt: new Date().toISOString() });
    await appendAudit(trx, { actor: actorId, action: 'token.create', entityType: 'api_token', entityId: id, detail: { userId } });
  });
  return secret;
}
