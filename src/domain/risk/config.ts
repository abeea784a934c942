/**
 * The risk model's configuration: every weight, half-life, factor and threshold in one place,
 * with the defaults documented in docs/risk-model.md. Pure data; the model takes it as an argument.
 */
import { z } from 'zod';

/** The model reads the event vocabulary itself (src/domain/events/vocabulary.ts). */
import {
  EVENT_CATEGORIES as RISK_CATEGORIES,
  EVENT_SEVERITIES as SEVERITIES,
  RELIABILITIES,
  type EventCategory as RiskCategory,
  type EventSeverity as Severity,
  type Reliability,
} from '../events/vocabulary.ts';

export { RISK_CATEGORIES, SEVERITIES, RELIABILITIES, type RiskCategory, type Severity, type Reliability };
export const CREDIBILITIES = [1, 2, 3, 4, 5, 6] as const;
export type Credibility = (typeof CREDIBILITIES)[number];

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Seasons of the Panj / Amu Darya: they change how easily the river is crossed. */
export const SEASONS = ['winter_low_water', 'spring_flood', 'summer_high_water', 'autumn_low_water'] as const;
export type Season = (typeof SEASONS)[number];

export const TERRAIN_KINDS = ['river_plain', 'foothills', 'mountain', 'high_mountain', 'gorge'] as const;
export type TerrainKind = (typeof TERRAIN_KINDS)[number];

export interface CategoryWeights {
  /** threat weight of one event of this category (severity medium, source A1, age 0) */
  weight: number;
  /** days after which an event's contribution has halved */
  halfLifeDays: number;
  /** impact multiplier: what the category costs when it happens (people, goods, lives) */
  impact: number;
}

export interface RiskConfig {
  /** events older than this contribute nothing (and are not loaded for a recompute) */
  windowDays: number;
  categories: Record<RiskCategory, CategoryWeights>;
  severity: Record<Severity, number>;
  /** Admiralty code: source reliability A (completely reliable) … F (cannot be judged) */
  reliability: Record<Reliability, number>;
  /** Admiralty code: information credibility 1 (confirmed) … 6 (cannot be judged) */
  credibility: Record<Credibility, number>;
  vulnerability: {
    terrain: Record<TerrainKind, number>;
    /** month (1..12) → season; river sections only */
    seasonOfMonth: Record<number, Season>;
    /** factor per season for a section along a river (frozen / low water make it easier to cross) */
    season: Record<Season, number>;
    /** factor = 1 + perCrossing × min(crossingPoints, maxCrossings) */
    perCrossing: number;
    maxCrossings: number;
    /** known informal crossing points assumed per terrain when a section does not say */
    defaultCrossings: Record<TerrainKind, number>;
    /** a post below this share of its authorised strength counts as understaffed */
    understaffedBelow: number;
    /** factor = 1 + understaffed × (understaffed posts / posts) */
    understaffed: number;
    /** factor when a section has no border post at all */
    noPosts: number;
    /** factor = patrolAtZero + (patrolAtFull − patrolAtZero) × patrolCoverage */
    patrolAtZero: number;
    patrolAtFull: number;
  };
  /** minimum score for each level above low; a score below `medium` is low */
  thresholds: { medium: number; high: number; critical: number };
  explanation: {
    /** how many event groups and factors an explanation lists at most */
    maxItems: number;
    /** a vulnerability factor is mentioned when it changes the score by at least this share */
    minFactorShare: number;
  };
  anomaly: {
    /** flag when P(X ≥ observed | Poisson(baseline)) is below this */
    pValue: number;
    /** and at least this many events this week */
    minCount: number;
    /** the seasonal baseline: the same week ± this many weeks in each earlier year */
    seasonalWeeks: number;
    /** years of history looked at */
    years: number;
    /** the baseline rate never goes below this (a section with no history is not flagged by one event) */
    minRate: number;
  };
}

const cat = (weight: number, halfLifeDays: number, impact: number): CategoryWeights => ({ weight, halfLifeDays, impact });

