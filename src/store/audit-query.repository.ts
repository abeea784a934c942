import type { AuditLogTable } from './schema.ts';
import type { Executor } from './transaction.ts';

export interface AuditFilter {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  /** Inclusive ISO-8601 bounds on `at`. */
  from?: string;
  to?: string;
  /** Inclusive upper bound on seq: a stable snapshot for paging through a growing log. */
  maxSeq?: number;
}

/** One page of entries matching the filter, newest first, with the total that match. */
export async function queryAudit(db: Executor, filter: AuditFilter, limit: number, offset: number): Promise<{ rows: AuditLogTable[]; total: number }> {
  // The log only grows at the top: bounding both queries by one seq makes the page and its
  // total describe the same entries even while other requests append.
  const top = filter.maxSeq ?? Number((await db.selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst())?.m ?? 0);
  let q = db.selectFrom('audit_log').where('seq', '<=', top);
  if (filter.actor !== undefined) q = q.where('actor', '=', filter.actor);
  if (filter.action !== undefined) q = q.where('action', '=', filter.action);
  if (filter.entityType !== undefined) q = q.where('entity_type', '=', filter.entityType);
  if (filter.entityId !== undefined) q = q.where('entity_id', '=', filter.entityId);
  if (filter.from !== undefined) q = q.where('at', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('at', '<=', filter.to);
  const rows = await q.selectAll().orderBy('seq', 'desc').limit(limit).offset(offset).execute();
  const count = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return { rows, total: Number(count?.n ?? 0) };
}

/** Distinct actions, for the viewer's filter choices. */
export async function auditActions(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}
