import { z } from 'zod';
import { isStateCode } from '../registry/country-names.ts';
import { chapterTitle, hsCodeProblem, normalizeHsCode } from './hs.ts';
import type { SelectivityRule } from './selectivity.ts';

/**
 * What the rules and markets editor may save, beyond the shape zod checks: a rule that would
 * fire on every declaration, an empty or inverted value band, an HS prefix of a chapter or
 * heading that does not exist, a country that is not one. Each problem names its field path so
 * the form can point at it; the API answers 400 VALIDATION_FAILED with them all.
 */
export interface ConfigProblem {
  path: string;
  message: string;
}

/** An HS prefix as analysts write it ("25", "2523", "2523.29"): why it is not usable, or null. */
export function hsPrefixProblem(prefix: string): string | null {
  const p = normalizeHsCode(prefix);
  if (!/^\d{2}(\d{2}){0,4}$/.test(p)) return `HS prefix "${prefix}" must have 2, 4, 6, 8 or 10 digits`;
  if (p.length === 2) return chapterTitle(p) === null ? `HS chapter ${p} does not exist in HS 2022` : null;
  return hsCodeProblem(p);
}

export function ruleProblems(rule: SelectivityRule): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const w = rule.when;
  const conditions = [w.hsPrefixes, w.origins, w.traders, w.exitPoints, w.valuePerKgUsd, w.watchlistHit, w.intelligence].filter((c) => c !== undefined);
  if (conditions.length === 0) out.push({ path: 'when', message: 'A rule needs at least one condition (goods, origin, trader, crossing, value band, watch list or intelligence)' });
  w.hsPrefixes?.forEach((p, i) => {
    const problem = hsPrefixProblem(p);
    if (problem) out.push({ path: `when.hsPrefixes.${i}`, message: problem });
  });
  w.origins?.forEach((o, i) => {
    if (!isStateCode(o)) out.push({ path: `when.origins.${i}`, message: `"${o}" is not an ISO 3166-1 country code` });
  });
  const band = w.valuePerKgUsd;
  if (band) {
    if (band.min === undefined && band.max === undefined) out.push({ path: 'when.valuePerKgUsd', message: 'A value band needs a minimum, a maximum or both' });
    if (band.min !== undefined && band.max !== undefined && band.min >= band.max) out.push({ path: 'when.valuePerKgUsd.min', message: 'The minimum value per kg must be below the maximum' });
  }
  return out;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM');
const localized = z
  .object({
    en: z.string().trim().min(1).max(200),
    ru: z.string().trim().max(200).optional(),
    tg: z.string().trim().max(200).optional(),
    fa: z.string().trim().max(200).optional(),
    ps: z.string().trim().max(200).optional(),
  })
  .strict();

/** A border market as the editor saves it (the weekly bazaar on a Panj bridge). */
export const marketInputSchema = z
  .object({
    ref: z.string().regex(/^[a-z0-9][a-z0-9-]{2,63}$/, 'a short reference: lower-case letters, digits and hyphens'),
    name: localized,
    unitId: z.uuid().nullable().default(null),
    weekday: z.enum(WEEKDAYS),
    opens: hhmm,
    closes: hhmm,
    active: z.boolean().default(true),
  })
  .strict();
export type MarketInput = z.output<typeof marketInputSchema>;

export function marketProblems(m: MarketInput): ConfigProblem[] {
  return m.opens >= m.closes ? [{ path: 'closes', message: 'A market closes after it opens' }] : [];
}
