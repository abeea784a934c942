import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isInForce, type AlertBody } from '../domain/alerts/alert.ts';
import { alertToWatchlistEntry, personKey } from '../domain/alerts/watchlist.ts';
import { compareIdentifiers } from '../domain/names/identifiers.ts';
import { buildIndex, type WatchlistIndex } from '../domain/names/index.ts';
import { compareHits, DEFAULT_THRESHOLD, screen } from '../domain/names/screen.ts';
import { transliterate } from '../domain/names/translit.ts';
import type { Hit } from '../domain/names/types.ts';
import { alertTarget } from '../domain/policy/alert.policy.ts';
import { allows, authorize } from '../domain/policy/authorize.ts';
import type { Locale, Subject } from '../domain/policy/roles.ts';
import { AppError, notFound } from '../errors.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { listRecords, type SavedRecord } from '../store/records.repository.ts';
import { findScreening, insertFalsePositive, insertScreening, setHitDecision, suppressedAlerts, type StoredHit } from '../store/screening.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import type { AppContext } from './context.ts';

export const screenQuerySchema = z
  .object({
    name: z.string().trim().min(1).max(300).optional(),
    birthDate: z.string().regex(/^\d{4}(-\d{2}-\d{2})?$/, 'YYYY or YYYY-MM-DD').optional(),
    nationality: z.string().regex(/^[A-Z]{2}$/).optional(),
    document: z.string().trim().min(3).max(40).optional(),
    plate: z.string().trim().min(2).max(20).optional(),
  })
  .strict()
  .refine((q) => q.name || q.document || q.plate, { message: 'give a name, a document number or a plate' });
export type ScreenQuery = z.output<typeof screenQuerySchema>;

interface LoadedWatchlist {
  index: WatchlistIndex;
  alerts: Map<string, SavedRecord<'alert'>>;
}

/**
 * The in-memory index of alerts in force, rebuilt lazily after any alert change. It holds
 * every alert; each hit is filtered by the asking officer's view of its marking.
 */
export class ScreeningIndexCache {
  private loaded: Promise<LoadedWatchlist> | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly ctx: AppContext) {}

  get(): Promise<LoadedWatchlist> {
    if (!this.unsubscribe) {
      this.unsubscribe = this.ctx.events.subscribe((change) => {
        if (change.type === 'alert') this.loaded = null;
      });
    }
    this.loaded ??= this.load();
    return this.loaded;
  }

  private async load(): Promise<LoadedWatchlist> {
    const today = new Date().toISOString().slice(0, 10);
    const records = (await listRecords(this.ctx.db.kysely, 'alert')).filter((r) => isInForce(r.body, today));
    const entries = records.flatMap((r) => alertToWatchlistEntry(r.id, r.body) ?? []);
    return { index: buildIndex(entries), alerts: new Map(records.map((r) => [r.id, r])) };
  }
}

const caches = new WeakMap<AppContext, ScreeningIndexCache>();
const cacheOf = (ctx: AppContext) => {
  let c = caches.get(ctx);
  if (!c) caches.set(ctx, (c = new ScreeningIndexCache(ctx)));
  return c;
};

const SCRIPT_OF: Record<Locale, 'latin' | 'cyrillic' | 'arabic'> = { en: 'latin', ru: 'cyrillic', tg: 'cyrillic', fa: 'arabic', ps: 'arabic' };

/** What the officer sees of why a hit was raised (also stored with the screening). */
export type HitExplanation = Pick<Hit, 'matchedName' | 'aliasQuality' | 'nameScore' | 'parts' | 'adjustments'>;

export interface ScreeningHitView {
  alertId: string;
  score: number;
  matchedName: string;
  /** The listed name written in the reader's script. */
  matchedNameInReaderScript: string;
  explanation: HitExplanation;
  alert: { subjectKind: AlertBody['subject']['kind']; reason: string; action: AlertBody['action']; source: AlertBody['source']; sourceRef: string | null; tlp: string };
}

function identifierHits(query: ScreenQuery, alerts: Iterable<SavedRecord<'alert'>>): Hit[] {
  const hits: Hit[] = [];
  for (const a of alerts) {
    const s = a.body.subject;
    const pairs: [string | undefined, string, 'document' | 'plate'][] =
      s.kind === 'vehicle' ? [[query.plate, s.plate, 'plate']]
      : s.kind === 'document' ? [[query.document, s.number, 'document']]
      : s.documents.map((d) => [query.document, d, 'document'] as [string | undefined, string, 'document']);
    for (const [asked, listed, what] of pairs) {
      if (!asked || s.kind === 'person') continue; // person documents are scored inside the name engine
      const m = compareIdentifiers(asked, listed);
      if (m === 'none') continue;
      hits.push({
        id: a.id,
        score: m === 'exact' ? 1 : 0.95,
        nameScore: 0,
        matchedName: listed,
        aliasQuality: 'good',
        parts: [],
        adjustments: [{ kind: 'document', detail: `same-${what === 'plate' ? 'plate' : 'number'}${m === 'exact' ? '' : '-folded'}`, effect: 0 }],
      });
    }
  }
  return hits;
}

