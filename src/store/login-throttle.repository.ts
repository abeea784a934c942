import type { Executor } from './transaction.ts';

export interface ThrottleRow {
  key: string;
  failures: number;
  notBefore: string;
  rev: number;
  updatedAt: string;
}

export async function findThrottle(db: Executor, key: string): Promise<ThrottleRow | null> {
  const r = await db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  return r ? { key: r.key, failures: Number(r.failures), notBefore: r.not_before, rev: Number(r.rev), updatedAt: r.updated_at } : null;
}

/** Creates the counter at zero unless another request (or process) already did. */
export async function ensureThrottle(db: Executor, key: string, now: string): Promise<void> {
  await db
    .insertInto('login_throttle')
    .values({ key, failures: 0, not_before: now, rev: 0, updated_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

/**
 * Compare-and-set: writes the new counter only if nobody changed the row since `rev` was read.
 * Returns false when another attempt got there first (the caller reads again).
 */
export async function swapThrottle(db: Executor, key: string, rev: number, next: { failures: number; notBefore: string; updatedAt: string }): Promise<boolean> {
  const r = await db
    .updateTable('login_throttle')
    .set({ failures: next.failures, not_before: next.notBefore, updated_at: next.updatedAt, rev: rev + 1 })
    .where('key', '=', key)
    .where('rev', '=', rev)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Pushes the back-off out to `notBefore` unless it already ends later (never shortens it). */
export async function extendThrottle(db: Executor, key: string, notBefore: string): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set((eb) => ({ not_before: notBefore, rev: eb('rev', '+', 1) }))
    .where('key', '=', key)
    .where('not_before', '<', notBefore)
    .execute();
}

/** A success gives back its own reservation (never below zero), atomically. */
export async function refundThrottle(db: Executor, key: string, now: string): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set((eb) => ({
      failures: eb.case().when('failures', '>', 0).then(eb('failures', '-', 1)).else(0).end(),
      rev: eb('rev', '+', 1),
      updated_at: now,
    }))
    .where('key', '=', key)
    .execute();
}

/** A successful login clears the username's counter and back-off. */
export async function resetThrottle(db: Executor, key: string, now: string): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set((eb) => ({ failures: 0, not_before: now, rev: eb('rev', '+', 1), updated_at: now }))
    .where('key', '=', key)
    .execute();
}

/** Forgets counters untouched since `before` (they no longer limit anything). */
export async function pruneThrottle(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('updated_at', '<', before).execute();
}
