import { z } from 'zod';
import { hsCodeProblem, normalizeHsCode } from './hs.ts';
import { isIso4217 } from './currency.ts';

/**
 * An export, import or transit declaration, shaped after the WCO Data Model (3.x) goods
 * declaration: parties (consignor = exporter, consignee = importer, declarant), goods items
 * (HS commodity code, description, quantity, gross mass, statistical value in an ISO 4217
 * currency, origin), the means of transport crossing the border (vehicle), seals, the route
 * (itinerary) and the office of exit / entry with the expected arrival.
 */
export const DECLARATION_TYPES = ['export', 'import', 'transit'] as const;
export const DECLARATION_STATUSES = ['lodged', 'arrived', 'released', 'inspected', 'cancelled'] as const;
export const LANES = ['green', 'blue', 'yellow', 'red'] as const;
export type Lane = (typeof LANES)[number];

const country = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code');
const party = z
  .object({
    name: z.string().trim().min(2).max(200),
    /** Trader identification number (TIN / EORI-like), used by selectivity rules on the trader. */
    id: z.string().trim().min(2).max(40),
    country,
    address: z.string().trim().max(300).nullable().default(null),
  })
  .strict();

const hsCode = z
  .string()
  .trim()
  .superRefine((code, ctx) => {
    const problem = hsCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform(normalizeHsCode);

const currency = z.string().trim().refine(isIso4217, { message: 'not an ISO 4217 currency code in force (e.g. USD, TJS, AFN)' });

export const goodsItemSchema = z
  .object({
    hsCode,
    description: z.string().trim().min(2).max(500),
    quantity: z.number().positive('quantity must be more than 0').max(1e9),
    unit: z.string().trim().min(1).max(10),
    grossMassKg: z.number().positive('gross mass must be more than 0').max(1e7),
    value: z.number().nonnegative('value cannot be negative').max(1e12),
    currency,
    origin: country,
  })
  .strict();
export type GoodsItem = z.output<typeof goodsItemSchema>;

export const declarationBodySchema = z
  .object({
    /** The declarant's own reference (local reference number); unique per owner. */
    ref: z.string().trim().min(3).max(60),
    type: z.enum(DECLARATION_TYPES),
    consignor: party,
    consignee: party,
    declarant: party.nullable().default(null),
    items: z.array(goodsItemSchema).min(1).max(999),
    vehicle: z
      .object({ plate: z.string().trim().min(2).max(20), nationality: country, trailerPlate: z.string().trim().max(20).nullable().default(null) })
      .strict(),
    seals: z.array(z.string().trim().min(1).max(40)).max(50),
    /** Places in order (departure … destination), free text or UN/LOCODE. */
    route: z.array(z.string().trim().min(2).max(100)).min(2).max(20),
    /** The crossing point (registry unit) of exit from the declaring side. */
    exitPointId: z.uuid(),
    /** The crossing point of entry on the other side (its paired unit). */
    entryPointId: z.uuid().nullable(),
    /** The scenario refs of the two points: unit ids are per node, the other side resolves by ref. */
    exitPointRef: z.string().max(100).nullable().default(null),
    entryPointRef: z.string().max(100).nullable().default(null),
    destinationState: country,
    expectedArrival: z.iso.datetime({ offset: true }),
    status: z.enum(DECLARATION_STATUSES),
    /** Selectivity outcome, set by the declaring side's engine. */
    lane: z.enum(LANES).nullable(),
    laneRules: z.array(z.string().max(80)).max(50),
    standbyUntil: z.iso.datetime({ offset: true }).nullable(),
  })
  .strict();
export type DeclarationBody = z.output<typeof declarationBodySchema>;
export type DeclarationInput = z.input<typeof declarationBodySchema>;

export const totalGrossMassKg = (d: Pick<DeclarationBody, 'items'>) => d.items.reduce((s, i) => s + i.grossMassKg, 0);

/** Values are compared in USD: a fixed table keeps the domain pure; unknown currencies → null. */
export function totalValueUsd(d: Pick<DeclarationBody, 'items'>, usdPer: Readonly<Record<string, number>>): number | null {
  let sum = 0;
  for (const i of d.items) {
    const rate = i.currency === 'USD' ? 1 : usdPer[i.currency];
    if (rate === undefined) return null;
    sum += i.value * rate;
  }
  return sum;
}

/** Indicative USD per unit for the currencies of the corridor (for value bands, not accounting). */
export const USD_PER: Readonly<Record<string, number>> = { USD: 1, EUR: 1.08, TJS: 0.094, AFN: 0.0142, UZS: 0.000079, CNY: 0.139, RUB: 0.011, KZT: 0.002, PKR: 0.0036, IRR: 0.0000238, TRY: 0.029 };

/** Parties may be natural persons: declarations travel only under agreements allowing personal data. */
export const declarationHoldsPersonalData = () => true;
