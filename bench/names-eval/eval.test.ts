import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateTestSet } from './generate.ts';
import { evaluate } from './metrics.ts';
import { pairsRank1, parsePairs } from './real-data.ts';
import { DEFAULT_THRESHOLD } from '../../src/domain/names/screen.ts';

describe('evaluation', () => {
  // tuned on seeds 1 and 2; 7 and 13 are held out
  it.each([7, 13])('generated set (held-out seed %i): recall ≥ 0.95, precision ≥ 0.90 at the default threshold', (seed) => {
    const r = evaluate(generateTestSet({ seed }), DEFAULT_THRESHOLD);
    expect(r.recall).toBeGreaterThanOrEqual(0.95);
    expect(r.precision).toBeGreaterThanOrEqual(0.9);
  });
  it('Tajik–Persian pairs: rank-1 recall both ways', () => {
    const pairs = parsePairs(readFileSync(new URL('../../datasets/names/tajik-persian-pairs.tsv', import.meta.url), 'utf8'));
    expect(pairsRank1(pairs, 1, DEFAULT_THRESHOLD).rank1).toBeGreaterThanOrEqual(0.94);
    expect(pairsRank1(pairs, 0, DEFAULT_THRESHOLD).rank1).toBeGreaterThanOrEqual(0.95);
  });
});
