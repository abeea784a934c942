import { z } from 'zod';
import { WEEKDAYS, type CrossingPointBody } from './crossing-point.ts';

/**
 * What the crossing-point editor may change in a profile (PUT /api/crossing-points/:id), and
 * the checks beyond the shape. Times, holidays and the UN/LOCODE arrive as loose strings so that
 * a bad one is answered with its own stable code (HOURS_FORMAT …) rather than a generic 400.
 * The unit, its state, the paired unit and the time zone are the registry's, not editable here.
 */
const loose = z.string().max(20);
export const crossingProfileInputSchema = z
  .object({
    hours: z.partialRecord(z.enum(WEEKDAYS), z.object({ open: loose, close: loose }).strict()),
    lanes: z.object({ cargo: z.number().int().min(0).max(50), passenger: z.number().int().min(0).max(50) }).strict(),
    capacityTrucksPerDay: z.number().int().min(0).max(100_000),
    locode: loose.nullable(),
    locodeNote: z.string().max(300).nullable().optional(),
    holidays: z.array(loose).max(60),
    /** Omitted: the one-off closed dates stay as they are. */
    closedDates: z.array(z.iso.date()).max(400).optional(),
    /** Omitted: the fees stay as they are. */
    feesUsd: z.record(z.string().max(40), z.number().min(0).max(100_000)).optional(),
    /** The version edited, when not sent as If-Match. */
    version: z.number().int().min(1).optional(),
  })
  .strict();
export type CrossingProfileInput = z.output<typeof crossingProfileInputSchema>;

export type ProfileProblemCode = 'HOURS_FORMAT' | 'HOURS_ORDER' | 'HOLIDAY_FORMAT' | 'LOCODE_FORMAT' | 'LOCODE_COUNTRY';
export interface ProfileProblem {
  code: ProfileProblemCode;
  path: string;
  message: string;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** "03-21" → true; "02-30", "3-21", "13-01" → false. 02-29 is allowed (closed in leap years). */
export function isMonthDay(s: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]!;
}

/** "af she", "AF SHE", "afshe" → "AFSHE": the list prints the country and place with a space. */
export function normalizeLocode(s: string): string {
  return s.trim().toUpperCase().replace(/^([A-Z]{2})\s+/, '$1');
}

/** Every problem of an edit, in field order (hours, holidays, LOCODE); empty when it can be saved. */
export function profileProblems(input: CrossingProfileInput, stateCode: string): ProfileProblem[] {
  const out: ProfileProblem[] = [];
  for (const day of WEEKDAYS) {
    const h = input.hours[day];
    if (!h) continue;
    const bad = (['open', 'close'] as const).filter((k) => !HHMM.test(h[k]));
    for (const k of bad) out.push({ code: 'HOURS_FORMAT', path: `hours.${day}.${k}`, message: `${day} ${k}: "${h[k]}" is not a time HH:MM from 00:00 to 23:59` });
    if (bad.length === 0 && h.close <= h.open) out.push({ code: 'HOURS_ORDER', path: `hours.${day}.close`, message: `${day}: closes at ${h.close}, not after it opens at ${h.open}` });
  }
  input.holidays.forEach((d, i) => {
    if (!isMonthDay(d)) out.push({ code: 'HOLIDAY_FORMAT', path: `holidays.${i}`, message: `holiday "${d}" is not a month and day MM-DD (e.g. 03-21)` });
  });
  if (input.locode !== null) {
    const code = normalizeLocode(input.locode);
    if (!/^[A-Z]{2}[A-Z2-9]{3}$/.test(code)) out.push({ code: 'LOCODE_FORMAT', path: 'locode', message: `"${input.locode}" is not a UN/LOCODE: two letters of the country, three letters or digits 2–9 of the place` });
    else if (code.slice(0, 2) !== stateCode) out.push({ code: 'LOCODE_COUNTRY', path: 'locode', message: `UN/LOCODE ${code} is of ${code.slice(0, 2)}, this crossing point is in ${stateCode}` });
  }
  return out;
}

/** The new profile body: the edit applied to the current one (call only when there is no problem). */
export function applyProfileEdit(current: CrossingPointBody, input: CrossingProfileInput): CrossingPointBody {
  const hours: CrossingPointBody['hours'] = {};
  for (const day of WEEKDAYS) {
    const h = input.hours[day];
    if (h) hours[day] = { open: h.open, close: h.close };
  }
  const locode = input.locode === null ? null : normalizeLocode(input.locode);
  return {
    ...current,
    hours,
    lanes: input.lanes,
    capacityTrucksPerDay: input.capacityTrucksPerDay,
    locode,
    locodeNote: input.locodeNote === undefined ? current.locodeNote : input.locodeNote,
    holidays: [...new Set(input.holidays)].sort(),
    closedDates: input.closedDates === undefined ? current.closedDates : [...new Set(input.closedDates)].sort(),
    feesUsd: input.feesUsd ?? current.feesUsd,
  };
}

/** A profile as the registry's point would publish it: the one of the point's own state first. */
export function preferredProfile<P extends { owner: { node: string; state: string }; body: Pick<CrossingPointBody, 'unitId' | 'unitRef'> }>(
  unit: { id: string; ref: string | null; stateCode: string },
  profiles: P[],
  localNode: string,
): P | null {
  const candidates = profiles.filter((p) => p.body.unitId === unit.id || (unit.ref !== null && p.body.unitRef === unit.ref));
  const rank = (p: P) => (p.owner.state === unit.stateCode ? 0 : 2) + (p.owner.node === localNode ? 0 : 1);
  return candidates.sort((a, b) => rank(a) - rank(b))[0] ?? null;
}
