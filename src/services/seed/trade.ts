import type { Marking } from '../../domain/records/marking.ts';
import { CLEAR_MARKING } from '../../domain/records/marking.ts';
import type { CrossingPointBody } from '../../domain/trade/crossing-point.ts';
import { CROSSING_STEPS, type CrossingBody, type CrossingStep, type Direction } from '../../domain/trade/crossing-times.ts';
import type { DeclarationBody } from '../../domain/trade/declaration.ts';
import { SelectivityEngine, type SelectivityRule } from '../../domain/trade/selectivity.ts';
import type { TransitBody } from '../../domain/trade/transit.ts';
import { findRecord, listRecords, saveNewRecordsBulk } from '../../store/records.repository.ts';
import type { RecordKind } from '../../domain/records/bodies.ts';
import type { RecordOwner } from '../../domain/records/record.ts';
import { countSelectivityRules, insertDecision, insertInspection, listMarkets, upsertMarket, upsertMarketDay, upsertSelectivityRule } from '../../store/trade.repository.ts';
import { inWriteTransaction } from '../../store/transaction.ts';
import type { AppContext } from '../context.ts';
import { writeRecords, type WriteRecord } from '../records.service.ts';
import type { Actor } from '../users.service.ts';
import { resetEngine, selectivityConfig } from '../trade/selectivity.service.ts';
import { prng, stableUuid } from './random.ts';

const SEEDER: Actor = { kind: 'system', name: 'seed-trade' };
const SEEDED_BY = 'system:seed-trade';

/** Ids derived from the node and a name: seeding again finds the same records. */
function seedId(ctx: AppContext, name: string): string {
  return stableUuid(`${ctx.node.id}|trade|${name}`);
}

const week = (open: string, close: string, days: string[]) => Object.fromEntries(days.map((d) => [d, { open, close }]));
const MON_SAT = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const SAT_THU = ['sat', 'sun', 'mon', 'tue', 'wed', 'thu'];
const MON_FRI = ['mon', 'tue', 'wed', 'thu', 'fri'];
// UN/LOCODE sources and what was found: docs/trade.md (section UN/LOCODE).
const AF_LOCODE_NONE = 'Not in the UN/LOCODE list for Afghanistan (read 2026-12-02 from the datasets/un-locode copy): no code assigned to this place; fill it in when one is.';
const TJ_LOCODE_UNCONFIRMED = 'No UN/LOCODE could be confirmed: the Tajik list could not be read from here (the copies searched hold no TJ entries); fill it in from the UNECE list.';
const AF_LOCODE_SHE = 'AFSHE "Sherhan-Bandar", function road terminal, status RL (UN/LOCODE, Afghanistan list); its listed coordinates (3712N 06905E) lie ~45 km east of the bridge.';

/**
 * Indicative profiles (hours, lanes, capacity, fees) — not official figures: enough to show
 * unaligned hours (Tajik side Mon–Sat, Afghan side Sat–Thu) and closed days. Holidays: Nowruz
 * (both), Tajik Independence Day 9 Sep, Afghan Independence Day 19 Aug.
 */
