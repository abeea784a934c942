import { z } from 'zod';

/**
 * A seizure linked to an event, shaped after the WCO Customs Enforcement Network (CEN) seizure
 * record and the UNODC Individual Drug Seizures (IDS) form: what, how much (as entered and in
 * kilograms), how it was hidden and carried, the route, and how it was found.
 */

/** Item kinds and the substances/items of each (UNODC IDS and WCO CEN commodity groups). */
export const SEIZURE_ITEMS = {
  narcotics: ['heroin', 'opium', 'morphine', 'hashish', 'cannabis_herb', 'methamphetamine', 'amphetamine', 'cocaine', 'tramadol', 'other_drug'],
  precursors: ['acetic_anhydride', 'ephedrine', 'pseudoephedrine', 'other_precursor'],
  weapons: ['firearm', 'explosives', 'other_weapon'],
  ammunition: ['ammunition'],
  cash: ['cash'],
  goods: ['cigarettes', 'fuel', 'livestock', 'textiles', 'electronics', 'other_goods'],
} as const;
export type SeizureItemKind = keyof typeof SEIZURE_ITEMS;
export const SEIZURE_ITEM_KINDS = Object.keys(SEIZURE_ITEMS) as [SeizureItemKind, ...SeizureItemKind[]];
export const SUBSTANCES = Object.values(SEIZURE_ITEMS).flat() as [string, ...string[]];
export type Substance = (typeof SEIZURE_ITEMS)[SeizureItemKind][number];

export const QUANTITY_UNITS = ['g', 'kg', 't', 'ml', 'l', 'pieces', 'rounds', 'head', 'amount'] as const;
export type QuantityUnit = (typeof QUANTITY_UNITS)[number];

export const CONCEALMENTS = ['none', 'on_body', 'in_body', 'luggage', 'backpack', 'vehicle_compartment', 'vehicle_fuel_tank', 'cargo', 'mixed_with_goods', 'boat', 'animal', 'postal', 'cache', 'other'] as const;
export const CONVEYANCES = ['on_foot', 'car', 'truck', 'bus', 'motorcycle', 'boat', 'inner_tube', 'animal', 'rail', 'air', 'postal', 'other'] as const;
export const DETECTION_METHODS = ['patrol', 'intelligence', 'risk_profiling', 'routine_control', 'x_ray', 'canine', 'informant', 'community_report', 'joint_operation', 'other'] as const;

/** Density for volume → mass (kg per litre); water-like unless known. */
const DENSITY_KG_PER_L: Partial<Record<string, number>> = { acetic_anhydride: 1.08, fuel: 0.84 };

/** Largest plausible quantity per unit: beyond it the entry is a typo, not a seizure. */
export const MAX_QUANTITY: Record<QuantityUnit, number> = {
  g: 100_000_000, // 100 t
  kg: 100_000, // 100 t (the largest Afghan-route seizures are a few tonnes; precursors tens)
  t: 100,
  ml: 100_000_000,
  l: 100_000,
  pieces: 10_000_000,
  rounds: 10_000_000,
  head: 100_000,
  amount: 1_000_000_000,
};

/** Units that make sense for each item kind. */
const UNITS_FOR: Record<SeizureItemKind, readonly QuantityUnit[]> = {
  narcotics: ['g', 'kg', 't', 'ml', 'l', 'pieces'],
  precursors: ['g', 'kg', 't', 'ml', 'l'],
  weapons: ['pieces', 'kg'],
  ammunition: ['rounds', 'pieces', 'kg'],
  cash: ['amount'],
  goods: ['g', 'kg', 't', 'l', 'ml', 'pieces', 'head'],
};

/** Kilograms for a quantity, or null when it is counted (pieces, rounds, head, cash). */
export function normalisedKg(substance: string, value: number, unit: QuantityUnit): number | null {
  const density = DENSITY_KG_PER_L[substance] ?? 1;
  const kg = { g: value / 1000, kg: value, t: value * 1000, ml: (value / 1000) * density, l: value * density }[unit as 'g'];
  return kg === undefined ? null : Math.round(kg * 1e6) / 1e6;
}

const country = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2');
const text = (max: number) => z.string().trim().min(1).max(max);

export const seizurePersonSchema = z
  .object({
    role: z.enum(['suspect', 'courier', 'owner', 'other']),
    nationality: country.nullable().default(null),
    gender: z.enum(['male', 'female', 'unknown']).default('unknown'),
    ageGroup: z.enum(['minor', 'adult', 'unknown']).default('unknown'),
    /** Personal data: never in the statistics export, shown only to roles cleared for it. */
    name: text(300).nullable().default(null),
    document: text(40).nullable().default(null),
  })
  .strict();

