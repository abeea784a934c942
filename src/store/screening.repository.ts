import type { TravellerKeys } from '../domain/screening/traveller-keys.ts';
import type { Executor } from './transaction.ts';

export type HitDecision = 'pending' | 'suppressed' | 'confirmed' | 'false_positive';

export interface StoredHit {
  alertId: string;
  score: number;
  /** Must not hold the query's words (see docs/screening.md): parts carry `query: null`. */
  explanation: unknown;
  decision: HitDecision;
  /** The agency's false-positive decision that suppressed this hit, if any. */
  falsePositiveId: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

export async function insertScreening(
  db: Executor,
  s: { id: string; at: string; userId: string; unitId: string | null; keys: TravellerKeys; hitCount: number; suppressedCount: number; hits: StoredHit[] },
): Promise<void> {
  await db
    .insertInto('screenings')
    .values({
      id: s.id,
      at: s.at,
      user_id: s.userId,
      unit_id: s.unitId,
      key_birth: s.keys.birth,
      key_document: s.keys.document,
      hit_count: s.hitCount,
      suppressed_count: s.suppressedCount,
    })
    .execute();
  for (const h of s.hits) {
    await db
      .insertInto('screening_hits')
      .values({
        screening_id: s.id,
        alert_id: h.alertId,
        score: h.score,
        explanation_json: JSON.stringify(h.explanation),
        decision: h.decision,
        false_positive_id: h.falsePositiveId,
        decided_by: null,
        decided_at: null,
      })
      .execute();
  }
}

export async function findScreening(db: Executor, id: string) {
  const row = await db.selectFrom('screenings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const hits = await db.selectFrom('screening_hits').selectAll().where('screening_id', '=', id).orderBy('score', 'desc').execute();
  return {
    id: row.id,
    at: row.at,
    userId: row.user_id,
    unitId: row.unit_id,
    keys: { birth: row.key_birth, document: row.key_document } satisfies TravellerKeys,
    hits: hits.map(
      (h): StoredHit => ({
        alertId: h.alert_id,
        score: h.score,
        explanation: JSON.parse(h.explanation_json),
        decision: h.decision as HitDecision,
        falsePositiveId: h.false_positive_id,
        decidedBy: h.decided_by,
        decidedAt: h.decided_at,
      }),
    ),
  };
}

export async function setHitDecision(db: Executor, screeningId: string, alertId: string, decision: HitDecision, by: string, at: string, falsePositiveId: string | null) {
  await db
    .updateTable('screening_hits')
    .set({ decision, decided_by: by, decided_at: at, false_positive_id: falsePositiveId })
    .where('screening_id', '=', screeningId)
    .where('alert_id', '=', alertId)
    .execute();
}
