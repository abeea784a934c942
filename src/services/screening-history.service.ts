import { z } from 'zod';
import { alertTarget } from '../domain/policy/alert.policy.ts';
import { allows, authorize } from '../domain/policy/authorize.ts';
import type { Subject } from '../domain/policy/roles.ts';
import { forbidden } from '../errors.ts';
import { findRecord, type SavedRecord } from '../store/records.repository.ts';
import { HISTORY_OUTCOMES, historyHits, screeningHistory, type HistoryFilter } from '../store/screening-history.repository.ts';
import type { AppContext } from './context.ts';

export const historyQuerySchema = z
  .object({
    unitId: z.string().min(1).max(64).optional(),
    userId: z.string().min(1).max(64).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    outcome: z.enum(HISTORY_OUTCOMES).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict();
export type HistoryQuery = z.output<typeof historyQuerySchema>;

/** Validators and commanders oversee their agency's desks; other officers see their own unit's. */
const OVERSEERS = ['validator', 'commander'] as const;

function scopeOf(subject: Subject, unitId: string | undefined): HistoryFilter['scope'] {
  if (subject.roles.some((r) => (OVERSEERS as readonly string[]).includes(r))) return { agencyId: subject.agencyId, ...(unitId ? { unitId } : {}) };
  if (unitId && unitId !== subject.unitId) throw forbidden('You see the screening history of your own unit only');
  return subject.unitId ? { unitId: subject.unitId } : { userId: subject.userId };
}

/**
 * Screening history per unit: who screened when, what was raised and decided, which false
 * positives a validator undid, which hits were suppressed and which were reported. Never the
 * traveller: only whether the query carried an identifier. Hits on alerts the reader may not
 * see (now) are counted, not shown. Reading it is audited with the filter and the count.
 */
export async function listScreeningHistory(ctx: AppContext, subject: Subject, query: HistoryQuery) {
  authorize(subject, 'screening:history');
  const scope = scopeOf(subject, query.unitId);
  const toIso = (v?: string) => (v ? new Date(v).toISOString() : undefined);
  const { rows, total } = await screeningHistory(ctx.db.kysely, { scope, userId: query.userId, from: toIso(query.from), to: toIso(query.to), outcome: query.outcome, limit: query.limit, offset: query.offset });
  const hits = await historyHits(ctx.db.kysely, rows.map((r) => r.id));
  const alertIds = [...new Set(hits.map((h) => h.alertId))];
  const alerts = new Map<string, SavedRecord<'alert'>>();
  // A page holds at most 100 screenings of up to 20 stored hits each.
  for (const id of alertIds) {
    const a = await findRecord(ctx.db.kysely, 'alert', id);
    if (a) alerts.set(id, a);
  }
  const now = new Date().toISOString();
  const items = rows.map((r) => {
    const own = hits.filter((h) => h.screeningId === r.id);
    const visible = own.filter((h) => {
      const a = alerts.get(h.alertId);
      return a !== undefined && allows(subject, 'alerts:read', alertTarget(ctx.node.id, a));
    });
    return {
      id: r.id,
      at: r.at,
      officer: { id: r.userId, username: r.username, displayName: r.displayName },
      unitId: r.unitId,
      hitCount: r.hitCount,
      suppressedCount: r.suppressedCount,
      hasIdentifiers: r.hasIdentifiers,
      hiddenHits: own.length - visible.length,
      hits: visible.map((h) => {
        const a = alerts.get(h.alertId)!;
        const subjectOf = a.body.subject;
        return {
          alertId: h.alertId,
          listed: subjectOf.kind === 'person' ? subjectOf.names[0]?.name ?? '' : subjectOf.kind === 'vehicle' ? subjectOf.plate : subjectOf.number,
          subjectKind: subjectOf.kind,
          ownerState: a.owner.state,
          score: h.score,
          decision: h.decision as 'pending' | 'suppressed' | 'confirmed' | 'false_positive',
          decidedBy: h.decidedBy,
          decidedAt: h.decidedAt,
          falsePositive: h.falsePositiveId
            ? { id: h.falsePositiveId, status: h.fpRevokedAt ? ('revoked' as const) : h.fpExpiresAt && h.fpExpiresAt <= now ? ('expired' as const) : ('active' as const), revokedAt: h.fpRevokedAt, revokedBy: h.fpRevokedBy }
            : null,
          hitReportId: h.reportId,
        };
      }),
    };
  });
  ctx.reads.record({
    actor: subject.userId,
    action: 'personal_data.read',
    entityType: 'screening_history',
    entityId: null,
    // The filter and how many, never names or keys.
    detail: { count: items.length, unitId: 'unitId' in scope ? scope.unitId ?? null : null, outcome: query.outcome ?? null },
  });
  return { items, total, limit: query.limit, offset: query.offset };
}
