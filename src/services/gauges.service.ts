import { z } from 'zod';
import { pointToLineDistanceKm, type LonLat } from '../domain/geo/geo.ts';
import { allows, authorize } from '../domain/policy/authorize.ts';
import type { Subject } from '../domain/policy/roles.ts';
import { warningTarget } from '../domain/policy/warning.policy.ts';
import { CLEAR_MARKING, markingSchema } from '../domain/records/marking.ts';
import type { LocalizedNameValue } from '../domain/registry/entities.ts';
import type { CapInfo } from '../domain/warnings/cap.ts';
import { gaugeBodySchema, gaugeThresholdsSchema, judgeReading, levelOf, readingSchema, type GaugeBody, type Reading } from '../domain/warnings/gauge.ts';
import { AppError, notFound } from '../errors.ts';
import { alarmOf, insertReading, latestReadings, readingsOf, saveAlarm, type StoredReading } from '../store/gauges.repository.ts';
import { findRecord, listRecords, type SavedRecord } from '../store/records.repository.ts';
import type { Executor, Trx } from '../store/transaction.ts';
import type { AppContext } from './context.ts';
import { writeRecords, type WriteRecord } from './records.service.ts';
import type { Actor } from './users.service.ts';
import { borderSections, newWarningWrite } from './warnings.service.ts';

export const createGaugeSchema = z
  .object({
    ref: z.string().max(100).nullable().default(null),
    name: gaugeBodySchema.shape.name,
    river: gaugeBodySchema.shape.river,
    location: gaugeBodySchema.shape.location,
    /** Omitted: the nearest border section within 10 km, if any. */
    sectionId: z.uuid().nullable().optional(),
    thresholds: gaugeThresholdsSchema,
    marking: markingSchema.default(CLEAR_MARKING),
  })
  .strict();
export type CreateGaugeInput = z.output<typeof createGaugeSchema>;

export const updateGaugeSchema = z
  .object({ thresholds: gaugeThresholdsSchema.optional(), active: z.boolean().optional(), version: z.number().int().min(1).optional() })
  .strict();

/** The nearest border section to a point, if within `maxKm`. */
export async function nearestSection(db: Executor, p: LonLat, maxKm = 10): Promise<string | null> {
  let best: { id: string; d: number } | null = null;
  for (const s of await borderSections(db)) {
    const d = pointToLineDistanceKm(p, s.line);
    if (d <= maxKm && (!best || d < best.d)) best = { id: s.id, d };
  }
  return best?.id ?? null;
}

export async function gaugeWrite(db: Executor, input: CreateGaugeInput, stateCode: string, id?: string): Promise<WriteRecord<'gauge'>> {
  const body: GaugeBody = gaugeBodySchema.parse({
    ref: input.ref,
    name: input.name,
    river: input.river,
    stateCode,
    location: input.location,
    sectionId: input.sectionId === undefined ? await nearestSection(db, input.location) : input.sectionId,
    thresholds: input.thresholds,
    active: true,
  });
  return { type: 'gauge', id, body, marking: input.marking };
}

export async function createGauge(ctx: AppContext, subject: Subject, input: CreateGaugeInput) {
  authorize(subject, 'gauges:write');
  const [r] = await writeRecords(ctx, { kind: 'user', subject }, async (trx) => [await gaugeWrite(trx, input, subject.stateCode)]);
  return r!.record;
}

export async function updateGauge(ctx: AppContext, subject: Subject, id: string, expectedVersion: number | undefined, input: z.output<typeof updateGaugeSchema>) {
  authorize(subject, 'gauges:write');
  const [r] = await writeRecords(ctx, { kind: 'user', subject }, async (trx) => {
    const g = await findRecord(trx, 'gauge', id);
    if (!g) throw notFound('gauge');
    authorize(subject, 'gauges:write', warningTarget(ctx.node.id, g));
    if (expectedVersion === undefined) throw new AppError('PRECONDITION_REQUIRED', 'Say which version you change: If-Match with the gauge\'s ETag, or "version" in the body');
    const body = gaugeBodySchema.parse({ ...g.body, ...(input.thresholds ? { thresholds: input.thresholds } : {}), ...(input.active !== undefined ? { active: input.active } : {}) });
    return [{ type: 'gauge' as const, id, body, marking: g.marking, expectedVersion }];
  });
  return r!.record;
}

