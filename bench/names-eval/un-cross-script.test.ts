import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD } from '../../src/domain/names/screen.ts';
import { parseUnList } from '../../src/domain/names/un-list.ts';
import { unCrossScript } from './real-data.ts';

const xml = readFileSync(new URL('../../datasets/un/consolidated-2025-08-02.xml', import.meta.url), 'utf8');
describe('UN consolidated list, cross-script', () => {
  const un = parseUnList(xml);
  it('finds original-script names among Latin names and the reverse; families do not flood the alerts', () => {
    const l2o = unCrossScript(un.individuals, 'latin→original', DEFAULT_THRESHOLD);
    expect(l2o.rank1).toBeGreaterThan(0.95);
    expect(l2o.recallAtThreshold).toBeGreaterThan(0.88);
    expect(l2o.precision).toBeGreaterThan(0.8);
    const o2l = unCrossScript(un.individuals, 'original→latin', DEFAULT_THRESHOLD);
    expect(o2l.rank1).toBeGreaterThan(0.93);
    expect(o2l.recallAtThreshold).toBeGreaterThan(0.86);
    expect(o2l.precision).toBeGreaterThan(0.72);
  }, 300_000);
});
