import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isInForce, type AlertBody } from '../domain/alerts/alert.ts';
import { alertToWatchlistEntry } from '../domain/alerts/watchlist.ts';
import { compareIdentifiers } from '../domain/names/identifiers.ts';
import { buildIndex, type WatchlistIndex } from '../domain/names/index.ts';
import { compareHits, DEFAULT_THRESHOLD, screen } from '../domain/names/screen.ts';
import { readerName } from '../domain/names/display.ts';
import type { Hit } from '../domain/names/types.ts';
import { mayCreateSuppression, suppressesFor } from '../domain/screening/false-positive.policy.ts';
import { hasIdentifier, sameTraveller, travellerKeys } from '../domain/screening/traveller-keys.ts';
import { alertTarget } from '../domain/policy/alert.policy.ts';
import { allows, authorize } from '../domain/policy/authorize.ts';
import type { Locale, Subject } from '../domain/policy/roles.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { externalWriteMark } from '../store/db.ts';
import { activeFalsePositivesFor, insertFalsePositive } from '../store/false-positives.repository.ts';
import { findRecord, listRecords, type SavedRecord } from '../store/records.repository.ts';
import { findScreening, insertScreening, setHitDecision, type StoredHit } from '../store/screening.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import type { AppContext } from './context.ts';
import { nodeSecret, SCREENING_HMAC } from './node-secret.ts';

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
  private loadedAtMark: number | null = null;

  constructor(private readonly ctx: AppContext) {}

  async get(): Promise<LoadedWatchlist> {
    if (!this.unsubscribe) {
      const offChange = this.ctx.events.subscribe((change) => {
        if (change.type === 'alert') this.loaded = null;
      });
      const offReset = this.ctx.events.onReset(() => (this.loaded = null));
      this.unsubscribe = () => (offChange(), offReset());
    }
    // SQLite: another process (a CLI import or sync) writing the same file is not on our bus.
    const mark = await externalWriteMark(this.ctx.db);
    if (mark !== this.loadedAtMark) {
      this.loaded = null;
      this.loadedAtMark = mark;
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

/** The watch list in force (index and alerts), shared with other checks such as trade selectivity. */
export const watchlistOf = (ctx: AppContext) => cacheOf(ctx).get();

const SCRIPT_OF: Record<Locale, 'latin' | 'cyrillic' | 'arabic'> = { en: 'latin', ru: 'cyrillic', tg: 'cyrillic', fa: 'arabic', ps: 'arabic' };

type PersonSubject = Extract<AlertBody['subject'], { kind: 'person' }>;

/** What the officer sees of why a hit was raised (also stored with the screening). */
export type HitExplanation = Pick<Hit, 'matchedName' | 'aliasQuality' | 'nameScore' | 'parts' | 'adjustments'>;

export interface ScreeningHitView {
  alertId: string;
  score: number;
  matchedName: string;
  /** The listed name written in the reader's script. */
  matchedNameInReaderScript: string;
  explanation: HitExplanation;
  alert: { subjectKind: AlertBody['subject']['kind']; reason: string; action: AlertBody['action']; source: AlertBody['source']; sourceRef: string | null; tlp: string; ownerState: string };
  /** The listed person's identifiers, for the officer to compare with the traveller (persons only). */
  person: { birthDates: PersonSubject['birthDates']; nationalities: string[]; documents: string[] } | null;
  /** Set when a false-positive decision of the officer's agency suppresses this hit. */
  suppressed: Suppression | null;
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
      // a person's document alone finds the person too (with a name, the engine also scores it)
      if (!asked) continue;
      const m = compareIdentifiers(asked, listed);
      if (m === 'none') continue;
      hits.push({
        id: a.id,
        score: m === 'exact' ? 1 : 0.95,
        nameScore: 0,
        matchedName: s.kind === 'person' ? s.names[0]?.name ?? listed : listed,
        aliasQuality: 'good',
        parts: [],
        adjustments: [{ kind: 'document', detail: `same-${what === 'plate' ? 'plate' : 'number'}${m === 'exact' ? '' : '-folded'}`, effect: 0 }],
      });
    }
  }
  return hits;
}

