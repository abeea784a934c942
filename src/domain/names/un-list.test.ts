import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseUnList } from './un-list.ts';
import { unCrossScript } from './eval/real-data.ts';
import { DEFAULT_THRESHOLD } from './screen.ts';

const xml = readFileSync(new URL('../../../../datasets/un/consolidated-2025-08-02.xml', import.meta.url), 'utf8');
describe('UN consolidated list', () => {
  const un = parseUnList(xml);
  it('parses individuals with aliases, dates, documents', () => {
    expect(un.individuals).toHaveLength(684);
    const saddam = un.individuals.find((e) => e.id === 'IQi.001')!;
    expect(saddam.names.map((n) => (typeof n === 'string' ? n : n.name))).toContain('صدام حسين التكريتي');
    expect(saddam.names.some((n) => typeof n !== 'string' && n.quality === 'low')).toBe(true);
    expect(un.individuals.some((e) => Array.isArray(e.birthDate) && e.birthDate.some((d) => d.from !== undefined))).toBe(true);
    expect(un.individuals.some((e) => e.documents?.length)).toBe(true);
  });
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
