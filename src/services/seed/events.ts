import { eventBodySchema, type EventBody, type EventCategory } from '../../domain/events/event.ts';
import { normalisedKg, seizureBodySchema, type SeizureBody } from '../../domain/events/seizure.ts';
import { snapToBorder } from '../../domain/events/snapping.ts';
import type { LonLat } from '../../domain/geo/geo.ts';
import type { Marking } from '../../domain/records/marking.ts';
import type { Scenario } from '../../domain/registry/scenario.ts';
import { borderSnapshot } from '../border-snapshot.ts';
import type { AppContext } from '../context.ts';
import { writeRecords, type WriteRecord } from '../records.service.ts';
import type { Actor } from '../users.service.ts';
import { prng, stableUuid } from './random.ts';

const SEEDER: Actor = { kind: 'system', name: 'seed' };
export const SEEDED_EVENTS = 420;
/** Seeded events are at least this old, so the picture's newest hours belong to real reports. */
const MIN_AGE_H = 48;

/** A stable UUID (v4 layout) from a name: seeding again finds the same records. */
function stableId(name: string): string {
  return stableUuid(`sarhad-seed:${name}`);
}

type Pick = <T>(list: readonly T[]) => T;

/** Category weights by month (0 = January): narcotics peak in the winter low-water months, floods and mudflows in spring. */
function categoryWeights(month: number): [EventCategory, number][] {
  const winter = [10, 11, 0, 1, 2].includes(month);
  const spring = [2, 3, 4, 5].includes(month);
  return [
    ['smuggling_narcotics', winter ? 30 : 12],
    ['illegal_crossing', 14],
    ['smuggling_goods', 8],
    ['smuggling_fuel', 5],
    ['smuggling_livestock', 3],
    ['smuggling_arms', 3],
    ['trafficking_persons', 2],
    ['detention', 8],
    ['suspicious_activity', 10],
    ['armed_incident', 1],
    ['infrastructure_damage', 2],
    ['flood', spring ? 14 : 1],
    ['mudflow', spring ? 10 : 1],
    ['landslide', spring ? 4 : 1],
    ['avalanche', [11, 0, 1, 2].includes(month) ? 5 : 0],
    ['earthquake', 1],
  ];
}

const NARRATIVES: Partial<Record<EventCategory, [string, EventBody['narrative']['lang']][]>> = {
  smuggling_narcotics: [
    ['Патруль задержал двоих при переправе через Пяндж на камерах; изъят груз.', 'ru'],
    ['Дар соҳили дарёи Панҷ ду нафар бо бор боздошт шуданд.', 'tg'],
    ['Patrol intercepted a river crossing at night; packages recovered on the bank.', 'en'],
  ],
  illegal_crossing: [
    ['A group of five crossed the river at low water and was stopped by the patrol.', 'en'],
    ['Гурӯҳи се нафар сарҳадро ғайриқонунӣ убур карданд.', 'tg'],
  ],
  flood: [
    ['سطح آب دریای پنج بلند رفت و راه مرزی را آب گرفت.', 'fa'],
    ['Паводок размыл участок дороги вдоль границы.', 'ru'],
  ],
  mudflow: [['Сел перекрыл дорогу к заставе; связь восстановлена.', 'ru'], ['Mudflow blocked the patrol road after heavy rain.', 'en']],
  armed_incident: [['د پولې په اوږدو کې ډزې وشوې؛ هیڅوک ټپي نه شو.', 'ps'], ['Exchange of fire across the river at night; no casualties.', 'en']],
  avalanche: [['Avalanche on the Pamir road; the post is cut off for two days.', 'en']],
};
const GENERIC: [string, EventBody['narrative']['lang']][] = [
  ['Reported by the patrol; details in the follow-up report.', 'en'],
  ['Маълумот аз посбонӣ; тафсилот дар гузориши минбаъда.', 'tg'],
  ['گزارش از گزمه؛ جزئیات در گزارش بعدی.', 'fa'],
];