const PROFILES: Record<string, Omit<CrossingPointBody, 'unitId' | 'unitRef' | 'pairedUnitId' | 'stateCode' | 'closedDates'> & { holidays: string[] }> = {
  'tj-bcp-panji-poyon': { locode: null, locodeNote: TJ_LOCODE_UNCONFIRMED, utcOffsetMinutes: 300, hours: week('08:00', '20:00', MON_SAT), lanes: { cargo: 4, passenger: 2 }, capacityTrucksPerDay: 300, feesUsd: { customs_processing: 60, transport_permit: 50, veterinary_phytosanitary: 35, parking: 10, other: 30 }, holidays: ['03-21', '03-22', '09-09'] },
  'af-bcp-sher-khan-bandar': { locode: 'AFSHE', locodeNote: AF_LOCODE_SHE, utcOffsetMinutes: 270, hours: week('08:00', '16:30', SAT_THU), lanes: { cargo: 3, passenger: 1 }, capacityTrucksPerDay: 250, feesUsd: { customs_processing: 80, municipality: 40, parking: 15 }, holidays: ['03-21', '08-19'] },
  'tj-bcp-ruzvai': { locode: null, locodeNote: TJ_LOCODE_UNCONFIRMED, utcOffsetMinutes: 300, hours: week('09:00', '17:00', MON_FRI), lanes: { cargo: 1, passenger: 1 }, capacityTrucksPerDay: 30, feesUsd: { customs_processing: 20 }, holidays: ['03-21', '03-22', '09-09'] },
  'af-bcp-nusay': { locode: null, locodeNote: AF_LOCODE_NONE, utcOffsetMinutes: 270, hours: week('09:00', '16:00', SAT_THU), lanes: { cargo: 1, passenger: 1 }, capacityTrucksPerDay: 25, feesUsd: { customs_processing: 20 }, holidays: ['03-21', '08-19'] },
  'tj-bcp-khumrogi': { locode: null, locodeNote: TJ_LOCODE_UNCONFIRMED, utcOffsetMinutes: 300, hours: week('09:00', '17:00', MON_FRI), lanes: { cargo: 1, passenger: 1 }, capacityTrucksPerDay: 20, feesUsd: { customs_processing: 15 }, holidays: ['03-21', '03-22', '09-09'] },
  'af-bcp-maimay': { locode: null, locodeNote: AF_LOCODE_NONE, utcOffsetMinutes: 270, hours: week('09:00', '16:00', SAT_THU), lanes: { cargo: 1, passenger: 1 }, capacityTrucksPerDay: 20, feesUsd: { customs_processing: 15 }, holidays: ['03-21', '08-19'] },
  'tj-bcp-tem': { locode: null, locodeNote: TJ_LOCODE_UNCONFIRMED, utcOffsetMinutes: 300, hours: week('09:00', '17:00', MON_SAT), lanes: { cargo: 1, passenger: 1 }, capacityTrucksPerDay: 40, feesUsd: { customs_processing: 20 }, holidays: ['03-21', '03-22', '09-09'] },
  'af-bcp-demogan': { locode: null, locodeNote: AF_LOCODE_NONE, utcOffsetMinutes: 270, hours: week('09:00', '16:00', SAT_THU), lanes: { cargo: 1, passenger: 1 }, capacityTrucksPerDay: 40, feesUsd: { customs_processing: 20 }, holidays: ['03-21', '08-19'] },
  'tj-bcp-ishkashim': { locode: null, locodeNote: TJ_LOCODE_UNCONFIRMED, utcOffsetMinutes: 300, hours: week('09:00', '17:00', MON_SAT), lanes: { cargo: 1, passenger: 1 }, capacityTrucksPerDay: 40, feesUsd: { customs_processing: 20 }, holidays: ['03-21', '03-22', '09-09'] },
  'af-bcp-ishkashim-afghanistan': { locode: null, locodeNote: AF_LOCODE_NONE, utcOffsetMinutes: 270, hours: week('09:00', '16:00', SAT_THU), lanes: { cargo: 1, passenger: 1 }, capacityTrucksPerDay: 40, feesUsd: { customs_processing: 20 }, holidays: ['03-21', '08-19'] },
  'tj-bcp-langar': { locode: null, locodeNote: TJ_LOCODE_UNCONFIRMED, utcOffsetMinutes: 300, hours: week('09:00', '16:00', MON_FRI), lanes: { cargo: 1, passenger: 1 }, capacityTrucksPerDay: 10, feesUsd: { customs_processing: 10 }, holidays: ['03-21', '03-22', '09-09'] },
  'af-bcp-wakhan': { locode: null, locodeNote: AF_LOCODE_NONE, utcOffsetMinutes: 270, hours: week('09:00', '15:00', SAT_THU), lanes: { cargo: 1, passenger: 1 }, capacityTrucksPerDay: 10, feesUsd: { customs_processing: 10 }, holidays: ['03-21', '08-19'] },
};

