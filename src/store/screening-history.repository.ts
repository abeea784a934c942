import { sql } from 'kysely';
import type { Executor } from './transaction.ts';

export const HISTORY_OUTCOMES = ['no_hit', 'hit', 'pending', 'confirmed', 'false_positive', 'suppressed'] as const;
export type HistoryOutcome = (typeof HISTORY_OUTCOMES)[number];

export interface HistoryFilter {
  /** Whose screenings: a unit (desk officers) or an agency's users (validators, commanders). */
  scope: { unitId: string } | { userId: string } | { agencyId: string; unitId?: string };
  userId?: string;
  from?: string;
  to?: string;
  outcome?: HistoryOutcome;
  limit: number;
  offset: number;
}

export interface HistoryRow {
  id: string;
  at: string;
  userId: string;
  username: string | null;
  displayName: string | null;
  unitId: string | null;
  hitCount: number;
  suppressedCount: number;
  hasIdentifiers: boolean;
}

export interface HistoryHitRow {
  screeningId: string;
  alertId: string;
  score: number;
  decision: string;
  decidedBy: string | null;
  decidedAt: string | null;
  falsePositiveId: string | null;
  fpExpiresAt: string | null;
  fpRevokedAt: string | null;
  fpRevokedBy: string | null;
  reportId: string | null;
}

/** Screenings newest first, filtered; the traveller's keys never leave this function (only whether there were any). */
export async function screeningHistory(db: Executor, f: HistoryFilter): Promise<{ rows: HistoryRow[]; total: number }> {
  let q = db.selectFrom('screenings as s').leftJoin('users as u', 'u.id', 's.user_id');
  const scope = f.scope;
  if ('agencyId' in scope) {
    q = q.where('u.agency_id', '=', scope.agencyId);
    if (scope.unitId) q = q.where('s.unit_id', '=', scope.unitId);
  } else if ('unitId' in scope) q = q.where('s.unit_id', '=', scope.unitId);
  else q = q.where('s.user_id', '=', scope.userId);
  if (f.userId) q = q.where('s.user_id', '=', f.userId);
  if (f.from) q = q.where('s.at', '>=', f.from);
  if (f.to) q = q.where('s.at', '<', f.to);
  const withDecision = (d: string) => q.where(({ exists, selectFrom }) => exists(selectFrom('screening_hits as h').select('h.alert_id').whereRef('h.screening_id', '=', 's.id').where('h.decision', '=', d)));
  switch (f.outcome) {
    case 'no_hit': q = q.where('s.hit_count', '=', 0).where('s.suppressed_count', '=', 0); break;
    case 'hit': q = q.where('s.hit_count', '>', 0); break;
    case 'suppressed': q = q.where('s.suppressed_count', '>', 0); break;
    case 'pending': case 'confirmed': case 'false_positive': q = withDecision(f.outcome); break;
    default: break;
  }
  const total = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const rows = await q
    .select(['s.id', 's.at', 's.user_id', 's.unit_id', 's.hit_count', 's.suppressed_count', 'u.username', 'u.display_name'])
    .select(sql<number>`case when s.key_birth is not null or s.key_document is not null then 1 else 0 end`.as('has_keys'))
    .orderBy('s.at', 'desc')
    .orderBy('s.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return {
    total: Number(total?.n ?? 0),
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      username: r.username ?? null,
      displayName: r.display_name ?? null,
      unitId: r.unit_id,
      hitCount: Number(r.hit_count),
      suppressedCount: Number(r.suppressed_count),
      hasIdentifiers: Number(r.has_keys) === 1,
    })),
  };
}

/** The hits of these screenings with their decisions, the false-positive decision's fate and the hit report filed. */
export async function historyHits(db: Executor, screeningIds: string[]): Promise<HistoryHitRow[]> {
  if (screeningIds.length === 0) return [];
  const rows = await db
    .selectFrom('screening_hits as h')
    .leftJoin('false_positives as fp', 'fp.id', 'h.false_positive_id')
    .leftJoin('hit_reports as r', (j) => j.onRef('r.screening_id', '=', 'h.screening_id').onRef('r.alert_id', '=', 'h.alert_id').on('r.report_type', '=', 'report').on('r.deleted_at', 'is', null))
    .select(['h.screening_id', 'h.alert_id', 'h.score', 'h.decision', 'h.decided_by', 'h.decided_at', 'h.false_positive_id', 'fp.expires_at', 'fp.revoked_at', 'fp.revoked_by', 'r.id as report_id'])
    .where('h.screening_id', 'in', screeningIds)
    .orderBy('h.score', 'desc')
    .execute();
  return rows.map((r) => ({
    screeningId: r.screening_id,
    alertId: r.alert_id,
    score: Number(r.score),
    decision: r.decision,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    falsePositiveId: r.false_positive_id,
    fpExpiresAt: r.expires_at ?? null,
    fpRevokedAt: r.revoked_at ?? null,
    fpRevokedBy: r.revoked_by ?? null,
    reportId: r.report_id ?? null,
  }));
}
