import { z } from 'zod';
import { isIso4217 } from '../trade/currency.ts';
import { AGENCY_REF, EQUIPMENT_CONDITIONS, EQUIPMENT_KINDS, EQUIPMENT_UNITS, INITIATIVE_STATUSES, PARTNER_CODE } from './vocabulary.ts';

/**
 * The partners' 3W as shareable records (docs/partners.md): an initiative (who funds what, for
 * whom, where, when, how much), a training (course, dates, trainees by agency and sex) and an
 * equipment delivery (kind, quantity, unit, condition). None holds personal data: trainees are
 * counted, never named.
 */

const day = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

/** A place in the registry: a unit (post, crossing point, BLO, HQ) or a border section, by id and scenario ref. */
export const placeSchema = z
  .object({
    type: z.enum(['unit', 'section']),
    id: z.uuid(),
    /** Ids are per node; the other side finds the place by its ref. */
    ref: z.string().max(100).nullable(),
  })
  .strict();
export type Place = z.output<typeof placeSchema>;

export const currencySchema = z.string().refine(isIso4217, { message: 'not an ISO 4217 currency code' });

export const initiativeBodySchema = z
  .object({
    /** The partner's own reference (project number), unique per partner: re-importing a sheet updates. */
    ref: text(80),
    partner: z.string().regex(PARTNER_CODE),
    title: text(300),
    description: z.string().trim().max(4000).default(''),
    /** Beneficiary agencies by registry ref. */
    beneficiaries: z.array(z.string().regex(AGENCY_REF)).max(20),
    places: z.array(placeSchema).max(100),
    /** The state that benefits (a partner's initiative on both banks is two records). */
    stateCode: z.string().regex(/^[A-Z]{2}$/),
    start: day,
    end: day.nullable(),
    budget: z.number().min(0).max(1e12).nullable(),
    currency: currencySchema.nullable(),
    status: z.enum(INITIATIVE_STATUSES),
    outputs: z.array(text(500)).max(50),
    /** Seeded demonstration data, not a partner's figures. */
    illustrative: z.boolean().default(false),
  })
  .strict()
  .refine((b) => b.end === null || b.end >= b.start, { message: 'end is before start', path: ['end'] })
  .refine((b) => (b.budget === null) === (b.currency === null), { message: 'a budget needs its currency (and a currency its budget)', path: ['currency'] });
export type InitiativeBody = z.output<typeof initiativeBodySchema>;

const count = z.number().int().min(0).max(100_000);
export const traineesSchema = z.object({ agency: z.string().regex(AGENCY_REF), female: count, male: count }).strict();

export const trainingBodySchema = z
  .object({
    ref: text(80),
    initiativeId: z.uuid().nullable(),
    partner: z.string().regex(PARTNER_CODE),
    course: text(300),
    stateCode: z.string().regex(/^[A-Z]{2}$/),
    place: placeSchema.nullable(),
    start: day,
    end: day,
    trainees: z.array(traineesSchema).max(20),
    illustrative: z.boolean().default(false),
  })
  .strict()
  .refine((b) => b.end >= b.start, { message: 'end is before start', path: ['end'] });
export type TrainingBody = z.output<typeof trainingBodySchema>;

export const equipmentBodySchema = z
  .object({
    ref: text(80),
    initiativeId: z.uuid().nullable(),
    partner: z.string().regex(PARTNER_CODE),
    kind: z.enum(EQUIPMENT_KINDS),
    quantity: z.number().int().min(1).max(100_000),
    unit: z.enum(EQUIPMENT_UNITS),
    condition: z.enum(EQUIPMENT_CONDITIONS),
    stateCode: z.string().regex(/^[A-Z]{2}$/),
    /** Where it is held (a unit or a section); the beneficiary agency by ref. */
    place: placeSchema.nullable(),
    agency: z.string().regex(AGENCY_REF).nullable(),
    deliveredOn: day,
    illustrative: z.boolean().default(false),
  })
  .strict();
export type EquipmentBody = z.output<typeof equipmentBodySchema>;

export const traineeTotal = (t: TrainingBody) => t.trainees.reduce((n, x) => n + x.female + x.male, 0);
