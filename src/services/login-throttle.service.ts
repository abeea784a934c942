import { createHmac, randomBytes } from 'node:crypto';
import { AppError } from '../errors.ts';
import { findAuthSecret, insertAuthSecretIfMissing } from '../store/auth-secrets.repository.ts';
import { ensureThrottle, extendThrottle, findThrottle, swapThrottle } from '../store/login-throttle.repository.ts';
import type { AppContext } from './context.ts';

/** Failed (or in-flight) attempts allowed before each further one must wait out a back-off. */
export const MAX_FAILURES_PER_USERNAME = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;
/** The back-off doubles from the configured base up to this ceiling. */
export const BACKOFF_MAX_MS = 5 * 60 * 1000;
/** A counter left alone this long starts again from zero. */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;

// A single attempt that loses the compare-and-set this often is refused rather than let through.
const MAX_SWAPS = 100;
const SECRET_NAME = 'login_hmac';

export function rateLimited(retryAfterMs: number): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new AppError('RATE_LIMITED', `Too many failed logins; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
}

export function backoffMs(base: number, beyondLimit: number): number {
  return Math.min(BACKOFF_MAX_MS, base * 2 ** Math.min(beyondLimit, 30));
}

const secrets = new WeakMap<AppContext, Promise<Buffer>>();

/** The node's key for hashing login names, created once per database on first use. */
function loginSecret(ctx: AppContext): Promise<Buffer> {
  let s = secrets.get(ctx);
  if (!s) {
    s = (async () => {
      let secret = await findAuthSecret(ctx.db.kysely, SECRET_NAME);
      if (!secret) {
        await insertAuthSecretIfMissing(ctx.db.kysely, SECRET_NAME, randomBytes(32).toString('base64url'), new Date().toISOString());
        secret = (await findAuthSecret(ctx.db.kysely, SECRET_NAME))!;
      }
      return Buffer.from(secret, 'base64url');
    })();
    s.catch(() => secrets.delete(ctx));
    secrets.set(ctx, s);
  }
  return s;
}

export interface ThrottleKeys {
  /** HMAC of the attempted username: what login_attempts and the audit keep instead of the name. */
  usernameHmac: string;
  username: string;
  address: string;
}

/** Keyed hashes, so neither counters nor the attempt log reveal who tried to log in. */
export async function throttleKeys(ctx: AppContext, username: string, address: string): Promise<ThrottleKeys> {
  const secret = await loginSecret(ctx);
  const mac = (text: string) => createHmac('sha256', secret).update(text).digest('hex');
  const usernameHmac = mac(`username:${username}`);
  return { usernameHmac, username: `u:${usernameHmac}`, address: `a:${mac(`address:${address}`)}` };
}

/**
 * Takes one attempt from the counter of `key`, or throws RATE_LIMITED. The attempt counts as a
 * failure from this moment (a success gives it back), so a parallel burst cannot slip past
 * the limit while its passwords are being checked. Past `limit`, every attempt must wait a
 * back-off that doubles: the real user is slowed, never locked out for long.
 */
export async function reserveAttempt(ctx: AppContext, key: string, limit: number, now: number): Promise<void> {
  const db = ctx.db.kysely;
  const nowIso = new Date(now).toISOString();
  for (let i = 0; i < MAX_SWAPS; i++) {
    let row = await findThrottle(db, key);
    if (!row) {
      await ensureThrottle(db, key, nowIso);
      row = await findThrottle(db, key);
      if (!row) continue;
    }
    const quiet = Date.parse(row.updatedAt) < now - THROTTLE_WINDOW_MS;
    const failures = quiet ? 0 : row.failures;
    const notBefore = quiet ? now : Date.parse(row.notBefore);
    if (failures >= limit && now < notBefore) throw rateLimited(notBefore - now);
    const next = failures + 1;
    const nextNotBefore = next >= limit ? now + backoffMs(ctx.config.loginBackoffBaseMs, next - limit) : now;
    if (await swapThrottle(db, key, row.rev, { failures: next, notBefore: new Date(nextNotBefore).toISOString(), updatedAt: nowIso })) return;
  }
  throw rateLimited(ctx.config.loginBackoffBaseMs);
}

/**
 * A checked attempt failed: the back-off runs from now, when the client learns the answer,
 * rather than from when the attempt was reserved (a slow password check must not eat it).
 * It follows the count as it stands now, since parallel attempts finish in any order.
 */
export async function failedAttempt(ctx: AppContext, key: string, limit: number, now: number): Promise<void> {
  const row = await findThrottle(ctx.db.kysely, key);
  if (!row || row.failures < limit) return;
  await extendThrottle(ctx.db.kysely, key, new Date(now + backoffMs(ctx.config.loginBackoffBaseMs, row.failures - limit)).toISOString());
}
