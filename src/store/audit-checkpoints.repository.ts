import type { SignedCheckpoint } from '../domain/audit/checkpoint.ts';
import type { Executor, Trx } from './transaction.ts';

export async function insertCheckpoint(trx: Trx, id: string, c: SignedCheckpoint): Promise<void> {
  await trx
    .insertInto('audit_checkpoints')
    .values({ id, node_id: c.nodeId, seq: c.seq, head_hash: c.headHash, at: c.at, signature: c.signature })
    .execute();
}

/** Newest first. */
export async function latestCheckpoints(db: Executor, limit: number): Promise<SignedCheckpoint[]> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq', 'desc').orderBy('at', 'desc').limit(limit).execute();
  return rows.map((r) => ({ nodeId: r.node_id, seq: Number(r.seq), headHash: r.head_hash, at: r.at, signature: r.signature }));
}

/** The stored hash of one entry, or null when the row is not there. */
export async function auditHashAt(db: Executor, seq: number): Promise<string | null> {
  const row = await db.selectFrom('audit_log').select('hash').where('seq', '=', seq).executeTakeFirst();
  return row?.hash ?? null;
}

/** Highest seq present in the rows themselves (not the head row, which an attacker moves too). */
export async function lastAuditSeq(db: Executor): Promise<number> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
  return Number(row?.m ?? 0);
}
