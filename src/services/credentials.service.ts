import { z } from 'zod';
import { validation } from '../errors.ts';
import { revokeUserApiTokens, type TokenRevokeReason } from '../store/api-tokens.repository.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { resetThrottle } from '../store/login-throttle.repository.ts';
import { deleteOtherSessions } from '../store/sessions.repository.ts';
import { inWriteTransaction, type Trx } from '../store/transaction.ts';
import { findUserById, updateUser } from '../store/users.repository.ts';
import type { Authenticated } from './auth.service.ts';
import type { AppContext } from './context.ts';
import { failedAttempt, MAX_FAILURES_PER_USERNAME, reserveAttempt, throttleKeys } from './login-throttle.service.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

/**
 * Ends every way a user is signed in: all API tokens and all sessions but `keepSession` (the
 * caller's own, when they changed their own password). Runs inside the change that causes it.
 */
export async function endCredentials(trx: Trx, actor: string, userId: string, reason: Exclude<TokenRevokeReason, 'revoked'>, keepSession: string | null = null): Promise<void> {
  await deleteOtherSessions(trx, userId, keepSession);
  const revoked = await revokeUserApiTokens(trx, userId, new Date().toISOString(), reason);
  if (revoked > 0) {
    await appendAudit(trx, { actor, action: 'token.revoke_all', entityType: 'user', entityId: userId, detail: { reason, count: revoked } });
  }
}

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword: z.string().min(10, 'at least 10 characters').max(200),
  })
  .strict();
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

/**
 * A user changes their own password, proving the current one. The check counts against the
 * username's login limit, so a stolen session cannot be used to guess the password.
 */
export async function changeOwnPassword(ctx: AppContext, auth: Authenticated, raw: ChangePasswordInput): Promise<void> {
  const input = changePasswordSchema.parse(raw);
  if (input.newPassword === input.currentPassword) {
    throw validation('the new password must differ from the current one', [{ path: 'newPassword', message: 'same as the current password' }]);
  }
  const keys = await throttleKeys(ctx, auth.user.username, 'password-change');
  await reserveAttempt(ctx, keys.username, MAX_FAILURES_PER_USERNAME, Date.now());
  if (!(await verifyPassword(input.currentPassword, auth.user.passwordHash))) {
    await failedAttempt(ctx, keys.username, MAX_FAILURES_PER_USERNAME, Date.now());
    throw validation('the current password is wrong', [{ path: 'currentPassword', message: 'wrong password' }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await inWriteTransaction(ctx.db, async (trx) => {
    const user = await findUserById(trx, auth.user.id);
    if (!user) throw validation('the user no longer exists');
    const at = new Date().toISOString();
    await updateUser(trx, { ...user, passwordHash, updatedAt: at });
    await resetThrottle(trx, keys.username, at);
    await endCredentials(trx, user.id, user.id, 'password_changed', auth.session?.idHash ?? null);
    await appendAudit(trx, { actor: user.id, action: 'user.password_change', entityType: 'user', entityId: user.id, detail: {} });
  });
}