/** What the officer enters. */
export const seizureInputSchema = z
  .object({
    itemKind: z.enum(SEIZURE_ITEM_KINDS),
    substance: z.enum(SUBSTANCES),
    description: text(500).nullable().default(null),
    quantity: z
      .object({
        value: z.number({ error: 'a number' }).finite().positive('must be more than 0'),
        unit: z.enum(QUANTITY_UNITS),
        /** ISO 4217 for cash. */
        currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code').nullable().default(null),
      })
      .strict(),
    concealment: z.enum(CONCEALMENTS),
    concealmentDetail: text(500).nullable().default(null),
    conveyance: z.enum(CONVEYANCES),
    route: z
      .object({ origin: country.nullable().default(null), transit: z.array(country).max(10).default([]), destination: country.nullable().default(null) })
      .strict()
      .default({ origin: null, transit: [], destination: null }),
    detectionMethod: z.enum(DETECTION_METHODS),
    seizedAt: z.iso.datetime({ offset: true }).optional(),
    persons: z.array(seizurePersonSchema).max(50).default([]),
  })
  .strict()
  .superRefine((s, c) => {
    if (!(SEIZURE_ITEMS[s.itemKind] as readonly string[]).includes(s.substance)) {
      c.addIssue({ code: 'custom', path: ['substance'], message: `${s.substance} is not a kind of ${s.itemKind} (one of ${SEIZURE_ITEMS[s.itemKind].join(', ')})` });
    }
    if (!UNITS_FOR[s.itemKind].includes(s.quantity.unit)) {
      c.addIssue({ code: 'custom', path: ['quantity', 'unit'], message: `${s.itemKind} is measured in ${UNITS_FOR[s.itemKind].join(', ')}` });
    }
    if (s.quantity.value > MAX_QUANTITY[s.quantity.unit]) {
      c.addIssue({ code: 'custom', path: ['quantity', 'value'], message: `${s.quantity.value} ${s.quantity.unit} is not a plausible seizure (at most ${MAX_QUANTITY[s.quantity.unit]} ${s.quantity.unit})` });
    }
    if (s.itemKind === 'cash' && !s.quantity.currency) c.addIssue({ code: 'custom', path: ['quantity', 'currency'], message: 'cash needs a currency' });
  });
export type SeizureInput = z.output<typeof seizureInputSchema>;

/** The stored body (record kind `seizure`). */
export const seizureBodySchema = z
  .object({
    eventId: z.uuid(),
    itemKind: z.enum(SEIZURE_ITEM_KINDS),
    substance: z.enum(SUBSTANCES),
    description: z.string().nullable(),
    quantity: z.object({ value: z.number().positive(), unit: z.enum(QUANTITY_UNITS), currency: z.string().nullable() }).strict(),
    quantityKg: z.number().min(0).nullable(),
    concealment: z.enum(CONCEALMENTS),
    concealmentDetail: z.string().nullable(),
    conveyance: z.enum(CONVEYANCES),
    route: z.object({ origin: country.nullable(), transit: z.array(country), destination: country.nullable() }).strict(),
    detectionMethod: z.enum(DETECTION_METHODS),
    seizedAt: z.iso.datetime({ offset: true }),
    persons: z.array(seizurePersonSchema),
  })
  .strict();
export type SeizureBody = z.output<typeof seizureBodySchema>;

export function seizureHoldsPersonalData(body: SeizureBody): boolean {
  return body.persons.some((p) => p.name !== null || p.document !== null);
}

export function seizureWithoutPersonalData(body: SeizureBody): SeizureBody {
  return { ...body, persons: body.persons.map((p) => ({ ...p, name: null, document: null })) };
}

/** One row of the statistics export: no persons (only counts by nationality), no free text, no ids of people. */
export interface SeizureStatRow {
  seizureId: string;
  eventId: string;
  seizedAt: string;
  reportingState: string;
  sectionId: string | null;
  itemKind: string;
  substance: string;
  quantity: number;
  unit: string;
  currency: string | null;
  quantityKg: number | null;
  concealment: string;
  conveyance: string;
  routeOrigin: string | null;
  routeTransit: string;
  routeDestination: string | null;
  detectionMethod: string;
  persons: number;
  nationalities: string;
}

export function seizureStatRow(id: string, body: SeizureBody, event: { reportingState: string; sectionId: string | null }): SeizureStatRow {
  const nationalities = new Map<string, number>();
  for (const p of body.persons) if (p.nationality) nationalities.set(p.nationality, (nationalities.get(p.nationality) ?? 0) + 1);
  return {
    seizureId: id,
    eventId: body.eventId,
    seizedAt: body.seizedAt,
    reportingState: event.reportingState,
    sectionId: event.sectionId,
    itemKind: body.itemKind,
    substance: body.substance,
    quantity: body.quantity.value,
    unit: body.quantity.unit,
    currency: body.quantity.currency,
    quantityKg: body.quantityKg,
    concealment: body.concealment,
    conveyance: body.conveyance,
    routeOrigin: body.route.origin,
    routeTransit: body.route.transit.join(' '),
    routeDestination: body.route.destination,
    detectionMethod: body.detectionMethod,
    persons: body.persons.length,
    nationalities: [...nationalities].sort(([a], [b]) => a.localeCompare(b)).map(([c, n]) => `${c}:${n}`).join(' '),
  };
}

export const SEIZURE_STAT_COLUMNS: (keyof SeizureStatRow)[] = [
  'seizureId', 'eventId', 'seizedAt', 'reportingState', 'sectionId', 'itemKind', 'substance', 'quantity', 'unit', 'currency', 'quantityKg',
  'concealment', 'conveyance', 'routeOrigin', 'routeTransit', 'routeDestination', 'detectionMethod', 'persons', 'nationalities',
];

/** RFC 4180 CSV; a cell starting with = + - @ is prefixed with ' so spreadsheets do not run it. */
export function toCsv(rows: readonly SeizureStatRow[]): string {
  const cell = (v: unknown) => {
    let s = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s) && typeof v === 'string') s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [SEIZURE_STAT_COLUMNS.join(','), ...rows.map((r) => SEIZURE_STAT_COLUMNS.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
