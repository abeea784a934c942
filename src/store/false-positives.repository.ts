import type { FalsePositiveStatus } from '../domain/screening/false-positive-view.ts';
import type { TravellerKeys } from '../domain/screening/traveller-keys.ts';
import type { ExpressionBuilder } from 'kysely';
import type { Database } from './schema.ts';
import type { Executor } from './transaction.ts';

export type { FalsePositiveStatus };

export interface FalsePositive {
  id: string;
  alertId: string;
  stateCode: string;
  agencyId: string;
  keys: TravellerKeys;
  screeningId: string;
  decidedBy: string;
  decidedAt: string;
  expiresAt: string;
  revokedBy: string | null;
  revokedAt: string | null;
}

type Row = {
  id: string; alert_id: string; state_code: string; agency_id: string; key_birth: string | null; key_document: string | null;
  screening_id: string; decided_by: string; decided_at: string; expires_at: string; revoked_by: string | null; revoked_at: string | null;
};

const fromRow = (r: Row): FalsePositive => ({
  id: r.id,
  alertId: r.alert_id,
  stateCode: r.state_code,
  agencyId: r.agency_id,
  keys: { birth: r.key_birth, document: r.key_document },
  screeningId: r.screening_id,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  expiresAt: r.expires_at,
  revokedBy: r.revoked_by,
  revokedAt: r.revoked_at,
});

export async function insertFalsePositive(db: Executor, fp: FalsePositive): Promise<void> {
  await db
    .insertInto('false_positives')
    .values({
      id: fp.id,
      alert_id: fp.alertId,
      state_code: fp.stateCode,
      agency_id: fp.agencyId,
      key_birth: fp.keys.birth,
      key_document: fp.keys.document,
      screening_id: fp.screeningId,
      decided_by: fp.decidedBy,
      decided_at: fp.decidedAt,
      expires_at: fp.expiresAt,
      revoked_by: null,
      revoked_at: null,
    })
    .execute();
}

/** Decisions of one agency in force at `now` that share an identifier key with the query. */
export async function activeFalsePositivesFor(
  db: Executor,
  scope: { stateCode: string; agencyId: string },
  keys: TravellerKeys,
  now: string,
): Promise<FalsePositive[]> {
  if (keys.birth === null && keys.document === null) return [];
  const rows = await db
    .selectFrom('false_positives')
    .selectAll()
    .where('state_code', '=', scope.stateCode)
    .where('agency_id', '=', scope.agencyId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where((eb) => {
      const ors = [];
      if (keys.birth !== null) ors.push(eb('key_birth', '=', keys.birth));
      if (keys.document !== null) ors.push(eb('key_document', '=', keys.document));
      return eb.or(ors);
    })
    .execute();
  return rows.map(fromRow);
}

export async function findFalsePositive(db: Executor, id: string): Promise<FalsePositive | null> {
  const r = await db.selectFrom('false_positives').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? fromRow(r) : null;
}

const statusFilter = (status: FalsePositiveStatus, now: string) => (eb: ExpressionBuilder<Database, 'false_positives'>) => {
  if (status === 'revoked') return eb('false_positives.revoked_at', 'is not', null);
  return eb.and([eb('false_positives.revoked_at', 'is', null), eb('false_positives.expires_at', status === 'active' ? '>' : '<=', now)]);
};

/** One agency's decisions, newest first, with the deciding and revoking officers' names. */
export async function listFalsePositives(
  db: Executor,
  q: { stateCode: string; agencyId: string; status: FalsePositiveStatus | 'all'; limit: number; offset: number; now: string },
) {
  const scoped = () => db.selectFrom('false_positives').where('false_positives.state_code', '=', q.stateCode).where('false_positives.agency_id', '=', q.agencyId);
  const filtered = () => scoped().$if(q.status !== 'all', (qb) => qb.where(statusFilter(q.status as FalsePositiveStatus, q.now)));
  const countRow = await filtered().select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await filtered()
    .leftJoin('users as d', 'd.id', 'false_positives.decided_by')
    .leftJoin('users as r', 'r.id', 'false_positives.revoked_by')
    .selectAll('false_positives')
    .select(['d.username as decided_by_username', 'r.username as revoked_by_username'])
    .orderBy('false_positives.decided_at', 'desc')
    .orderBy('false_positives.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return {
    // PostgreSQL answers count(*) as a string.
    total: Number(countRow.n),
    items: rows.map((r) => ({ ...fromRow(r), decidedByUsername: r.decided_by_username ?? null, revokedByUsername: r.revoked_by_username ?? null })),
  };
}

export async function revokeFalsePositive(db: Executor, id: string, by: string, at: string): Promise<void> {
  await db.updateTable('false_positives').set({ revoked_by: by, revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}