/** How a hit stands for the asking officer's agency: raised, or suppressed by one of its decisions. */
export interface Suppression {
  falsePositiveId: string;
  expiresAt: string;
}

/** The explanation as stored: how the parts matched, never the traveller's words. */
const withoutQueryWords = (e: HitExplanation): HitExplanation => ({ ...e, parts: e.parts.map((p) => ({ ...p, query: null })) });

export async function runScreening(ctx: AppContext, subject: Subject, locale: Locale, query: ScreenQuery) {
  authorize(subject, 'screening:run');
  const { index, alerts } = await cacheOf(ctx).get();
  const keys = travellerKeys(await nodeSecret(ctx, SCREENING_HMAC), query);
  const at = new Date().toISOString();
  const decisions = (await activeFalsePositivesFor(ctx.db.kysely, subject, keys, at)).filter((d) => sameTraveller(d.keys, keys));
  const nameHits = query.name
    ? screen(index, { name: query.name, birthDate: query.birthDate, nationality: query.nationality, document: query.document }, { threshold: DEFAULT_THRESHOLD, limit: 50 })
    : [];
  const byAlert = new Map<string, Hit>();
  for (const h of nameHits) byAlert.set(h.id, h);
  for (const h of identifierHits(query, alerts.values())) {
    const prev = byAlert.get(h.id);
    // a person found by name keeps the name's explanation (the engine scored the document in it)
    if (!prev || (prev.score < h.score && alerts.get(h.id)?.body.subject.kind !== 'person')) byAlert.set(h.id, h);
  }
  const suppressionOf = (h: Hit): Suppression | null => {
    const alert = alerts.get(h.id)!;
    // Only a decision of the officer's own agency, and never on another state's alert.
    const d = decisions
      .filter((x) => x.alertId === h.id && suppressesFor(subject, x) && mayCreateSuppression(subject, alert.owner.state))
      .sort((a, b) => b.expiresAt.localeCompare(a.expiresAt))[0];
    return d ? { falsePositiveId: d.id, expiresAt: d.expiresAt } : null;
  };
  const visible = [...byAlert.values()].filter((h) => alerts.has(h.id) && allows(subject, 'alerts:read', alertTarget(ctx.node.id, alerts.get(h.id)!))).sort(compareHits);
  const ranked = visible.map((h) => ({ hit: h, suppressed: suppressionOf(h) }));
  // Raised hits first; suppressed ones still listed (and all counted) so no decision hides a hit.
  const shown = [...ranked.filter((r) => !r.suppressed), ...ranked.filter((r) => r.suppressed)].slice(0, 20);
  const suppressedCount = ranked.filter((r) => r.suppressed).length;
  const raisedCount = ranked.length - suppressedCount;

  const id = randomUUID();
  const explanations = new Map(shown.map(({ hit: h }): [string, HitExplanation] => [h.id, { matchedName: h.matchedName, aliasQuality: h.aliasQuality, nameScore: h.nameScore, parts: h.parts, adjustments: h.adjustments }]));
  const stored: StoredHit[] = shown.map(({ hit: h, suppressed }) => ({
    alertId: h.id,
    score: Math.round(h.score * 1000) / 1000,
    explanation: withoutQueryWords(explanations.get(h.id)!),
    decision: suppressed ? 'suppressed' : 'pending',
    falsePositiveId: suppressed?.falsePositiveId ?? null,
    decidedBy: null,
    decidedAt: null,
  }));
  await inWriteTransaction(ctx.db, async (trx) => {
    // Counts over every hit, the stored list being the first 20.
    await insertScreening(trx, { id, at, userId: subject.userId, unitId: subject.unitId, keys, hitCount: raisedCount, suppressedCount, hits: stored });
    await appendAudit(trx, {
      actor: subject.userId,
      action: 'screening.run',
      entityType: 'screening',
      entityId: id,
      // Never the name: only how many hits and which alerts.
      detail: {
        hits: raisedCount,
        suppressed: suppressedCount,
        alertIds: ranked.filter((r) => !r.suppressed).map((r) => r.hit.id),
        suppressedAlertIds: ranked.filter((r) => r.suppressed).map((r) => r.hit.id),
      },
    });
  });
  const script = SCRIPT_OF[locale];
  return {
    id,
    at,
    threshold: DEFAULT_THRESHOLD,
    /** Hits raised, suppressed ones not included. */
    hitCount: raisedCount,
    suppressedCount,
    hits: shown.map(({ hit: h, suppressed }): ScreeningHitView => {
      const a = alerts.get(h.id)!;
      const explanation = explanations.get(h.id)!;
      const matched = explanation.matchedName;
      return {
        alertId: h.id,
        score: Math.round(h.score * 1000) / 1000,
        matchedName: matched,
        matchedNameInReaderScript: a.body.subject.kind === 'person' ? readerName(matched, script) : matched,
        explanation,
        alert: { subjectKind: a.body.subject.kind, reason: a.body.reason, action: a.body.action, source: a.body.source, sourceRef: a.body.sourceRef, tlp: a.marking.tlp, ownerState: a.owner.state },
        person: a.body.subject.kind === 'person' ? { birthDates: a.body.subject.birthDates, nationalities: a.body.subject.nationalities, documents: a.body.subject.documents } : null,
        suppressed,
      };
    }),
  };
}

