import { z } from 'zod';
import { RISK_LEVELS } from '../../../domain/risk/config.ts';
import { localizedNameSchema } from '../../../domain/registry/entities.ts';

const level = z.enum(RISK_LEVELS);

export const explanationItemView = z
  .object({
    key: z.string(),
    share: z.number(),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.null(), z.record(z.string(), z.string())])),
  })
  .meta({ description: 'One reason for a level: an i18n key (risk.explain.*) with its parameters and its share of the score' });

export const overrideView = z.object({
  id: z.string(),
  level,
  reason: z.string(),
  expiresAt: z.string(),
  setBy: z.string(),
  setAt: z.string(),
});

export const assessmentView = z
  .object({
    level,
    score: z.number(),
    computedLevel: level,
    override: overrideView.nullable(),
    explanation: z.array(explanationItemView),
    computedAt: z.string(),
    threat: z.number(),
    impact: z.number(),
    vulnerability: z.number(),
  })
  .meta({ description: 'A section\'s assessment: level (the override\'s while one lasts), computed level and score, and why (docs/risk-model.md)' });

export const anomalyView = z.object({
  count: z.number(),
  baseline: z.number(),
  pValue: z.number(),
  anomalous: z.boolean(),
  basis: z.enum(['seasonal', 'recent']),
});

export const currentView = z.object({
  items: z.array(
    z.object({
      sectionId: z.string(),
      sectionRef: z.string().nullable(),
      name: localizedNameSchema,
      order: z.number(),
      provinces: z.record(z.string(), z.string()),
      assessment: assessmentView,
      trend: z.number(),
      anomaly: anomalyView.nullable(),
      abilities: z.object({ override: z.boolean() }),
    }),
  ),
  computedAt: z.string(),
});

export const snapshotView = z.object({
  sectionId: z.string(),
  at: z.string(),
  level,
  computedLevel: level,
  score: z.number(),
  overrideId: z.string().nullable(),
  explanation: z.array(explanationItemView),
  cause: z.enum(['daily', 'change', 'override']),
});

export const historyView = z.object({ items: z.array(snapshotView), from: z.string(), to: z.string() });

export const overrideListView = z.object({
  items: z.array(
    overrideView.extend({
      sectionId: z.string(),
      clearedAt: z.string().nullable(),
      clearedBy: z.string().nullable(),
      status: z.enum(['active', 'expired', 'withdrawn']),
    }),
  ),
});

const levelCounts = z.object({ low: z.number(), medium: z.number(), high: z.number(), critical: z.number() });

const seizureTally = z.object({ seizures: z.number(), kg: z.number(), counts: z.record(z.string(), z.number()) });
const seizureTotal = z.object({ itemKind: z.string(), substance: z.string(), day: seizureTally, week: seizureTally });

export const reportView = z.object({
  date: z.string(),
  generatedAt: z.string(),
  live: z.boolean(),
  border: z.object({
    levels: levelCounts,
    raised: z.number(),
    lowered: z.number(),
    sections: z.array(
      z.object({
        sectionId: z.string(),
        sectionRef: z.string().nullable(),
        name: z.record(z.string(), z.string()),
        order: z.number(),
        provinces: z.record(z.string(), z.string()),
        level,
        computedLevel: level,
        score: z.number(),
        yesterday: level.nullable(),
        change: z.number(),
        explanation: z.array(explanationItemView),
        anomaly: anomalyView.nullable(),
      }),
    ),
  }),
  states: z.array(z.object({ code: z.string(), levels: levelCounts, raised: z.number(), lowered: z.number(), sectionIds: z.array(z.string()) })),
  topEvents: z.array(
    z.object({
      sectionId: z.string(),
      category: z.string(),
      count: z.number(),
      days: z.number(),
      detail: z.string().nullable(),
      near: z.unknown(),
      share: z.number(),
    }),
  ),
  /** from the seizure records: kilograms as normalised, counted items by unit (cash by currency) */
  seizures: z.object({
    border: z.array(seizureTotal),
    states: z.array(z.object({ code: z.string(), items: z.array(seizureTotal) })),
  }),
});
