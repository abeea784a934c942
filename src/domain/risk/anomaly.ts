/**
 * Anomaly hint: is this week's count of events in a section far above its own seasonal
 * baseline? The baseline rate λ is the mean weekly count over the same calendar weeks (± k)
 * of earlier years (or, without such history, the 12 weeks before this one), floored at
 * `minRate`. The week is flagged when P(X ≥ observed | Poisson(λ)) < pValue and the count
 * reaches `minCount` (docs/risk-model.md).
 */
import type { RiskConfig } from './config.ts';
import { DAY_MS } from './model.ts';

const WEEK_MS = 7 * DAY_MS;

/** P(X ≥ k) for X ~ Poisson(λ), computed as 1 − Σ_{i<k} e^−λ λ^i / i! (stable for the small k here). */
export function poissonTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  let term = Math.exp(-lambda);
  let cdf = term;
  for (let i = 1; i < k; i++) {
    term *= lambda / i;
    cdf += term;
  }
  return Math.min(1, Math.max(0, 1 - cdf));
}

export interface AnomalyHint {
  count: number;
  baseline: number;
  pValue: number;
  anomalous: boolean;
  /** 'seasonal' (same weeks of earlier years) or 'recent' (the 12 weeks before) */
  basis: 'seasonal' | 'recent';
}

/**
 * `times` are the section's event times (ms, any order); `historyStart` is when data begins
 * (earlier years without data are not counted as zero weeks).
 */
export function weeklyAnomaly(config: RiskConfig, times: readonly number[], at: number, historyStart: number): AnomalyHint {
  const a = config.anomaly;
  const inRange = (from: number, to: number) => times.reduce((n, t) => n + (t > from && t <= to ? 1 : 0), 0);
  const count = inRange(at - WEEK_MS, at);
  const YEAR_MS = 52 * WEEK_MS; // same weekday a year back, so weeks line up
  let total = 0;
  let weeks = 0;
  for (let y = 1; y <= a.years; y++) {
    for (let w = -a.seasonalWeeks; w <= a.seasonalWeeks; w++) {
      const end = at - y * YEAR_MS + w * WEEK_MS;
      if (end - WEEK_MS < historyStart) continue;
      total += inRange(end - WEEK_MS, end);
      weeks++;
    }
  }
  let basis: AnomalyHint['basis'] = 'seasonal';
  if (weeks === 0) {
    basis = 'recent';
    for (let w = 1; w <= 12; w++) {
      const end = at - w * WEEK_MS;
      if (end - WEEK_MS < historyStart) break;
      total += inRange(end - WEEK_MS, end);
      weeks++;
    }
  }
  const baseline = Math.max(a.minRate, weeks > 0 ? total / weeks : 0);
  const pValue = poissonTail(count, baseline);
  return { count, baseline: Math.round(baseline * 100) / 100, pValue, anomalous: count >= a.minCount && pValue < a.pValue, basis };
}