export interface GaugeWithLevel {
  gauge: SavedRecord<'gauge'>;
  latest: StoredReading | null;
}

export async function readGauges(ctx: AppContext, subject: Subject): Promise<GaugeWithLevel[]> {
  authorize(subject, 'warnings:read');
  const latest = await latestReadings(ctx.db.kysely);
  return (await listRecords(ctx.db.kysely, 'gauge'))
    .filter((g) => allows(subject, 'warnings:read', warningTarget(ctx.node.id, g)))
    .map((gauge) => ({ gauge, latest: latest.get(gauge.id) ?? null }));
}

export async function readGauge(ctx: AppContext, subject: Subject, id: string) {
  authorize(subject, 'warnings:read');
  const g = await findRecord(ctx.db.kysely, 'gauge', id);
  if (!g) throw notFound('gauge');
  authorize(subject, 'warnings:read', warningTarget(ctx.node.id, g));
  return g;
}

export async function readReadings(ctx: AppContext, subject: Subject, id: string, from?: string, to?: string) {
  await readGauge(ctx, subject, id);
  return readingsOf(ctx.db.kysely, id, from, to);
}

// ---------------------------------------------------------------- the automatic warning

type Lang = keyof LocalizedNameValue;
const TEXT: Record<Lang, { event: string; headline: (place: string, cm: number, threshold: number) => string; instruction: string }> = {
  en: { event: 'Flood', headline: (p, cm, t) => `River level at ${p}: ${cm} cm, above the warning level (${t} cm)`, instruction: 'Keep away from the river bank; move people, livestock and vehicles to higher ground.' },
  ru: { event: 'Паводок', headline: (p, cm, t) => `Уровень воды у поста ${p}: ${cm} см, выше уровня предупреждения (${t} см)`, instruction: 'Держитесь подальше от берега; переведите людей, скот и технику на возвышенность.' },
  tg: { event: 'Обхезӣ', headline: (p, cm, t) => `Сатҳи об дар ${p}: ${cm} см, аз сатҳи огоҳӣ (${t} см) баланд`, instruction: 'Аз соҳили дарё дур бошед; одамон, чорво ва мошинҳоро ба баландӣ баред.' },
  fa: { event: 'سیلاب', headline: (p, cm, t) => `سطح آب در ${p}: ${cm} سانتی‌متر، بالاتر از سطح هشدار (${t} سانتی‌متر)`, instruction: 'از کنار دریا دور بمانید؛ مردم، مواشی و موترها را به جای بلند ببرید.' },
  ps: { event: 'سېلاب', headline: (p, cm, t) => `په ${p} کې د اوبو کچه: ${cm} سانتي متره، د خبرتیا له کچې (${t} سانتي متره) پورته`, instruction: 'د سیند له غاړې لرې اوسئ؛ خلک، څاروي او موټرې لوړو ځایونو ته یوسئ.' },
};

/** The warning a gauge raises: five languages, a 15 km circle around the station. */
export function gaugeWarningInfo(g: GaugeBody, r: Reading): CapInfo[] {
  const danger = levelOf(g.thresholds, r.levelCm) === 'danger';
  const expires = new Date(Date.parse(r.at) + 48 * 3600_000);
  const cap = (d: Date) => `${d.toISOString().slice(0, 19)}+00:00`;
  return (Object.keys(TEXT) as Lang[]).map((lang) => ({
    language: lang,
    category: ['Met'],
    event: TEXT[lang].event,
    responseType: ['Prepare', 'Avoid'],
    urgency: 'Immediate',
    severity: danger ? 'Extreme' : 'Severe',
    certainty: 'Observed',
    audience: null,
    eventCode: [],
    effective: cap(new Date(Date.parse(r.at))),
    onset: null,
    expires: cap(expires),
    senderName: null,
    headline: TEXT[lang].headline(g.name[lang], r.levelCm, g.thresholds.warningCm),
    description: null,
    instruction: TEXT[lang].instruction,
    web: null,
    contact: null,
    parameter: [
      { valueName: 'gauge', value: g.ref ?? g.name.en },
      { valueName: 'levelCm', value: String(r.levelCm) },
      { valueName: 'warningCm', value: String(g.thresholds.warningCm) },
    ],
    area: [{ areaDesc: `${g.river}: ${g.name[lang]}`, polygon: [], circle: [{ center: [g.location[1], g.location[0]], radiusKm: 15 }], geocode: [], altitude: null, ceiling: null }],
  }));
}

