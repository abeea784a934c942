import { EUROSUR_LIMIT_HOURS } from './event.ts';

export interface DelaySample {
  eventId: string;
  unitId: string | null;
  /** Detection (detectedAt, else occurredAt) and first publication, ISO. */
  detectedAt: string;
  firstPublishedAt: string;
}

export interface UnitDelay {
  unitId: string | null;
  published: number;
  medianHours: number;
  p90Hours: number;
  maxHours: number;
  /** Events first shared later than EUROSUR's 24 h. */
  overLimit: number;
  /** Share (0..1) shared within the limit. */
  withinLimitShare: number;
  /** The late ones, latest first (at most 20). */
  late: { eventId: string; hours: number }[];
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/**
 * EUROSUR: the time from detection to the first shared report, per reporting unit, with the
 * events over the 24 h limit flagged. Units with most late events first.
 */
export function reportingDelayByUnit(samples: readonly DelaySample[], limitHours = EUROSUR_LIMIT_HOURS): { limitHours: number; units: UnitDelay[] } {
  const byUnit = new Map<string | null, { eventId: string; hours: number }[]>();
  for (const s of samples) {
    const hours = Math.max(0, (Date.parse(s.firstPublishedAt) - Date.parse(s.detectedAt)) / 3_600_000);
    const list = byUnit.get(s.unitId) ?? [];
    list.push({ eventId: s.eventId, hours });
    byUnit.set(s.unitId, list);
  }
  const units = [...byUnit].map(([unitId, list]): UnitDelay => {
    const hours = list.map((l) => l.hours).sort((a, b) => a - b);
    const late = list.filter((l) => l.hours > limitHours).sort((a, b) => b.hours - a.hours);
    return {
      unitId,
      published: list.length,
      medianHours: round(percentile(hours, 0.5)),
      p90Hours: round(percentile(hours, 0.9)),
      maxHours: round(hours[hours.length - 1]!),
      overLimit: late.length,
      withinLimitShare: round((list.length - late.length) / list.length),
      late: late.slice(0, 20).map((l) => ({ eventId: l.eventId, hours: round(l.hours) })),
    };
  });
  units.sort((a, b) => b.overLimit - a.overLimit || b.published - a.published || String(a.unitId).localeCompare(String(b.unitId)));
  return { limitHours, units };
}