/** A default rule set (analysts replace it): commodity, origin, value bands, watch list, intelligence. */
export const DEFAULT_RULES: SelectivityRule[] = [
  { id: 'hs-93-arms', name: 'Arms and ammunition (HS 93): physical inspection', lane: 'red', active: true, when: { hsPrefixes: ['93'] } },
  { id: 'hs-2939-precursors', name: 'Alkaloids and precursors (HS 2939, 2914, 2915): physical inspection', lane: 'red', active: true, when: { hsPrefixes: ['2939', '2914', '2915'] } },
  { id: 'hs-1211-poppy', name: 'Medicinal plants incl. poppy straw (HS 1211): physical inspection', lane: 'red', active: true, when: { hsPrefixes: ['1211', '1302'] } },
  { id: 'watchlist', name: 'A party or the vehicle is on the watch list', lane: 'red', active: true, when: { watchlistHit: true } },
  { id: 'intel-narcotics', name: 'Narcotics seizures near the crossing in the last 30 days (fruit, nuts, plants)', lane: 'red', active: true, when: { hsPrefixes: ['08', '12', '20'], intelligence: ['smuggling_narcotics'] } },
  { id: 'hs-24-tobacco', name: 'Tobacco and cigarettes (HS 24): documentary check', lane: 'yellow', active: true, when: { hsPrefixes: ['24'] } },
  { id: 'hs-27-fuel-value', name: 'Fuel (HS 2710) declared under 0.3 USD/kg', lane: 'yellow', active: true, when: { hsPrefixes: ['2710'], valuePerKgUsd: { min: 0.3 } } },
  { id: 'hs-2523-cement-value', name: 'Cement (HS 2523) outside 0.04–0.5 USD/kg', lane: 'yellow', active: true, when: { hsPrefixes: ['2523'], valuePerKgUsd: { min: 0.04, max: 0.5 } } },
  { id: 'hs-85-electronics-value', name: 'Electrical equipment (HS 85) under 2 USD/kg', lane: 'yellow', active: true, when: { hsPrefixes: ['85'], valuePerKgUsd: { min: 2 } } },
  { id: 'origin-transhipment', name: 'Goods of third-country origin through the corridor: documents', lane: 'yellow', active: true, when: { hsPrefixes: ['61', '62', '64', '85', '87'], origins: ['CN', 'IR', 'PK', 'AE'] } },
  { id: 'trader-new', name: 'Traders under post-clearance audit', lane: 'blue', active: true, when: { traders: ['AF-TIN-771002', 'TJ-TIN-520078'] } },
];

/** The Panj bridge markets (weekly bazaars): Saturdays, by the crossing points. */
const MARKETS = [
  { ref: 'market-ishkashim', unit: 'tj-bcp-ishkashim', name: { en: 'Ishkashim bridge market', ru: 'Рынок у моста Ишкашим', tg: 'Бозори назди пули Ишкошим', fa: 'بازار پل اشکاشم', ps: 'د اشکاشم د پل بازار' } },
  { ref: 'market-tem', unit: 'tj-bcp-tem', name: { en: 'Tem (Khorog) bridge market', ru: 'Рынок у моста Тем (Хорог)', tg: 'Бозори назди пули Тем (Хоруғ)', fa: 'بازار پل تیم (خاروغ)', ps: 'د تیم (خاروغ) د پل بازار' } },
  { ref: 'market-ruzvai', unit: 'tj-bcp-ruzvai', name: { en: 'Ruzvai (Darvaz) bridge market', ru: 'Рынок у моста Рузвай (Дарвоз)', tg: 'Бозори назди пули Рузвай (Дарвоз)', fa: 'بازار پل روزوای (درواز)', ps: 'د روزوای (درواز) د پل بازار' } },
  { ref: 'market-khumrogi', unit: 'tj-bcp-khumrogi', name: { en: 'Khumrogi bridge market', ru: 'Рынок у моста Хумроги', tg: 'Бозори назди пули Хумроғӣ', fa: 'بازار پل خمروغی', ps: 'د خمروغی د پل بازار' } },
];