const SEVERITY_BY: Partial<Record<EventCategory, EventBody['severity'][]>> = {
  armed_incident: ['high', 'critical'],
  smuggling_arms: ['high', 'high', 'critical'],
  trafficking_persons: ['high'],
  flood: ['medium', 'high', 'critical'],
  mudflow: ['medium', 'high'],
  avalanche: ['medium', 'high'],
  earthquake: ['low', 'medium', 'high'],
};

function seizuresFor(category: EventCategory, pick: Pick, rnd: () => number): Omit<SeizureBody, 'eventId' | 'seizedAt'>[] {
  const base = { description: null, concealmentDetail: null, route: { origin: 'AF', transit: ['TJ'], destination: pick(['RU', 'KZ', 'TJ', 'KG']) }, persons: [] };
  const drug = (substance: string, maxKg: number) => {
    const value = Math.round((0.5 + rnd() * maxKg) * 10) / 10;
    return {
      ...base,
      itemKind: 'narcotics' as const,
      substance,
      quantity: { value, unit: 'kg' as const, currency: null },
      quantityKg: normalisedKg(substance, value, 'kg'),
      concealment: pick(['backpack', 'boat', 'cache', 'vehicle_compartment', 'on_body'] as const),
      conveyance: pick(['on_foot', 'inner_tube', 'boat', 'car'] as const),
      detectionMethod: pick(['patrol', 'intelligence', 'canine', 'routine_control', 'community_report'] as const),
    };
  };
  if (category === 'smuggling_narcotics') {
    const out = [drug(pick(['heroin', 'heroin', 'opium', 'hashish', 'hashish', 'methamphetamine']), 40)];
    if (rnd() < 0.15) {
      const litres = Math.round(50 + rnd() * 400);
      out.push({ ...base, itemKind: 'precursors' as const, substance: 'acetic_anhydride', quantity: { value: litres, unit: 'l' as const, currency: null }, quantityKg: normalisedKg('acetic_anhydride', litres, 'l'), concealment: 'cargo', conveyance: 'truck', detectionMethod: 'risk_profiling', route: { origin: 'TJ', transit: [], destination: 'AF' } } as never);
    }
    return out as never;
  }
  if (category === 'smuggling_arms' || category === 'armed_incident') {
    const n = 1 + Math.floor(rnd() * 6);
    return [
      { ...base, itemKind: 'weapons', substance: 'firearm', quantity: { value: n, unit: 'pieces', currency: null }, quantityKg: null, concealment: 'cache', conveyance: 'on_foot', detectionMethod: 'patrol' },
      { ...base, itemKind: 'ammunition', substance: 'ammunition', quantity: { value: 100 + Math.floor(rnd() * 900), unit: 'rounds', currency: null }, quantityKg: null, concealment: 'cache', conveyance: 'on_foot', detectionMethod: 'patrol' },
    ] as never;
  }
  if (category === 'smuggling_fuel') {
    const l = Math.round(200 + rnd() * 3000);
    return [{ ...base, itemKind: 'goods', substance: 'fuel', quantity: { value: l, unit: 'l', currency: null }, quantityKg: normalisedKg('fuel', l, 'l'), concealment: 'vehicle_fuel_tank', conveyance: 'truck', detectionMethod: 'routine_control', route: { origin: 'TJ', transit: [], destination: 'AF' } }] as never;
  }
  return [];
}

/**
 * A year of events along the Tajik–Afghan border, published (some closed), dated relative to
 * now, with seizures: deterministic (seeded PRNG, ids derived from the index) and idempotent
 * (an id that exists is left alone). Only for the tj-af scenario.
 */