export interface ReadingOutcome {
  gaugeId: string;
  at: string;
  stored: boolean;
  /** The warning this reading raised (the first at or above the warning level since the gauge re-armed). */
  warningId: string | null;
}

/**
 * Stores readings and judges each against its gauge's alarm, in one write transaction: the
 * reading, the alarm state and a raised warning commit together or not at all. Readings are
 * judged in time order per gauge; a repeated (gauge, instant) is ignored.
 */
export async function recordReadings(
  ctx: AppContext,
  actor: Actor & { kind: 'user' },
  items: { gaugeId: string; reading: Reading }[],
  source: StoredReading['source'],
): Promise<ReadingOutcome[]> {
  authorize(actor.subject, 'gauges:report');
  const outcomes: ReadingOutcome[] = [];
  await writeRecords(ctx, actor, async (trx: Trx) => {
    outcomes.length = 0;
    const writes: WriteRecord<'warning'>[] = [];
    const gauges = new Map<string, SavedRecord<'gauge'>>();
    for (const id of new Set(items.map((i) => i.gaugeId))) {
      const g = await findRecord(trx, 'gauge', id);
      if (!g) throw notFound(`gauge ${id}`);
      authorize(actor.subject, 'gauges:report', warningTarget(ctx.node.id, g));
      gauges.set(id, g);
    }
    const sorted = [...items].sort((a, b) => Date.parse(a.reading.at) - Date.parse(b.reading.at));
    for (const { gaugeId, reading } of sorted) {
      const at = new Date(reading.at).toISOString();
      const stored = await insertReading(trx, { gaugeId, at, levelCm: reading.levelCm, source, recordedBy: actor.subject.userId });
      let warningId: string | null = null;
      if (stored) {
        const gauge = gauges.get(gaugeId)!;
        const state = await alarmOf(trx, gaugeId);
        const decision = gauge.body.active ? judgeReading(state, gauge.body.thresholds, { at, levelCm: reading.levelCm }) : { next: state, raise: false };
        if (decision.raise) {
          const write = await newWarningWrite(
            ctx,
            trx,
            { status: 'Actual', scope: 'Public', restriction: null, addresses: null, note: null, info: gaugeWarningInfo(gauge.body, { at, levelCm: reading.levelCm }), marking: CLEAR_MARKING },
            { origin: 'gauge', gaugeId },
          );
          writes.push(write);
          warningId = write.id!;
        }
        await saveAlarm(trx, gaugeId, { ...decision.next, warningId: warningId ?? state.warningId });
      }
      outcomes.push({ gaugeId, at, stored, warningId });
    }
    return writes;
  });
  return outcomes;
}

export const manualReadingSchema = readingSchema.extend({ at: readingSchema.shape.at.optional() }).strict();

export const importReadingsSchema = z
  .object({
    readings: z
      .array(z.object({ gauge: z.string().min(1).max(100).meta({ description: 'gauge id or ref' }), at: readingSchema.shape.at, levelCm: readingSchema.shape.levelCm }).strict())
      .min(1)
      .max(5000),
  })
  .strict();

/** Automatic import: gauges named by id or by ref (the station's code). */
export async function importReadings(ctx: AppContext, subject: Subject, input: z.output<typeof importReadingsSchema>) {
  authorize(subject, 'gauges:report');
  const all = await listRecords(ctx.db.kysely, 'gauge');
  const byKey = new Map<string, string>();
  for (const g of all) {
    byKey.set(g.id, g.id);
    if (g.body.ref) byKey.set(g.body.ref, g.id);
  }
  const items = input.readings.map((r, i) => {
    const gaugeId = byKey.get(r.gauge);
    if (!gaugeId) throw new AppError('VALIDATION_FAILED', `readings[${i}].gauge: no gauge "${r.gauge}"`, [{ path: `readings.${i}.gauge`, message: 'unknown gauge' }]);
    return { gaugeId, reading: { at: r.at, levelCm: r.levelCm } };
  });
  return recordReadings(ctx, { kind: 'user', subject }, items, 'automatic');
}