const GOODS: { hs: string; description: string; unit: string; kgPerUnit: number; usdPerKg: number; origin: string }[] = [
  { hs: '252329', description: 'Portland cement, in 50 kg bags', unit: 'bag', kgPerUnit: 50, usdPerKg: 0.09, origin: 'TJ' },
  { hs: '760110', description: 'Aluminium, unwrought, not alloyed (ingots)', unit: 'kg', kgPerUnit: 1, usdPerKg: 2.3, origin: 'TJ' },
  { hs: '100199', description: 'Wheat', unit: 'kg', kgPerUnit: 1, usdPerKg: 0.28, origin: 'KZ' },
  { hs: '110100', description: 'Wheat flour', unit: 'bag', kgPerUnit: 50, usdPerKg: 0.36, origin: 'KZ' },
  { hs: '271019', description: 'Diesel fuel', unit: 'l', kgPerUnit: 0.84, usdPerKg: 0.85, origin: 'RU' },
  { hs: '080620', description: 'Raisins', unit: 'kg', kgPerUnit: 1, usdPerKg: 1.6, origin: 'AF' },
  { hs: '080212', description: 'Almonds, shelled', unit: 'kg', kgPerUnit: 1, usdPerKg: 5.5, origin: 'AF' },
  { hs: '520100', description: 'Cotton, not carded', unit: 'kg', kgPerUnit: 1, usdPerKg: 1.7, origin: 'TJ' },
  { hs: '850440', description: 'Static converters', unit: 'pcs', kgPerUnit: 4, usdPerKg: 12, origin: 'CN' },
  { hs: '620342', description: "Men's trousers of cotton", unit: 'pcs', kgPerUnit: 0.6, usdPerKg: 9, origin: 'CN' },
];
const TJ_TRADERS = [
  { name: 'Somon Cement LLC', id: 'TJ-TIN-300111', country: 'TJ' },
  { name: 'Talco Trade', id: 'TJ-TIN-410552', country: 'TJ' },
  { name: 'Khatlon Agro', id: 'TJ-TIN-520078', country: 'TJ' },
];
const AF_TRADERS = [
  { name: 'Kunduz Builders', id: 'AF-TIN-900222', country: 'AF' },
  { name: 'Balkh Dried Fruit Co.', id: 'AF-TIN-771002', country: 'AF' },
  { name: 'Mazar Fuel Traders', id: 'AF-TIN-660419', country: 'AF' },
];

/** Crossing-time targets (hours, USD) at the start of the year; they fall 20 % over the year. */
const TARGETS: Record<string, Record<Direction, { hours: number; costUsd: number; perDay: number }>> = {
  'tj-bcp-panji-poyon': { inbound: { hours: 7.4, costUsd: 185, perDay: 2 }, outbound: { hours: 2.1, costUsd: 20, perDay: 2 } },
  'af-bcp-sher-khan-bandar': { inbound: { hours: 17.3, costUsd: 150, perDay: 2 }, outbound: { hours: 17.3, costUsd: 60, perDay: 2 } },
};
const SMALL = { inbound: { hours: 3, costUsd: 20, perDay: 1 / 7 }, outbound: { hours: 2, costUsd: 10, perDay: 1 / 7 } };

// Share of the total time each step takes, and how often an inspection happens.
const STEP_SHARE: Record<Direction, Partial<Record<CrossingStep, number>>> = {
  inbound: { queue_arrival: 0.42, entry: 0.12, document_check: 0.24, inspection: 0.22, payment: 0.06 },
  outbound: { queue_arrival: 0.35, entry: 0.15, document_check: 0.3, inspection: 0.2, payment: 0.05 },
};

export interface TradeSeedSummary {
  profiles: number;
  rules: number;
  markets: number;
  crossings: number;
  declarations: number;
  transits: number;
  skippedHistory: boolean;
}

/**
 * Trade data of the scenario: crossing-point profiles, default selectivity rules, the bridge
 * markets, and — once — a year of crossings (step timestamps and fees), recent declarations
 * with their lanes and inspections, and transits, at this node's own crossing points.
 */
