import { z } from 'zod';
import { localizedNameSchema, lonLatSchema } from '../registry/entities.ts';

/** A river gauge (water-level station) with the levels that matter, in centimetres on its staff. */
export const gaugeThresholdsSchema = z
  .object({
    /** Watch: drawn on the chart, no warning. */
    watchCm: z.number().int().min(0).max(5000),
    /** Warning: the first reading at or above it raises a warning (once, until it falls back below). */
    warningCm: z.number().int().min(0).max(5000),
    /** Danger: a warning raised at or above it is Extreme instead of Severe. */
    dangerCm: z.number().int().min(0).max(5000),
  })
  .strict()
  .refine((t) => t.watchCm <= t.warningCm && t.warningCm <= t.dangerCm, 'thresholds must rise: watch ≤ warning ≤ danger');
export type GaugeThresholds = z.output<typeof gaugeThresholdsSchema>;

export const gaugeBodySchema = z
  .object({
    ref: z.string().max(100).nullable(),
    name: localizedNameSchema,
    river: z.string().trim().min(1).max(100),
    stateCode: z.string().regex(/^[A-Z]{2}$/),
    location: lonLatSchema,
    sectionId: z.uuid().nullable(),
    thresholds: gaugeThresholdsSchema,
    active: z.boolean(),
  })
  .strict();
export type GaugeBody = z.output<typeof gaugeBodySchema>;

export const readingSchema = z
  .object({
    at: z.iso.datetime({ offset: true }),
    levelCm: z.number().int().min(-1000).max(5000),
  })
  .strict();
export type Reading = z.output<typeof readingSchema>;

export type GaugeLevel = 'normal' | 'watch' | 'warning' | 'danger';
export function levelOf(t: GaugeThresholds, cm: number): GaugeLevel {
  if (cm >= t.dangerCm) return 'danger';
  if (cm >= t.warningCm) return 'warning';
  if (cm >= t.watchCm) return 'watch';
  return 'normal';
}

/**
 * The alarm of one gauge: armed until a reading reaches the warning level, which raises ONE
 * warning and disarms it; it re-arms when a later reading falls back below the warning level.
 * Readings are judged in the order they arrive; a late reading older than the last one judged
 * does not move the alarm (it is stored for the chart only).
 */
export interface AlarmState {
  armed: boolean;
  /** Time of the newest reading judged. */
  lastAt: string | null;
}
export type AlarmDecision = { next: AlarmState; raise: boolean };

export function judgeReading(state: AlarmState, t: GaugeThresholds, r: Reading): AlarmDecision {
  if (state.lastAt !== null && Date.parse(r.at) <= Date.parse(state.lastAt)) return { next: state, raise: false };
  const above = r.levelCm >= t.warningCm;
  if (above && state.armed) return { next: { armed: false, lastAt: r.at }, raise: true };
  return { next: { armed: state.armed || !above, lastAt: r.at }, raise: false };
}