export const decisionSchema = z.object({ decision: z.enum(['confirmed', 'false_positive']) }).strict();

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The officer's verdict on one hit. A false positive on an alert of the officer's own state
 * suppresses that alert's hits for this traveller, for the officer's agency only, until it
 * expires or a validator undoes it; on another state's alert it is recorded and suppresses
 * nothing. A suppressed hit may still be confirmed (the officer knows better than the decision).
 */
export async function decideHit(ctx: AppContext, subject: Subject, screeningId: string, alertId: string, decision: 'confirmed' | 'false_positive') {
  authorize(subject, 'screening:decide');
  return inWriteTransaction(ctx.db, async (trx) => {
    const screening = await findScreening(trx, screeningId);
    if (!screening) throw notFound('screening');
    // Only the officer or unit that screened decides its hits (screening.policy.ts).
    authorize(subject, 'screening:decide', { resource: 'screening', screening: { userId: screening.userId, unitId: screening.unitId } });
    const hit = screening.hits.find((h) => h.alertId === alertId);
    if (!hit) throw notFound('hit');
    const open = hit.decision === 'pending' || (hit.decision === 'suppressed' && decision === 'confirmed');
    if (!open) throw new AppError('CONFLICT', `this hit was already decided: ${hit.decision}`);
    // The alert as it is now: its marking may have changed since the screening.
    const alert = await findRecord(trx, 'alert', alertId);
    if (!alert || !allows(subject, 'alerts:read', alertTarget(ctx.node.id, alert))) throw forbidden('You may not see this alert');
    if (decision === 'false_positive' && !hasIdentifier(screening.keys)) {
      throw new AppError('IDENTIFIERS_REQUIRED', 'A false positive needs the traveller\'s full birth date or document number in the screening');
    }
    const at = new Date();
    let falsePositive: Suppression | null = null;
    if (decision === 'false_positive' && mayCreateSuppression(subject, alert.owner.state)) {
      falsePositive = { falsePositiveId: randomUUID(), expiresAt: new Date(at.getTime() + ctx.config.falsePositiveDays * DAY_MS).toISOString() };
      await insertFalsePositive(trx, {
        id: falsePositive.falsePositiveId,
        alertId,
        stateCode: subject.stateCode,
        agencyId: subject.agencyId,
        keys: screening.keys,
        screeningId,
        decidedBy: subject.userId,
        decidedAt: at.toISOString(),
        expiresAt: falsePositive.expiresAt,
        revokedBy: null,
        revokedAt: null,
      });
    }
    await setHitDecision(trx, screeningId, alertId, decision, subject.userId, at.toISOString(), falsePositive?.falsePositiveId ?? hit.falsePositiveId);
    await appendAudit(trx, {
      actor: subject.userId,
      action: `screening.${decision}`,
      entityType: 'screening',
      entityId: screeningId,
      detail: { alertId, falsePositiveId: falsePositive?.falsePositiveId ?? null, expiresAt: falsePositive?.expiresAt ?? null, wasSuppressed: hit.decision === 'suppressed' },
    });
    return { screeningId, alertId, decision, decidedAt: at.toISOString(), suppression: falsePositive };
  });
}
