import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_CONFIG as CFG } from './config.ts';
import { poissonTail, weeklyAnomaly } from './anomaly.ts';
import { DAY_MS } from './model.ts';

const NOW = Date.parse('2026-07-15T12:00:00Z');
const WEEK = 7 * DAY_MS;
const YEAR = 52 * WEEK;

describe('anomaly hint (Poisson tail against the seasonal baseline)', () => {
  it('poissonTail is P(X ≥ k)', () => {
    expect(poissonTail(0, 2)).toBe(1);
    expect(poissonTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(poissonTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * (1 + 1 + 0.5), 12);
    expect(poissonTail(2, 0)).toBe(0);
  });

  it('flags a week far above the same weeks of earlier years', () => {
    // one event a week in the same season of the last two years, nine this week
    const past = [1, 2].flatMap((y) => [-1, 0, 1].map((w) => NOW - y * YEAR + w * WEEK - DAY_MS));
    const now = Array.from({ length: 9 }, (_, i) => NOW - (i % 6) * DAY_MS - 3600_000);
    const hint = weeklyAnomaly(CFG, [...past, ...now], NOW, NOW - 3 * YEAR);
    expect(hint).toMatchObject({ count: 9, basis: 'seasonal', anomalous: true });
    expect(hint.baseline).toBeGreaterThan(0.4);
    expect(hint.pValue).toBeLessThan(0.01);
  });

  it('does not flag a busy section at its usual pace', () => {
    // eight events every week for three years
    const times: number[] = [];
    for (let w = 0; w < 3 * 52 + 2; w++) for (let i = 0; i < 8; i++) times.push(NOW - w * WEEK - (i + 0.5) * (WEEK / 9));
    const hint = weeklyAnomaly(CFG, times, NOW, NOW - 3 * YEAR - 4 * WEEK);
    expect(hint.count).toBe(8);
    expect(hint.anomalous).toBe(false);
  });

  it('without a past year it compares with the 12 weeks before; two events are never enough', () => {
    const recent = weeklyAnomaly(CFG, [NOW - DAY_MS, NOW - 2 * DAY_MS], NOW, NOW - 20 * WEEK);
    expect(recent).toMatchObject({ basis: 'recent', count: 2, anomalous: false, baseline: CFG.anomaly.minRate });
    const burst = weeklyAnomaly(CFG, Array.from({ length: 6 }, (_, i) => NOW - i * DAY_MS - 1), NOW, NOW - 20 * WEEK);
    expect(burst.anomalous).toBe(true);
  });
});
