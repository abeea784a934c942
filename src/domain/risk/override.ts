import { z } from 'zod';
import { RISK_LEVELS, type RiskLevel } from './config.ts';

/** An analyst's level for a section, with the reason, until it expires. */
export interface RiskOverride {
  id: string;
  sectionId: string;
  level: RiskLevel;
  reason: string;
  /** ISO */
  expiresAt: string;
  setBy: string;
  /** ISO */
  setAt: string;
  /** ISO, when withdrawn before its expiry */
  clearedAt: string | null;
}

export const overrideInputSchema = z
  .object({
    section: z.uuid(),
    level: z.enum(RISK_LEVELS),
    reason: z.string().trim().min(3).max(1000),
    expiresAt: z.iso.datetime({ offset: true }),
  })
  .strict();
export type OverrideInput = z.output<typeof overrideInputSchema>;

/** The longest an override may last: a judgement must be looked at again. */
export const MAX_OVERRIDE_DAYS = 90;

/** An override counts from when it was set until it expires or is withdrawn. */
export function overrideActive(o: RiskOverride | null | undefined, at: number): o is RiskOverride {
  return !!o && o.clearedAt === null && Date.parse(o.setAt) <= at && at < Date.parse(o.expiresAt);
}

/** The level shown: the analyst's while the override lasts, the computed one otherwise. */
export function effectiveLevel(computed: RiskLevel, override: RiskOverride | null | undefined, at: number): RiskLevel {
  return overrideActive(override, at) ? override.level : computed;
}
