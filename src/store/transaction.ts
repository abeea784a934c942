import { sql, type Kysely, type Transaction } from 'kysely';
import { withDeferredAuditHead } from './audit.repository.ts';
import type { Db } from './db.ts';
import type { Database } from './schema.ts';

export type Trx = Transaction<Database>;
export type Executor = Kysely<Database> | Trx;

// Any fixed 64-bit key: all writers of one node serialise on it, so audit and outbox
// sequence numbers stay gap-free even with several API processes on one PostgreSQL.
export const WRITE_LOCK_KEY = 7_215_002_012;

/** Runs fn in one transaction that holds the node's write lock. */
export async function inWriteTransaction<T>(db: Db, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute(async (trx) => {
    if (db.dialect === 'postgres') {
      await sql`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`.execute(trx);
    }
    return withDeferredAuditHead(trx, fn);
  });
}
