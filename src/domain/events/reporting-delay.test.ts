import { describe, expect, it } from 'vitest';
import { reportingDelayByUnit } from './reporting-delay.ts';

const at = (h: number) => new Date(Date.UTC(2026, 0, 1) + h * 3_600_000).toISOString();

describe('reportingDelayByUnit', () => {
  it('medians, p90, max and the events over 24 h per unit', () => {
    const r = reportingDelayByUnit([
      { eventId: 'a', unitId: 'u1', detectedAt: at(0), firstPublishedAt: at(2) },
      { eventId: 'b', unitId: 'u1', detectedAt: at(0), firstPublishedAt: at(30) },
      { eventId: 'c', unitId: 'u1', detectedAt: at(0), firstPublishedAt: at(4) },
      { eventId: 'd', unitId: 'u2', detectedAt: at(0), firstPublishedAt: at(24) },
    ]);
    expect(r.limitHours).toBe(24);
    expect(r.units).toEqual([
      { unitId: 'u1', published: 3, medianHours: 4, p90Hours: 30, maxHours: 30, overLimit: 1, withinLimitShare: 0.67, late: [{ eventId: 'b', hours: 30 }] },
      // exactly 24 h is within the limit
      { unitId: 'u2', published: 1, medianHours: 24, p90Hours: 24, maxHours: 24, overLimit: 0, withinLimitShare: 1, late: [] },
    ]);
  });
  it('nothing published → no units', () => {
    expect(reportingDelayByUnit([]).units).toEqual([]);
  });
});
