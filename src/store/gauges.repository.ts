import { randomUUID } from 'node:crypto';
import type { AlarmState } from '../domain/warnings/gauge.ts';
import type { Executor } from './transaction.ts';

export interface StoredReading {
  id: string;
  gaugeId: string;
  at: string;
  levelCm: number;
  source: 'manual' | 'automatic';
  recordedBy: string;
}

/** Stores a reading; false when the gauge already has one at that instant (nothing written). */
export async function insertReading(db: Executor, r: Omit<StoredReading, 'id'>, now = new Date()): Promise<boolean> {
  const existing = await db.selectFrom('gauge_readings').select('id').where('gauge_id', '=', r.gaugeId).where('at', '=', r.at).executeTakeFirst();
  if (existing) return false;
  await db
    .insertInto('gauge_readings')
    .values({ id: randomUUID(), gauge_id: r.gaugeId, at: r.at, level_cm: r.levelCm, source: r.source, recorded_by: r.recordedBy, created_at: now.toISOString() })
    .execute();
  return true;
}

/** Many readings at once (seeding): one insert per 500 rows. The caller ensures they are new. */
export async function insertReadings(db: Executor, rows: Omit<StoredReading, 'id'>[], now = new Date()): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('gauge_readings')
      .values(rows.slice(i, i + 500).map((r) => ({ id: randomUUID(), gauge_id: r.gaugeId, at: r.at, level_cm: r.levelCm, source: r.source, recorded_by: r.recordedBy, created_at: now.toISOString() })))
      .execute();
  }
}

export async function readingsOf(db: Executor, gaugeId: string, from?: string, to?: string, limit = 5000): Promise<StoredReading[]> {
  let q = db.selectFrom('gauge_readings').selectAll().where('gauge_id', '=', gaugeId);
  if (from) q = q.where('at', '>=', from);
  if (to) q = q.where('at', '<=', to);
  const rows = await q.orderBy('at', 'desc').limit(limit).execute();
  return rows.reverse().map((r) => ({ id: r.id, gaugeId: r.gauge_id, at: r.at, levelCm: Number(r.level_cm), source: r.source as StoredReading['source'], recordedBy: r.recorded_by }));
}

/** The newest reading of each gauge. */
export async function latestReadings(db: Executor): Promise<Map<string, StoredReading>> {
  const rows = await db.selectFrom('gauge_readings').selectAll().orderBy('gauge_id').orderBy('at', 'desc').execute();
  const out = new Map<string, StoredReading>();
  for (const r of rows) if (!out.has(r.gauge_id)) out.set(r.gauge_id, { id: r.id, gaugeId: r.gauge_id, at: r.at, levelCm: Number(r.level_cm), source: r.source as StoredReading['source'], recordedBy: r.recorded_by });
  return out;
}

export async function countReadings(db: Executor, gaugeId: string): Promise<number> {
  const row = await db.selectFrom('gauge_readings').select((eb) => eb.fn.countAll().as('n')).where('gauge_id', '=', gaugeId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function alarmOf(db: Executor, gaugeId: string): Promise<AlarmState & { warningId: string | null }> {
  const row = await db.selectFrom('gauge_alarms').selectAll().where('gauge_id', '=', gaugeId).executeTakeFirst();
  return row ? { armed: Boolean(row.armed), lastAt: row.last_at, warningId: row.warning_id } : { armed: true, lastAt: null, warningId: null };
}

export async function saveAlarm(db: Executor, gaugeId: string, state: AlarmState & { warningId: string | null }, now = new Date()): Promise<void> {
  const values = { armed: state.armed ? 1 : 0, last_at: state.lastAt, warning_id: state.warningId, updated_at: now.toISOString() };
  await db
    .insertInto('gauge_alarms')
    .values({ gauge_id: gaugeId, ...values })
    .onConflict((oc) => oc.column('gauge_id').doUpdateSet(values))
    .execute();
}
