import { sql } from 'kysely';
import { withDeferredAuditHead } from './audit.repository.ts';
import type { Db } from './db.ts';
import { WRITE_LOCK_KEY, type Trx } from './transaction.ts';

export type TryResult<T> = { acquired: true; value: T } | { acquired: false };

/**
 * Like inWriteTransaction, but gives up at once instead of waiting when another connection
 * (or process) holds the node's write lock. For background work that must never stall the
 * node: better-sqlite3 waits for a busy lock synchronously, which would freeze the whole
 * event loop, so on SQLite the attempt is made with busy_timeout 0.
 */
export async function tryWriteTransaction<T>(db: Db, fn: (trx: Trx) => Promise<T>): Promise<TryResult<T>> {
  if (db.dialect === 'postgres') {
    return db.kysely.transaction().execute(async (trx) => {
      const got = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${WRITE_LOCK_KEY}) as ok`.execute(trx);
      if (!got.rows[0]?.ok) return { acquired: false } as const;
      return { acquired: true, value: await withDeferredAuditHead(trx, fn) } as const;
    });
  }
  // SQLite: one connection, reserved for the whole attempt so nothing else interleaves.
  return db.kysely.connection().execute(async (conn) => {
    const before = (await sql<{ timeout: number }>`pragma busy_timeout`.execute(conn)).rows[0]?.timeout ?? 5000;
    await sql.raw('pragma busy_timeout = 0').execute(conn);
    try {
      await sql.raw('begin immediate').execute(conn);
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_BUSY') return { acquired: false } as const;
      throw err;
    } finally {
      await sql.raw(`pragma busy_timeout = ${Number(before)}`).execute(conn);
    }
    try {
      // The reserved connection is inside `begin immediate`: it is the transaction. Kysely's
      // Transaction type adds nothing the store's helpers use beyond the query builders.
      const value = await withDeferredAuditHead(conn as unknown as Trx, fn);
      await sql.raw('commit').execute(conn);
      return { acquired: true, value } as const;
    } catch (err) {
      await sql.raw('rollback').execute(conn);
      throw err;
    }
  });
}
