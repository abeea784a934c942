import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD } from '../../src/domain/names/screen.ts';
import { devHalf, evaluateDev, evaluateUn } from './honest.ts';

// The frozen test half (docs/screening.md, "Honest evaluation"): threshold and weights were
// chosen on the tuning half only. These floors are the measured test-half figures less a
// small margin, so that a change that loses accuracy on data it was not tuned to fails here.
// The goals of issue #8 (dev: recall 0.97, precision 0.93; UN: recall 0.92, precision 0.85)
// are NOT all reached (UN precision is); the docs report the gap.
describe('screening on the frozen test half', () => {
  it('development set (independent names and spelling rules): recall ≥ 0.94, precision ≥ 0.915', () => {
    const r = evaluateDev(devHalf('test'), DEFAULT_THRESHOLD);
    expect(r.positives).toBeGreaterThan(550);
    expect(r.negatives).toBeGreaterThan(250);
    expect(r.recall).toBeGreaterThanOrEqual(0.94);
    expect(r.precision).toBeGreaterThanOrEqual(0.915);
    expect(r.negativesAlerted).toBeLessThanOrEqual(0.08);
  }, 120_000);

  it('UN list, original script against Latin, with the real unlisted names: recall ≥ 0.87, precision ≥ 0.86, ≤ 2% unlisted alerted', () => {
    const r = evaluateUn('test', DEFAULT_THRESHOLD);
    expect(r.positives).toBeGreaterThan(150);
    expect(r.negatives).toBeGreaterThan(350);
    expect(r.recall).toBeGreaterThanOrEqual(0.87);
    expect(r.precision).toBeGreaterThanOrEqual(0.86);
    expect(r.negativesAlerted).toBeLessThanOrEqual(0.02);
  }, 300_000);
});