export const DEFAULT_RISK_CONFIG: RiskConfig = {
  windowDays: 120,
  categories: {
    illegal_crossing: cat(1.0, 10, 1.0),
    smuggling_narcotics: cat(3.0, 21, 1.5),
    smuggling_arms: cat(4.0, 30, 2.0),
    smuggling_goods: cat(1.0, 14, 0.6),
    smuggling_fuel: cat(0.8, 14, 0.5),
    smuggling_livestock: cat(0.6, 14, 0.5),
    trafficking_persons: cat(3.0, 30, 2.0),
    armed_incident: cat(5.0, 30, 2.5),
    detention: cat(0.8, 10, 0.8),
    suspicious_activity: cat(0.5, 7, 0.8),
    infrastructure_damage: cat(1.5, 30, 1.0),
    flood: cat(2.0, 10, 1.2),
    mudflow: cat(2.0, 10, 1.2),
    landslide: cat(1.5, 14, 1.0),
    avalanche: cat(1.5, 10, 1.0),
    earthquake: cat(3.0, 14, 1.5),
  },
  severity: { low: 0.5, medium: 1, high: 1.6, critical: 2.5 },
  reliability: { A: 1.0, B: 0.8, C: 0.6, D: 0.4, E: 0.2, F: 0.25 },
  credibility: { 1: 1.0, 2: 0.85, 3: 0.6, 4: 0.35, 5: 0.15, 6: 0.25 },
  vulnerability: {
    terrain: { river_plain: 1.3, foothills: 1.1, mountain: 0.9, high_mountain: 0.7, gorge: 0.8 },
    seasonOfMonth: {
      1: 'winter_low_water', 2: 'winter_low_water', 3: 'spring_flood', 4: 'spring_flood', 5: 'spring_flood',
      6: 'summer_high_water', 7: 'summer_high_water', 8: 'summer_high_water', 9: 'autumn_low_water',
      10: 'autumn_low_water', 11: 'autumn_low_water', 12: 'winter_low_water',
    },
    season: { winter_low_water: 1.25, spring_flood: 0.85, summer_high_water: 0.9, autumn_low_water: 1.1 },
    perCrossing: 0.04,
    maxCrossings: 10,
    defaultCrossings: { river_plain: 4, foothills: 2, mountain: 1, high_mountain: 0, gorge: 0 },
    understaffedBelow: 0.7,
    understaffed: 0.3,
    noPosts: 1.3,
    patrolAtZero: 1.2,
    patrolAtFull: 0.8,
  },
  thresholds: { medium: 3, high: 8, critical: 25 },
  explanation: { maxItems: 5, minFactorShare: 0.05 },
  anomaly: { pValue: 0.01, minCount: 3, seasonalWeeks: 1, years: 3, minRate: 0.5 },
};

const positive = z.number().finite().positive();
const nonNegative = z.number().finite().min(0);

/** A configuration file's shape: any part may be given, the rest comes from the defaults. */
export const riskConfigPatchSchema = z
  .object({
    windowDays: positive.optional(),
    categories: z.partialRecord(z.enum(RISK_CATEGORIES), z.object({ weight: nonNegative, halfLifeDays: positive, impact: nonNegative }).partial().strict()).optional(),
    severity: z.partialRecord(z.enum(SEVERITIES), nonNegative).optional(),
    reliability: z.partialRecord(z.enum(RELIABILITIES), nonNegative).optional(),
    credibility: z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6']), nonNegative).optional(),
    thresholds: z.object({ medium: positive, high: positive, critical: positive }).partial().strict().optional(),
    vulnerability: z.record(z.string(), z.unknown()).optional(),
    explanation: z.object({ maxItems: z.number().int().min(1).max(20), minFactorShare: nonNegative }).partial().strict().optional(),
    anomaly: z.object({ pValue: positive, minCount: z.number().int().min(1), seasonalWeeks: z.number().int().min(0), years: z.number().int().min(1), minRate: positive }).partial().strict().optional(),
  })
  .strict();

/** Defaults with a validated patch on top; thresholds must rise strictly (medium < high < critical). */
export function riskConfig(patch: unknown = {}): RiskConfig {
  const p = riskConfigPatchSchema.parse(patch);
  const base = DEFAULT_RISK_CONFIG;
  const categories = { ...base.categories };
  for (const [k, v] of Object.entries(p.categories ?? {})) categories[k as RiskCategory] = { ...categories[k as RiskCategory], ...v };
  const credibility = { ...base.credibility };
  for (const [k, v] of Object.entries(p.credibility ?? {})) credibility[Number(k) as Credibility] = v;
  const config: RiskConfig = {
    ...base,
    windowDays: p.windowDays ?? base.windowDays,
    categories,
    severity: { ...base.severity, ...p.severity },
    reliability: { ...base.reliability, ...p.reliability },
    credibility,
    thresholds: { ...base.thresholds, ...p.thresholds },
    vulnerability: { ...base.vulnerability, ...(p.vulnerability as Partial<RiskConfig['vulnerability']> | undefined) },
    explanation: { ...base.explanation, ...p.explanation },
    anomaly: { ...base.anomaly, ...p.anomaly },
  };
  const t = config.thresholds;
  if (!(t.medium < t.high && t.high < t.critical)) throw new Error(`risk thresholds must rise: medium ${t.medium} < high ${t.high} < critical ${t.critical}`);
  return config;
}