export async function seedTrade(ctx: AppContext, now = new Date()): Promise<TradeSeedSummary> {
  const db = ctx.db.kysely;
  const units = await listRecords(db, 'unit', { kind: 'crossing_point' });
  const byRef = new Map(units.filter((u) => u.body.ref).map((u) => [u.body.ref!, u]));
  const summary: TradeSeedSummary = { profiles: 0, rules: 0, markets: 0, crossings: 0, declarations: 0, transits: 0, skippedHistory: false };

  // Profiles, by unit, with their yearly holidays. A profile someone edited since (its last
  // version is not the seeder's) is theirs now: seeding again leaves it as it is.
  const profiles: WriteRecord<'crossing_point'>[] = [];
  for (const [ref, p] of Object.entries(PROFILES)) {
    const unit = byRef.get(ref);
    if (!unit) continue;
    const id = seedId(ctx, `profile:${ref}`);
    const existing = await findRecord(db, 'crossing_point', id);
    if (existing && existing.updatedBy !== SEEDED_BY) continue;
    profiles.push({
      type: 'crossing_point',
      id,
      body: { ...p, unitId: unit.id, unitRef: ref, pairedUnitId: unit.body.pairedWithId, stateCode: unit.body.stateCode, closedDates: [] },
      marking: CLEAR_MARKING,
    });
  }
  summary.profiles = (await writeRecords(ctx, SEEDER, profiles)).filter((r) => r.change).length;

  if ((await countSelectivityRules(db)) === 0) {
    await inWriteTransaction(ctx.db, async (trx) => {
      for (const rule of DEFAULT_RULES) await upsertSelectivityRule(trx, rule, 'system:seed-trade', now.toISOString());
    });
    resetEngine(ctx);
    summary.rules = DEFAULT_RULES.length;
  }

  const existingMarkets = new Set((await listMarkets(db)).map((m) => m.ref));
  await inWriteTransaction(ctx.db, async (trx) => {
    for (const m of MARKETS) {
      if (existingMarkets.has(m.ref)) continue;
      await upsertMarket(trx, { id: seedId(ctx, m.ref), ref: m.ref, name: m.name, unitId: byRef.get(m.unit)?.id ?? null, weekday: 'sat', opens: '09:00', closes: '15:00' });
      summary.markets += 1;
    }
  });

  // The year of history is seeded once: its marker record exists → nothing more to do.
  if (!ctx.config.seedTradeHistory) return summary;
  // A node without crossing points of its own in the scenario (the Uzbek observer of the
  // federation demo) has no Tajik–Afghan trade of its own: it sees what the two sides share.
  if (!units.some((u) => u.body.stateCode === ctx.node.stateCode)) {
    summary.skippedHistory = true;
    return summary;
  }
  const marker = seedId(ctx, 'crossing:0');
  if (await findRecord(db, 'crossing', marker)) {
    summary.skippedHistory = true;
    return summary;
  }
  await seedHistory(ctx, now, byRef, summary);
  return summary;
}

/** Seeded trade history belongs to this node's customs agency (and the crossing point unit). */
async function customsOwner(ctx: AppContext, unitId: string | null): Promise<RecordOwner> {
  const agencies = await listRecords(ctx.db.kysely, 'agency', { kind: 'customs', state_code: ctx.node.stateCode });
  return { node: ctx.node.id, state: ctx.node.stateCode, agencyId: agencies[0]?.id ?? null, unitId };
}

function bulk<T extends RecordKind>(ctx: AppContext, type: T, writes: WriteRecord<T>[], owner: RecordOwner): Promise<number> {
  return inWriteTransaction(ctx.db, (trx) => saveNewRecordsBulk(trx, type, writes.map((w) => ({ id: w.id!, body: w.body, marking: w.marking })), owner, 'system:seed-trade'));
}

type UnitRec = Awaited<ReturnType<typeof listRecords<'unit'>>>[number];

