import { z } from 'zod';

/**
 * A crossing point's trade profile, one per side (WTO TFA Art. 8: each side's hours, so the
 * two can be aligned). It refers to the registry unit (kind crossing_point) and to the unit
 * on the other bank; times are local wall-clock at a fixed UTC offset (neither Tajikistan,
 * UTC+5, nor Afghanistan, UTC+4:30, observes daylight saving).
 */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const crossingPointBodySchema = z
  .object({
    unitId: z.uuid(),
    unitRef: z.string().nullable(),
    pairedUnitId: z.uuid().nullable(),
    stateCode: z.string().regex(/^[A-Z]{2}$/),
    /** UN/LOCODE when one is assigned; null with a note when none could be confirmed. */
    locode: z.string().regex(/^[A-Z]{2}[A-Z2-9]{3}$/).nullable(),
    locodeNote: z.string().max(300).nullable(),
    utcOffsetMinutes: z.number().int().min(-720).max(840),
    /** Opening hours per weekday; a weekday missing is a closed day. */
    hours: z.partialRecord(z.enum(WEEKDAYS), z.object({ open: hhmm, close: hhmm }).strict()),
    /** Dates (local) the crossing is closed: floods, security closures, one-off holidays. */
    closedDates: z.array(z.iso.date()).max(400),
    /**
     * Yearly holidays, local month-day (MM-DD), closed every year. Optional so that profiles
     * written before it existed keep their content hash (and signature) unchanged.
     */
    holidays: z.array(z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)).max(60).optional(),
    lanes: z.object({ cargo: z.number().int().min(0).max(50), passenger: z.number().int().min(0).max(50) }).strict(),
    /** Trucks a day the crossing can clear at full staffing. */
    capacityTrucksPerDay: z.number().int().min(0).max(100_000),
    /** Fees charged per truck, USD, by step (customs processing, veterinary, parking …). */
    feesUsd: z.record(z.string().max(40), z.number().min(0).max(100_000)),
  })
  .strict();
export type CrossingPointBody = z.output<typeof crossingPointBodySchema>;

/** The local date (YYYY-MM-DD) and weekday of an instant at the crossing. */
export function localDay(profile: Pick<CrossingPointBody, 'utcOffsetMinutes'>, at: Date): { date: string; weekday: (typeof WEEKDAYS)[number] } {
  const local = new Date(at.getTime() + profile.utcOffsetMinutes * 60_000);
  const weekday = WEEKDAYS[(local.getUTCDay() + 6) % 7]!;
  return { date: local.toISOString().slice(0, 10), weekday };
}

/** Is the crossing open at all on the local day of `at` (hours that day and not a closed date)? */
export function isOpenOnDay(profile: CrossingPointBody, at: Date): boolean {
  const { date, weekday } = localDay(profile, at);
  return profile.hours[weekday] !== undefined && !profile.closedDates.includes(date) && !(profile.holidays ?? []).includes(date.slice(5));
}
