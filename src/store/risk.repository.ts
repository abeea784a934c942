/**
 * Risk model storage: assessment snapshots (the history), analysts' overrides. The shareable
 * assessment record itself goes through records.repository like every record.
 */
import type { RiskLevel } from '../domain/risk/config.ts';
import type { ExplanationItem } from '../domain/risk/model.ts';
import type { RiskOverride } from '../domain/risk/override.ts';
import type { Executor, Trx } from './transaction.ts';

export interface Snapshot {
  id: string;
  sectionId: string;
  at: string;
  level: RiskLevel;
  computedLevel: RiskLevel;
  score: number;
  overrideId: string | null;
  explanation: ExplanationItem[];
  cause: 'daily' | 'change' | 'override';
}

export async function insertSnapshots(trx: Executor, rows: Snapshot[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('assessment_snapshots')
    .values(
      rows.map((r) => ({
        id: r.id,
        section_id: r.sectionId,
        at: r.at,
        level: r.level,
        computed_level: r.computedLevel,
        score: r.score,
        override_id: r.overrideId,
        explanation_json: JSON.stringify(r.explanation),
        cause: r.cause,
      })),
    )
    .execute();
}

type SnapshotRow = {
  id: string;
  section_id: string;
  at: string;
  level: string;
  computed_level: string;
  score: number | string;
  override_id: string | null;
  explanation_json: string;
  cause: string;
};

const toSnapshot = (r: SnapshotRow): Snapshot => ({
  id: r.id,
  sectionId: r.section_id,
  at: r.at,
  level: r.level as RiskLevel,
  computedLevel: r.computed_level as RiskLevel,
  // PostgreSQL returns double precision as number, but be safe with numeric strings
  score: Number(r.score),
  overrideId: r.override_id,
  explanation: JSON.parse(r.explanation_json) as ExplanationItem[],
  cause: r.cause as Snapshot['cause'],
});

/** Snapshots in [from, to], oldest first; `sectionIds` limits to those sections. */
export async function listSnapshots(db: Executor, q: { sectionIds?: string[]; from: string; to: string; limit: number }): Promise<Snapshot[]> {
  let query = db.selectFrom('assessment_snapshots').selectAll().where('at', '>=', q.from).where('at', '<=', q.to);
  if (q.sectionIds) {
    if (q.sectionIds.length === 0) return [];
    query = query.where('section_id', 'in', q.sectionIds);
  }
  const rows = await query.orderBy('at').orderBy('section_id').orderBy('id').limit(q.limit).execute();
  return rows.map(toSnapshot);
}

/** The latest snapshot of each section (what the engine compares a new evaluation with). */
export async function latestSnapshots(db: Executor): Promise<Map<string, Snapshot>> {
  const rows = await db
    .selectFrom('assessment_snapshots as s')
    .selectAll('s')
    .where(({ eb, selectFrom }) =>
      eb('s.at', '=', selectFrom('assessment_snapshots as t').select((x) => x.fn.max('t.at').as('m')).whereRef('t.section_id', '=', 's.section_id')),
    )
    .execute();
  const out = new Map<string, Snapshot>();
  for (const r of rows) {
    const s = toSnapshot(r);
    const prev = out.get(s.sectionId);
    if (!prev || prev.id < s.id) out.set(s.sectionId, s);
  }
  return out;
}

/** Sections that already have a daily snapshot on the UTC day of `dayStart` (ISO midnight). */
/**
 * The daily snapshots already stored in [from, to), as `sectionId|YYYY-MM-DD` keys: one query for
 * the whole range, so the backfill learns what is missing without reading any event.
 */
export async function dailySnapshotKeys(db: Executor, from: string, to: string): Promise<Set<string>> {
  const rows = await db.selectFrom('assessment_snapshots').select(['section_id', 'at']).where('cause', '=', 'daily').where('at', '>=', from).where('at', '<', to).execute();
  return new Set(rows.map((r) => `${r.section_id}|${String(r.at).slice(0, 10)}`));
}

export async function sectionsWithDailySnapshot(db: Executor, dayStart: string, dayEnd: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('assessment_snapshots')
    .select('section_id')
    .where('cause', '=', 'daily')
    .where('at', '>=', dayStart)
    .where('at', '<', dayEnd)
    .execute();
  return new Set(rows.map((r) => r.section_id));
}

type OverrideRow = {
  id: string;
  section_id: string;
  level: string;
  reason: string;
  expires_at: string;
  set_by: string;
  set_at: string;
  cleared_by: string | null;
  cleared_at: string | null;
};

const toOverride = (r: OverrideRow): RiskOverride & { clearedBy: string | null } => ({
  id: r.id,
  sectionId: r.section_id,
  level: r.level as RiskLevel,
  reason: r.reason,
  expiresAt: r.expires_at,
  setBy: r.set_by,
  setAt: r.set_at,
  clearedAt: r.cleared_at,
  clearedBy: r.cleared_by,
});

export async function insertOverride(trx: Trx, o: RiskOverride): Promise<void> {
  await trx
    .insertInto('risk_overrides')
    .values({
      id: o.id,
      section_id: o.sectionId,
      level: o.level,
      reason: o.reason,
      expires_at: o.expiresAt,
      set_by: o.setBy,
      set_at: o.setAt,
      cleared_by: null,
      cleared_at: null,
    })
    .execute();
}

/** Withdraws every active override of a section (a new one replaces the old). Returns their ids. */
export async function clearOverrides(trx: Trx, sectionId: string, by: string, at: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('risk_overrides')
    .select('id')
    .where('section_id', '=', sectionId)
    .where('cleared_at', 'is', null)
    .where('expires_at', '>', at)
    .execute();
  if (rows.length === 0) return [];
  await trx
    .updateTable('risk_overrides')
    .set({ cleared_by: by, cleared_at: at })
    .where('id', 'in', rows.map((r) => r.id))
    .execute();
  return rows.map((r) => r.id);
}

export async function findOverride(db: Executor, id: string) {
  const row = await db.selectFrom('risk_overrides').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOverride(row) : null;
}

/** Overrides in force at `at` (not withdrawn, not expired), at most one per section: the latest set. */
export async function activeOverrides(db: Executor, at: string): Promise<Map<string, RiskOverride>> {
  const rows = await db
    .selectFrom('risk_overrides')
    .selectAll()
    .where('cleared_at', 'is', null)
    .where('expires_at', '>', at)
    .where('set_at', '<=', at)
    .orderBy('set_at')
    .execute();
  return new Map(rows.map((r) => [r.section_id, toOverride(r)]));
}

/** A section's overrides, newest first (including expired and withdrawn ones). */
export async function listOverrides(db: Executor, sectionId: string | undefined, limit = 200) {
  let q = db.selectFrom('risk_overrides').selectAll();
  if (sectionId) q = q.where('section_id', '=', sectionId);
  return (await q.orderBy('set_at', 'desc').limit(limit).execute()).map(toOverride);
}
