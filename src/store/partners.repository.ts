import type { Executor, Trx } from './transaction.ts';

/**
 * The partners' SQL (docs/partners.md): the recommendations tracker's rows and the raw rows the
 * indicator registry (services/partners/indicators.ts) aggregates. Instants are ISO text, so a
 * range is a string comparison on both dialects.
 */

export interface RecommendationRow {
  id: string;
  ref: string;
  meeting: string;
  meeting_date: string;
  status: string;
  body_json: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

export async function listRecommendationRows(db: Executor): Promise<RecommendationRow[]> {
  return db.selectFrom('recommendations').selectAll().orderBy('meeting_date').orderBy('ref').execute();
}

export async function findRecommendationRow(db: Executor, id: string): Promise<RecommendationRow | undefined> {
  return db.selectFrom('recommendations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRecommendationByRef(db: Executor, ref: string): Promise<RecommendationRow | undefined> {
  return db.selectFrom('recommendations').selectAll().where('ref', '=', ref).executeTakeFirst();
}

export async function insertRecommendationRow(trx: Trx, row: RecommendationRow): Promise<void> {
  await trx.insertInto('recommendations').values(row).execute();
}

/** Compare-and-set on the version: false when someone else changed it first. */
export async function updateRecommendationRow(trx: Trx, id: string, expectedVersion: number, values: Pick<RecommendationRow, 'status' | 'body_json' | 'meeting' | 'meeting_date' | 'updated_by' | 'updated_at'>): Promise<boolean> {
  const r = await trx
    .updateTable('recommendations')
    .set({ ...values, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- indicator sources: raw rows in [from, to) -------------------------------------------

export async function seizureRows(db: Executor, from: string, to: string) {
  return db.selectFrom('seizures').select(['seized_at as at', 'quantity_kg', 'marking_json']).where('deleted_at', 'is', null).where('seized_at', '>=', from).where('seized_at', '<', to).execute();
}

export async function publishedEventRows(db: Executor, from: string, to: string) {
  return db
    .selectFrom('events')
    .select(['first_published_at as at', 'marking_json'])
    .where('deleted_at', 'is', null)
    .where('first_published_at', 'is not', null)
    .where('first_published_at', '>=', from)
    .where('first_published_at', '<', to)
    .execute() as Promise<{ at: string; marking_json: string }[]>;
}

export async function crossingRows(db: Executor, from: string, to: string) {
  return db.selectFrom('crossings').select(['queue_arrival_at as at', 'body_json', 'marking_json']).where('deleted_at', 'is', null).where('queue_arrival_at', '>=', from).where('queue_arrival_at', '<', to).execute();
}

/** Trainings that ended in the period (dates, so `to` is compared on its day). */
export async function trainingRows(db: Executor, fromDay: string, toDay: string) {
  return db.selectFrom('trainings').select(['end_on as at', 'trainees', 'marking_json']).where('deleted_at', 'is', null).where('end_on', '>=', fromDay).where('end_on', '<', toDay).execute();
}

/** Envelopes received from peers (one row per record version applied or refused). */
export async function receivedEnvelopeRows(db: Executor, from: string, to: string) {
  return db.selectFrom('received_envelopes').select(['received_at as at']).where('received_at', '>=', from).where('received_at', '<', to).execute();
}

/** Envelopes our peers acknowledged receiving (their signed receipts: `items` envelopes each). */
export async function acknowledgedSentRows(db: Executor, from: string, to: string) {
  return db.selectFrom('fed_receipts').select(['at', 'items']).where('direction', '=', 'in').where('at', '>=', from).where('at', '<', to).execute();
}