export async function runScreening(ctx: AppContext, subject: Subject, locale: Locale, query: ScreenQuery) {
  authorize(subject, 'screening:run');
  const { index, alerts } = await cacheOf(ctx).get();
  const key = personKey(query.name ?? query.document ?? query.plate ?? '', query.birthDate);
  const suppressed = await suppressedAlerts(ctx.db.kysely, key);
  const nameHits = query.name
    ? screen(index, { name: query.name, birthDate: query.birthDate, nationality: query.nationality, document: query.document }, { threshold: DEFAULT_THRESHOLD, limit: 50 })
    : [];
  const byAlert = new Map<string, Hit>();
  for (const h of [...nameHits, ...identifierHits(query, alerts.values())]) {
    const prev = byAlert.get(h.id);
    if (!prev || prev.score < h.score) byAlert.set(h.id, h);
  }
  const hits = [...byAlert.values()]
    .filter((h) => !suppressed.has(h.id) && alerts.has(h.id) && allows(subject, 'alerts:read', alertTarget(ctx.node.id, alerts.get(h.id)!)))
    .sort(compareHits)
    .slice(0, 20);

  const id = randomUUID();
  const at = new Date().toISOString();
  const explanations = new Map(hits.map((h): [string, HitExplanation] => [h.id, { matchedName: h.matchedName, aliasQuality: h.aliasQuality, nameScore: h.nameScore, parts: h.parts, adjustments: h.adjustments }]));
  const stored: StoredHit[] = hits.map((h) => ({
    alertId: h.id,
    score: Math.round(h.score * 1000) / 1000,
    explanation: explanations.get(h.id)!,
    decision: 'pending',
    decidedBy: null,
    decidedAt: null,
  }));
  await inWriteTransaction(ctx.db, async (trx) => {
    await insertScreening(trx, { id, at, userId: subject.userId, unitId: subject.unitId, query, personKey: key, hits: stored });
    await appendAudit(trx, {
      actor: subject.userId,
      action: 'screening.run',
      entityType: 'screening',
      entityId: id,
      // Never the name: only how many hits and which alerts.
      detail: { hits: hits.length, alertIds: hits.map((h) => h.id), suppressed: suppressed.size },
    });
  });
  const script = SCRIPT_OF[locale];
  return {
    id,
    at,
    threshold: DEFAULT_THRESHOLD,
    hits: stored.map((h): ScreeningHitView => {
      const a = alerts.get(h.alertId)!;
      const explanation = explanations.get(h.alertId)!;
      const matched = explanation.matchedName;
      return {
        alertId: h.alertId,
        score: h.score,
        matchedName: matched,
        matchedNameInReaderScript: a.body.subject.kind === 'person' ? transliterate(matched, script) : matched,
        explanation,
        alert: { subjectKind: a.body.subject.kind, reason: a.body.reason, action: a.body.action, source: a.body.source, sourceRef: a.body.sourceRef, tlp: a.marking.tlp },
      };
    }),
  };
}

export const decisionSchema = z.object({ decision: z.enum(['confirmed', 'false_positive']) }).strict();

/** The officer's verdict on one hit; a false positive is remembered for this person and alert. */
export async function decideHit(ctx: AppContext, subject: Subject, screeningId: string, alertId: string, decision: 'confirmed' | 'false_positive') {
  authorize(subject, 'screening:decide');
  return inWriteTransaction(ctx.db, async (trx) => {
    const screening = await findScreening(trx, screeningId);
    if (!screening) throw notFound('screening');
    // Only the officer or unit that screened decides its hits (screening.policy.ts).
    authorize(subject, 'screening:decide', { resource: 'screening', screening: { userId: screening.userId, unitId: screening.unitId } });
    const hit = screening.hits.find((h) => h.alertId === alertId);
    if (!hit) throw notFound('hit');
    if (hit.decision !== 'pending') throw new AppError('CONFLICT', `this hit was already decided: ${hit.decision}`);
    const at = new Date().toISOString();
    await setHitDecision(trx, screeningId, alertId, decision, subject.userId, at);
    if (decision === 'false_positive') await insertFalsePositive(trx, alertId, screening.personKey, subject.userId, at);
    await appendAudit(trx, { actor: subject.userId, action: `screening.${decision}`, entityType: 'screening', entityId: screeningId, detail: { alertId } });
    return { screeningId, alertId, decision, decidedAt: at };
  });
}