export async function seedEvents(ctx: AppContext, scenario: Scenario, now = new Date()): Promise<{ created: number }> {
  if (scenario.id !== 'tj-af') return { created: 0 };
  const border = await borderSnapshot(ctx);
  if (border.sections.length === 0) return { created: 0 };
  const existing = new Set((await ctx.db.kysely.selectFrom('events').select('id').where('id', 'in', Array.from({ length: SEEDED_EVENTS }, (_, i) => stableId(`event-${i}`))).execute()).map((r) => r.id));
  if (existing.size === SEEDED_EVENTS) return { created: 0 };
  const rnd = prng(20_261_202);
  const pick: Pick = (list) => list[Math.floor(rnd() * list.length)]!;
  const tjUnits = border.units.filter((u) => u.stateCode === 'TJ');
  const writes: WriteRecord<'event' | 'seizure'>[] = [];
  for (let i = 0; i < SEEDED_EVENTS; i++) {
    // Draw everything for every index, so one index's event never depends on which others exist.
    const ageH = MIN_AGE_H + rnd() * (365 * 24 - MIN_AGE_H);
    const occurred = new Date(now.getTime() - ageH * 3_600_000);
    const weights = categoryWeights(occurred.getUTCMonth());
    let w = rnd() * weights.reduce((s, [, x]) => s + x, 0);
    const category = weights.find(([, x]) => (w -= x) < 0)?.[0] ?? 'suspicious_activity';
    const section = pick(border.sections);
    const vertex = section.line[Math.floor(rnd() * section.line.length)]!;
    const point: LonLat = [vertex[0] + (rnd() - 0.5) * 0.04, vertex[1] + (rnd() - 0.5) * 0.03];
    const snapped = snapToBorder(point, border.sections, border.units, 50, 'TJ');
    const delayH = rnd() < 0.1 ? 24 + rnd() * 48 : 0.5 + rnd() * 20;
    const published = new Date(Math.min(now.getTime() - 3_600_000, occurred.getTime() + delayH * 3_600_000));
    const closed = rnd() < 0.35;
    const [text, lang] = pick(NARRATIVES[category] ?? GENERIC);
    const id = stableId(`event-${i}`);
    const reliability = pick(['A', 'B', 'B', 'C', 'C', 'D', 'F'] as const);
    const severity = pick(SEVERITY_BY[category] ?? ['low', 'medium', 'medium', 'high']);
    const seizures = seizuresFor(category, pick, rnd);
    const tlp = rnd() < 0.7 ? 'GREEN' : 'AMBER';
    if (existing.has(id) || !snapped.ok) continue;
    const body: EventBody = eventBodySchema.parse({
      category,
      severity,
      status: closed ? 'closed' : 'published',
      occurredAt: occurred.toISOString(),
      detectedAt: null,
      reportedAt: new Date(occurred.getTime() + Math.min(delayH / 2, 6) * 3_600_000).toISOString(),
      location: { lat: Math.round(point[1] * 1e5) / 1e5, lon: Math.round(point[0] * 1e5) / 1e5 },
      sectionId: snapped.sectionId,
      unitId: snapped.unitId,
      borderDistanceKm: snapped.distanceKm,
      reportingUnitId: snapped.unitId ?? tjUnits[0]?.id ?? null,
      narrative: { text, lang },
      involved: {
        persons: category.startsWith('smuggling') || category === 'illegal_crossing' || category === 'detention' ? [{ role: 'suspect', count: 1 + Math.floor(rnd() * 4), nationality: pick(['AF', 'TJ']), names: [], documents: [] }] : [],
        vehicles: [],
        goods: [],
      },
      grading: { reliability, credibility: 1 + Math.floor(rnd() * 4) },
      source: 'officer',
      communityReportId: null,
      followUpOf: null,
      returnComment: null,
      validatedBy: 'system:seed',
      firstPublishedAt: published.toISOString(),
      closure: closed ? { outcome: rnd() < 0.9 ? 'resolved' : 'did_not_happen', at: new Date(Math.min(now.getTime(), published.getTime() + 48 * 3_600_000)).toISOString(), comment: null } : null,
    });
    const marking: Marking = { tlp, releasableTo: { states: [], agencies: [], units: [] }, hops: 1 };
    writes.push({ type: 'event', id, body, marking });
    seizures.forEach((s, k) => writes.push({ type: 'seizure', id: stableId(`seizure-${i}-${k}`), body: seizureBodySchema.parse({ ...s, eventId: id, seizedAt: body.occurredAt }), marking }));
  }
  await writeRecords(ctx, SEEDER, writes);
  return { created: writes.filter((w) => w.type === 'event').length };
}