async function seedHistory(ctx: AppContext, now: Date, byRef: Map<string, UnitRec>, summary: TradeSeedSummary) {
  const rand = prng(0x5a7ad);
  const DAY = 86_400_000;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const start = today - 365 * DAY;
  const own = [...byRef.values()].filter((u) => u.body.stateCode === ctx.node.stateCode);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const logn = () => Math.exp((rand() + rand() + rand() - 1.5) * 0.9); // median ≈ 1, right-skewed

  // 1. Crossings: generate raw step shares, then scale each (point, direction) so that the first
  //    90 days' median total equals the target and later days fall linearly to 80 % of it.
  const crossings: WriteRecord<'crossing'>[] = [];
  let n = 0;
  for (const unit of own) {
    for (const direction of ['inbound', 'outbound'] as const) {
      const target = (TARGETS[unit.body.ref!] ?? SMALL)[direction];
      const raw: { at: number; steps: [CrossingStep, number][]; fee: number }[] = [];
      for (let day = start; day < today; day += DAY) {
        const count = target.perDay >= 1 ? target.perDay : rand() < target.perDay ? 1 : 0;
        for (let k = 0; k < count; k++) {
          const inspected = rand() < (direction === 'inbound' ? 0.4 : 0.25);
          const steps: [CrossingStep, number][] = [];
          for (const s of CROSSING_STEPS) {
            if (s === 'exit') continue;
            if (s === 'inspection' && !inspected) continue;
            steps.push([s, (STEP_SHARE[direction][s] ?? 0.1) * logn() * (s === 'inspection' ? 1.8 : 1)]);
          }
          raw.push({ at: day + (6 + rand() * 9) * 3_600_000, steps, fee: target.costUsd * (0.8 + rand() * 0.4) * (inspected ? 1.1 : 0.95) });
        }
      }
      const early = raw.filter((r) => r.at < start + 90 * DAY).map((r) => r.steps.reduce((s, [, h]) => s + h, 0)).sort((a, b) => a - b);
      const median = early.length ? early[early.length >> 1]! : 1;
      for (const r of raw) {
        const trend = 1 - 0.2 * Math.max(0, (r.at - start - 90 * DAY) / (275 * DAY));
        const scale = (target.hours / median) * trend;
        const steps: CrossingBody['steps'] = {};
        let t = r.at;
        for (const [s, h] of r.steps) {
          steps[s] = new Date(t).toISOString();
          t += h * scale * 3_600_000;
        }
        steps.exit = new Date(t).toISOString();
        crossings.push({
          type: 'crossing',
          id: seedId(ctx, `crossing:${n++}`),
          body: { crossingPointId: unit.id, crossingPointRef: unit.body.ref, direction, declarationId: null, vehiclePlate: `${1000 + Math.floor(rand() * 9000)} ${unit.body.stateCode} 0${1 + Math.floor(rand() * 9)}`, steps, feesUsd: Math.round(r.fee), discrepancies: [] },
          marking: CLEAR_MARKING,
        });
      }
    }
  }
  // The marker (crossing:0) is written last, so an interrupted seed is completed next time.
  crossings.push(crossings.shift()!);
  const owner = await customsOwner(ctx, null);
  summary.crossings = await bulk(ctx, 'crossing', crossings, owner);

  // 2. Declarations of the last 45 days and the next two, with selectivity and inspections.
  const exit = byRef.get(ctx.node.stateCode === 'AF' ? 'af-bcp-sher-khan-bandar' : 'tj-bcp-panji-poyon');
  if (!exit) return;
  const entry = exit.body.pairedWithId;
  const entryRef = [...byRef.values()].find((u) => u.id === entry)?.body.ref ?? null;
  const other = ctx.node.stateCode === 'AF' ? 'TJ' : 'AF';
  const [mine, theirs] = ctx.node.stateCode === 'AF' ? [AF_TRADERS, TJ_TRADERS] : [TJ_TRADERS, AF_TRADERS];
  const profile = (await listRecords(ctx.db.kysely, 'crossing_point')).find((p) => p.body.unitId === exit.id)?.body;
  const rules = DEFAULT_RULES;
  const engine = new SelectivityEngine(rules, selectivityConfig(ctx));
  const marking: Marking = { tlp: 'AMBER', releasableTo: { states: [other], agencies: [], units: [] }, hops: 1 };
  const decls: WriteRecord<'declaration'>[] = [];
  const decisions: Parameters<typeof insertDecision>[1][] = [];
  const inspections: Parameters<typeof insertInspection>[1][] = [];
  let k = 0;
  for (let day = today - 45 * DAY; day <= today + 2 * DAY; day += DAY) {
    const count = day >= today ? 6 : 3;
    for (let j = 0; j < count; j++) {
      const at = new Date(day + (7 + rand() * 9) * 3_600_000);
      if (profile && !(profile.hours[(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[new Date(at.getTime() + profile.utcOffsetMinutes * 60_000).getUTCDay()]!])) continue;
      const id = seedId(ctx, `declaration:${k}`);
      const items = Array.from({ length: 1 + Math.floor(rand() * 2) }, () => {
        const g = pick(GOODS);
        const mass = Math.round(8000 + rand() * 14000);
        const undervalued = rand() < 0.06;
        return { hsCode: g.hs, description: g.description, quantity: Math.max(1, Math.round(mass / g.kgPerUnit)), unit: g.unit, grossMassKg: mass, value: Math.round(mass * g.usdPerKg * (undervalued ? 0.2 : 0.9 + rand() * 0.2)), currency: 'USD', origin: g.origin };
      });
      const body: DeclarationBody = {
        ref: `${ctx.node.stateCode}-EXP-${new Date(day).toISOString().slice(0, 10).replace(/-/g, '')}-${String(j + 1).padStart(3, '0')}`,
        type: 'export',
        consignor: { ...pick(mine), address: null },
        consignee: { ...pick(theirs), address: null },
        declarant: null,
        items,
        vehicle: { plate: `${1000 + Math.floor(rand() * 9000)} ${ctx.node.stateCode} 0${1 + Math.floor(rand() * 9)}`, nationality: ctx.node.stateCode, trailerPlate: null },
        seals: [`S-${100000 + k * 2}`, `S-${100001 + k * 2}`],
        route: ctx.node.stateCode === 'AF' ? ['Mazar-i-Sharif', 'Kunduz', 'Sher Khan Bandar', 'Panji Poyon', 'Dushanbe'] : ['Dushanbe', 'Bokhtar', 'Panji Poyon', 'Sher Khan Bandar', 'Kunduz'],
        exitPointId: exit.id,
        entryPointId: entry,
        exitPointRef: exit.body.ref,
        entryPointRef: entryRef,
        destinationState: other,
        expectedArrival: at.toISOString(),
        status: at.getTime() < now.getTime() ? 'released' : 'lodged',
        lane: null,
        laneRules: [],
        standbyUntil: null,
      };
      const facts = { id, items: items.map((i) => ({ hsCode: i.hsCode, origin: i.origin, valueUsd: i.value, grossMassKg: i.grossMassKg })), traders: [body.consignor.id, body.consignee.id], exitPointId: exit.id, watchlistHits: [], intelligence: [] };
      const d = engine.decide(facts, new Date(at.getTime() - 6 * 3_600_000));
      body.lane = d.lane;
      body.laneRules = d.fired.map((f) => f.ruleId);
      body.standbyUntil = d.standbyUntil;
      decls.push({ type: 'declaration', id, body, marking });
      decisions.push({ id: seedId(ctx, `decision:${k}`), declarationId: id, lane: d.lane, fired: d.fired, random: d.random, decidedAt: new Date(at.getTime() - 6 * 3_600_000).toISOString() });
      if ((d.lane === 'red' || d.lane === 'yellow') && at.getTime() < now.getTime()) {
        const undervalued = d.fired.some((f) => f.reason.includes('USD/kg'));
        inspections.push({ id: seedId(ctx, `inspection:${k}`), declarationId: id, hit: rand() < (undervalued ? 0.55 : d.random ? 0.08 : 0.2), findings: '', firedRuleIds: d.fired.map((f) => f.ruleId), inspectedBy: 'system:seed-trade', inspectedAt: new Date(at.getTime() + 3 * 3_600_000).toISOString() });
      }
      k++;
    }
  }
  const declOwner = await customsOwner(ctx, exit.id);
  await inWriteTransaction(ctx.db, async (trx) => {
    for (const d of decisions) await insertDecision(trx, d);
    for (const i of inspections) await insertInspection(trx, i);
    summary.declarations = await saveNewRecordsBulk(trx, 'declaration', decls.map((d) => ({ id: d.id!, body: d.body, marking: d.marking })), declOwner, 'system:seed-trade', now);
  });

  // 3. Transits through the exit point: most done, some running, two overdue.
  const transits: WriteRecord<'transit'>[] = [];
  for (let t = 0; t < 24; t++) {
    const declared = today - (60 - t * 2.5) * DAY;
    const startedAt = new Date(declared + 2 * 3_600_000).toISOString();
    const running = t >= 20;
    const overdue = t >= 22;
    const timeLimitHours = overdue ? 24 : 72;
    const status: TransitBody['status'] = running ? 'started' : t % 5 === 0 ? 'terminated' : 'discharged';
    const body: TransitBody = {
      ref: `${ctx.node.stateCode}-TIR-${String(t + 1).padStart(4, '0')}`,
      declarationId: null,
      guarantee: { reference: `XF${String(61000000 + t * 137).slice(0, 8)}`, issuer: 'TIR Carnet (IRU guarantee chain)', amountUsd: 100_000 },
      holder: { ...pick(mine) },
      vehiclePlate: `${1000 + Math.floor(rand() * 9000)} ${ctx.node.stateCode} 0${1 + Math.floor(rand() * 9)}`,
      seals: [`T-${500000 + t}`],
      departureOffice: ctx.node.stateCode === 'AF' ? 'Mazar-i-Sharif customs' : 'Dushanbe customs terminal',
      crossingPointIds: [exit.id],
      destinationOffice: ctx.node.stateCode === 'AF' ? 'Dushanbe customs terminal' : 'Kunduz customs',
      advanceDataAt: new Date(declared).toISOString(),
      timeLimitHours,
      status,
      startedAt: running && !overdue ? new Date(today - 3_600_000 * 5).toISOString() : overdue ? new Date(today - 3 * DAY).toISOString() : startedAt,
      terminatedAt: running ? null : new Date(declared + 20 * 3_600_000).toISOString(),
      terminatedAtPointId: running ? null : exit.id,
      dischargedAt: status === 'discharged' ? new Date(declared + 30 * 3_600_000).toISOString() : null,
      overdueSince: null,
    };
    transits.push({ type: 'transit', id: seedId(ctx, `transit:${t}`), body, marking });
  }
  summary.transits = await bulk(ctx, 'transit', transits, declOwner);

  // 4. A year of market days.
  const markets = await listMarkets(ctx.db.kysely);
  await inWriteTransaction(ctx.db, async (trx) => {
    for (const m of markets) {
      for (let day = start; day < today; day += DAY) {
        if (new Date(day).getUTCDay() !== 6) continue;
        const iso = new Date(day).toISOString().slice(0, 10);
        const winter = [11, 0, 1, 2].includes(new Date(day).getUTCMonth());
        if (winter && rand() < 0.5) continue; // snow closes the Pamir markets half the winter
        const traders = Math.round((m.ref === 'market-ishkashim' ? 120 : 70) * (0.7 + rand() * 0.6));
        await upsertMarketDay(trx, { id: seedId(ctx, `market-day:${m.ref}:${iso}`), marketId: m.id, day: iso, tradersTj: Math.round(traders * 0.55), tradersAf: Math.round(traders * 0.45), visitors: Math.round(traders * (6 + rand() * 6)), turnoverUsd: Math.round(traders * (90 + rand() * 80)), recordedBy: 'system:seed-trade' });
      }
    }
  });
}

