import type { Executor } from './transaction.ts';

export interface StoredHit {
  alertId: string;
  score: number;
  explanation: unknown;
  decision: 'pending' | 'confirmed' | 'false_positive';
  decidedBy: string | null;
  decidedAt: string | null;
}

export async function insertScreening(
  db: Executor,
  s: { id: string; at: string; userId: string; unitId: string | null; query: unknown; personKey: string; hits: StoredHit[] },
): Promise<void> {
  await db
    .insertInto('screenings')
    .values({ id: s.id, at: s.at, user_id: s.userId, unit_id: s.unitId, query_json: JSON.stringify(s.query), person_key: s.personKey, hit_count: s.hits.length })
    .execute();
  for (const h of s.hits) {
    await db
      .insertInto('screening_hits')
      .values({ screening_id: s.id, alert_id: h.alertId, score: h.score, explanation_json: JSON.stringify(h.explanation), decision: h.decision, decided_by: null, decided_at: null })
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
    personKey: row.person_key,
    hits: hits.map(
      (h): StoredHit => ({
        alertId: h.alert_id,
        score: h.score,
        explanation: JSON.parse(h.explanation_json),
        decision: h.decision as StoredHit['decision'],
        decidedBy: h.decided_by,
        decidedAt: h.decided_at,
      }),
    ),
  };
}

export async function setHitDecision(db: Executor, screeningId: string, alertId: string, decision: string, by: string, at: string) {
  await db
    .updateTable('screening_hits')
    .set({ decision, decided_by: by, decided_at: at })
    .where('screening_id', '=', screeningId)
    .where('alert_id', '=', alertId)
    .execute();
}

export async function insertFalsePositive(db: Executor, alertId: string, personKey: string, by: string, at: string) {
  const exists = await db.selectFrom('false_positives').select('alert_id').where('alert_id', '=', alertId).where('person_key', '=', personKey).executeTakeFirst();
  if (!exists) await db.insertInto('false_positives').values({ alert_id: alertId, person_key: personKey, decided_by: by, decided_at: at }).execute();
}

export async function suppressedAlerts(db: Executor, personKey: string): Promise<Set<string>> {
  const rows = await db.selectFrom('false_positives').select('alert_id').where('person_key', '=', personKey).execute();
  return new Set(rows.map((r) => r.alert_id));
}
