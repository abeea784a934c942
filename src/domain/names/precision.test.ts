import { describe, expect, it } from 'vitest';
import { buildIndex } from './index.ts';
import { parseName } from './parts.ts';
import { DEFAULT_THRESHOLD, screen } from './screen.ts';

const top = (idx: ReturnType<typeof buildIndex>, q: string) => screen(idx, q, { includeBelow: true })[0];

describe('patronymic markers in every script', () => {
  it.each(['Latifa d/o Qadir', 'Latifa bint Qadir', 'Латифа бинти Қодир', 'لطیفه بنت قادر', 'Hamid s/o Bashir', 'Hamid S/O Bashir', 'Hamid son of Bashir', 'حمید ولد بشیر', 'حمید بن بشیر', 'Ҳамид ибни Башир', 'Хамид сын Башира', 'Ҳамид писари Башир', 'Hamid walad Bashir'])('%s: the name after the marker is the father\'s', (name) => {
    const parts = parseName(name);
    expect(parts).toHaveLength(2);
    expect(parts[1]!.role).toBe('patronymic');
    expect(parts[1]!.marked).toBe(true);
  });
  it('a marked father\'s name meets the same name written plainly, never the given name', () => {
    const idx = buildIndex([{ id: 'A', names: ['Hamid Bashir Wardak'] }, { id: 'B', names: ['Sultan s/o Bilal'] }]);
    expect(top(idx, 'حمید ولد بشیر')?.id).toBe('A');
    expect(top(idx, 'حمید ولد بشیر')!.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(screen(idx, 'Bilol s/o Sulton')).toHaveLength(0);
  });
  it('different fathers are a conflict', () => {
    const idx = buildIndex([{ id: 'A', names: ['Yusuf s/o Nazar Sahak'] }]);
    expect(screen(idx, 'Yusuf s/o Zahir Sahak')).toHaveLength(0);
    expect(screen(idx, 'Yusuf bin Nazar Sahak')[0]?.id).toBe('A');
  });
});

describe('Dari spellings of Slavic suffixes and compounds', () => {
  it.each([['کریم‌اف', 'Karimov'], ['کریموف', 'Каримов'], ['علی‌یف', 'Aliev'], ['شرفاوا', 'Sharafova']])('%s is %s', (dari, other) => {
    const [a] = parseName(dari);
    expect(a!.suffix).toBe('ov');
    expect(screen(buildIndex([{ id: 'L', names: [`Nabi ${other}`] }]), `نبی ${dari}`)[0]?.id).toBe('L');
  });
  it('compounds with الله / الدین: joined, ZWNJ or space; no Latin inside Arabic', () => {
    const idx = buildIndex([{ id: 'S', names: ['Saifullah Noorzai'] }]);
    for (const q of ['سیف الله نورزی', 'سیف‌الله نورزی', 'سیفالله نورزی']) expect(screen(idx, q)[0]?.id).toBe('S');
    expect(parseName('سراج الدین حقانی')[0]!.raw).toBe('سراجالدین');
    expect(parseName('ضیا الدین')[0]!.raw).not.toMatch(/[a-z]/);
  });
});

describe('distinct names stay distinct', () => {
  it.each([['Hasan Karimov', 'Husayn Karimov'], ['Salim Rahimov', 'Salam Rahimov'], ['Jamil Zafarov', 'Jamol Zafarov'], ['Носир Халилов', 'Назир Халилов'], ['AKRAM SAFAROV', 'Икром Сафаров']])('%s is not %s', (listed, query) => {
    expect(screen(buildIndex([{ id: 'L', names: [listed] }]), query)).toHaveLength(0);
  });
  it('siblings (another given name, the rest in common) do not alert', () => {
    const idx = buildIndex([{ id: 'L', names: ['Uday Saddam Hussein al-Tikriti'] }]);
    expect(screen(idx, 'Qusay Saddam Hussein al-Tikriti')).toHaveLength(0);
  });
});

describe('a lone name part', () => {
  const idx = buildIndex([
    { id: 'M1', names: ['Muhammad Karim Rahimov'] }, { id: 'M2', names: ['Ahmad Shah Masoud'] },
    { id: 'H1', names: ['Jalaluddin Haqqani'] }, { id: 'H2', names: ['Ibrahim Haqqani'] },
  ]);
  it('a common given name alone never alerts, nor scores 1', () => {
    for (const q of ['Муҳаммад', 'احمد', 'Muhammad']) {
      expect(screen(idx, q)).toHaveLength(0);
      expect(top(idx, q)?.score ?? 0).toBeLessThan(DEFAULT_THRESHOLD);
    }
  });
  it('a family name alone finds its listed people, below their full names', () => {
    const hits = screen(idx, 'Haqqani');
    expect(hits.map((h) => h.id).sort()).toEqual(['H1', 'H2']);
    expect(hits[0]!.score).toBeLessThan(screen(idx, 'Jalaluddin Haqqani')[0]!.score);
    expect(hits[0]!.adjustments.map((a) => a.detail)).toContain('one-part-written');
  });
});
