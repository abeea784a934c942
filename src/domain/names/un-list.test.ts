import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseUnList } from './un-list.ts';

const xml = readFileSync(new URL('../../../datasets/un/consolidated-2025-08-02.xml', import.meta.url), 'utf8');
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
});
