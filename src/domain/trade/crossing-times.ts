import { z } from 'zod';

/**
 * Time and cost to cross, as the WCO Time Release Study and CAREC CPMM measure them: each
 * truck's timestamps at every step on one side of the border, and the fees paid. A step's
 * duration is the time from its timestamp to the next recorded one; the total is from the
 * arrival at the queue to the exit.
 */
export const CROSSING_STEPS = ['queue_arrival', 'entry', 'document_check', 'inspection', 'payment', 'exit'] as const;
export type CrossingStep = (typeof CROSSING_STEPS)[number];
export const DIRECTIONS = ['inbound', 'outbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];

const instant = z.iso.datetime({ offset: true });

export const crossingBodySchema = z
  .object({
    crossingPointId: z.uuid(),
    /** Its scenario ref: unit ids are per node, the other side finds the point by ref. */
    crossingPointRef: z.string().max(100).nullable().default(null),
    direction: z.enum(DIRECTIONS),
    /** The declaration matched on arrival, when there was one. */
    declarationId: z.uuid().nullable(),
    vehiclePlate: z.string().trim().min(2).max(20),
    /** Timestamps of the steps; inspection (and payment) may be absent. queue_arrival and exit are required. */
    steps: z.partialRecord(z.enum(CROSSING_STEPS), instant),
    feesUsd: z.number().min(0).max(1e6),
    /** Discrepancies found on arrival against the pre-arrival declaration. */
    discrepancies: z.array(z.object({ kind: z.string().max(20), declared: z.string().max(500), found: z.string().max(500), message: z.string().max(500) }).strict()).max(20),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (!c.steps.queue_arrival) ctx.addIssue({ code: 'custom', path: ['steps', 'queue_arrival'], message: 'required' });
    let last = -Infinity;
    for (const s of CROSSING_STEPS) {
      const at = c.steps[s];
      if (!at) continue;
      const t = Date.parse(at);
      if (t < last) ctx.addIssue({ code: 'custom', path: ['steps', s], message: `${s} is before the step that precedes it` });
      last = t;
    }
  });
export type CrossingBody = z.output<typeof crossingBodySchema>;

/** Nearest-rank percentile on a copy (p in 0..100); the median is the mean of the two middle values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  if (p === 50) {
    const m = s.length >> 1;
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  }
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length, Math.max(1, rank)) - 1]!;
}

const HOUR = 3_600_000;

/** Durations (hours) of each step of one crossing: from a step to the next one recorded. */
export function stepDurations(c: Pick<CrossingBody, 'steps'>): Partial<Record<CrossingStep, number>> {
  const present = CROSSING_STEPS.filter((s) => c.steps[s]);
  const out: Partial<Record<CrossingStep, number>> = {};
  for (let i = 0; i < present.length - 1; i++) {
    const s = present[i]!;
    out[s] = (Date.parse(c.steps[present[i + 1]!]!) - Date.parse(c.steps[s]!)) / HOUR;
  }
  return out;
}

export const totalHours = (c: Pick<CrossingBody, 'steps'>) =>
  c.steps.queue_arrival && c.steps.exit ? (Date.parse(c.steps.exit) - Date.parse(c.steps.queue_arrival)) / HOUR : null;

export interface Baseline {
  source: string;
  year: number;
  hours: number;
  costUsd: number | null;
}

export interface CrossingTimeReport {
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
  medianCostUsd: number | null;
  slowestStep: CrossingStep | null;
  steps: { step: CrossingStep; count: number; medianHours: number | null; p90Hours: number | null }[];
  /** Distribution of total hours, for the dashboard's histogram. */
  histogram: { fromHours: number; toHours: number; count: number }[];
  baseline: Baseline | null;
}

const round = (v: number | null, d = 2) => (v === null ? null : Math.round(v * 10 ** d) / 10 ** d);

/** The TRS figures over completed crossings (those with both queue arrival and exit). */
export function crossingTimeReport(crossings: readonly Pick<CrossingBody, 'steps' | 'feesUsd'>[], baseline: Baseline | null): CrossingTimeReport {
  const done = crossings.filter((c) => totalHours(c) !== null);
  const totals = done.map((c) => totalHours(c)!);
  const per = new Map<CrossingStep, number[]>();
  for (const c of done) {
    for (const [s, h] of Object.entries(stepDurations(c)) as [CrossingStep, number][]) {
      const list = per.get(s) ?? [];
      list.push(h);
      per.set(s, list);
    }
  }
  const steps = CROSSING_STEPS.filter((s) => s !== 'exit').map((step) => {
    const list = per.get(step) ?? [];
    return { step, count: list.length, medianHours: round(percentile(list, 50)), p90Hours: round(percentile(list, 90)) };
  });
  // The slowest step is the one that costs the most time in total over all trucks (a rarely
  // needed but long inspection does not outrank the queue every truck waits in).
  let slowestStep: CrossingStep | null = null;
  let most = 0;
  for (const [s, list] of per) {
    const sum = list.reduce((a, b) => a + b, 0);
    if (sum > most) [most, slowestStep] = [sum, s];
  }
  const max = totals.length ? Math.max(...totals) : 0;
  const width = max <= 12 ? 1 : max <= 48 ? 4 : 12;
  const histogram = Array.from({ length: Math.max(1, Math.ceil((max + 1e-9) / width)) }, (_, i) => ({ fromHours: i * width, toHours: (i + 1) * width, count: 0 }));
  for (const t of totals) histogram[Math.min(histogram.length - 1, Math.floor(t / width))]!.count += 1;
  return {
    count: done.length,
    medianHours: round(percentile(totals, 50)),
    p90Hours: round(percentile(totals, 90)),
    medianCostUsd: round(percentile(done.map((c) => c.feesUsd), 50)),
    slowestStep,
    steps,
    histogram: totals.length ? histogram : [],
    baseline,
  };
}
