import { describe, expect, it } from 'vitest';
import { buildIndex, compareIdentifiers, detectScript, normalizeName, parseName, screen, transliterate, DEFAULT_THRESHOLD, parseNameCsv, diffWatchlists } from './names.ts';
import { normalizeBirthDate } from './csv.ts';
import { compareNationality } from './attributes.ts';

const list = buildIndex([
  { id: 'A', names: ['Ҷамшед Раҳмонов'] },
  { id: 'B', names: ['Gul Ahmad Zadran'] },
  { id: 'C', names: ['Abdul Rahman Habibullah'] },
  { id: 'D', names: ['Muhammad Karim Rahimi'] },
]);
const top = (q: string) => screen(list, q)[0];

describe('script and normalisation', () => {
  it('detects scripts', () => {
    expect(detectScript('Ҷамшед')).toBe('cyrillic');
    expect(detectScript('جمشید')).toBe('arabic');
    expect(detectScript('Jamshed')).toBe('latin');
    expect(detectScript('Jamshed Раҳмонов')).toBe('mixed');
    expect(detectScript('123')).toBe('unknown');
  });
  it('normalises Arabic variants, digits, diacritics', () => {
    expect(normalizeName('علي كريم')).toBe('علی کریم');
    expect(normalizeName('أحمد')).toBe('احمد');
    expect(normalizeName('۱۲۳')).toBe('123');
    expect(normalizeName("Müller-O'Neil")).toBe('muller oneil');
    expect(normalizeName('Ёқуб')).toBe('еқуб');
    // háček and cedilla letters spell one sound: not the bare letter
    expect(normalizeName('Jamšed Ğafurov Çorı')).toBe('jamshed ghafurov chori');
  });
});

describe('parts', () => {
  it('joins compounds and splits surname suffixes', () => {
    expect(parseName('Abdul Rahman').length).toBe(1);
    expect(parseName('Habib Ullah').length).toBe(1);
    expect(parseName('Rahmonov')[0]!.suffix).toBe('ov');
    expect(parseName('Рахмонзода')[0]!.suffix).toBe('zoda');
    expect(parseName('Рахмонов Джамшед Каримович')[2]!.role).toBe('patronymic');
    expect(parseName('Haji Gul Ahmad')[0]!.role).toBe('title');
  });
});

describe('screening', () => {
  it.each(['Ҷамшед Раҳмонов', 'Джамшед Рахмонов', 'جمشید رحمانوف', 'DZHAMSHED RAKHMONOV', 'Rahmonzoda Jamshed', 'Jamshid Rahmonov', 'Рахмонов Джамшед Каримович'])('%s matches the listed Ҷамшед Раҳмонов', (q) => {
    const h = top(q);
    expect(h?.id).toBe('A');
    expect(h!.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });
  it('does not alert on a namesake sharing only the given name', () => {
    expect(screen(list, 'Jamshed Karimov').map((h) => h.id)).not.toContain('A');
    expect(screen(list, 'Farhod Rahmonov').map((h) => h.id)).not.toContain('A');
  });
  it('handles compounds across scripts and Afghan surname absence', () => {
    expect(top('عبدالرحمن حبیب الله')?.id).toBe('C');
    expect(top('Абдураҳмон Ҳабибулло')?.id).toBe('C');
    expect(top('Gul Ahmad')?.id).toBe('B');
    expect(screen(list, 'Gul Ahmad Haqqani').map((h) => h.id)).not.toContain('B');
  });
  it('explains matches', () => {
    const h = top('Rahmonzoda Jamshed')!;
    expect(h.parts.map((p) => p.how)).toContain('optional-suffix');
  });
  it('uses birth date, document and alias quality', () => {
    const idx = buildIndex([{ id: 'X', names: ['Karim Saidov', { name: 'Abu Karim', quality: 'low' }], birthDate: [{ date: '1970-01-02' }], documents: ['P 0123'] }]);
    // a conflicting birth date lowers the score; an exact name stays visible, at the threshold, with the conflict explained
    const [conflict] = screen(idx, { name: 'Karim Saidov', birthDate: '1985' });
    expect(conflict?.score).toBe(DEFAULT_THRESHOLD);
    expect(conflict!.adjustments).toContainEqual(expect.objectContaining({ kind: 'birth-date', detail: 'conflict' }));
    expect(screen(idx, { name: 'Karim Saidi', birthDate: '1985' })).toHaveLength(0);
    expect(screen(idx, { name: 'Karim Saidov', birthDate: '1970-01-02' })[0]!.score).toBeGreaterThan(screen(idx, 'Karim Saidov')[0]!.score - 0.001);
    expect(screen(idx, { name: 'Abu Karim' })).toHaveLength(0);
    expect(screen(idx, { name: 'Abu Karim', document: 'p-o123' })[0]?.id).toBe('X');
  });
});

describe('transliteration for display', () => {
  it('renders in the reader script', () => {
    expect(transliterate('Ҷамшед Раҳмонов', 'latin')).toBe('Jamshed Rahmonov');
    expect(transliterate('جمشید', 'cyrillic')).toBe('Ҷамшед');
    expect(transliterate('Jamshed', 'arabic')).toBe('جمشید');
    expect(transliterate('Farhod', 'cyrillic')).toBe('Фарҳод');
  });
});

describe('nationality', () => {
  it('reads ISO codes (alpha-2, alpha-3), English names and the region\'s own names alike', () => {
    for (const [q, listed] of [['TJK', 'Tajikistan'], ['tj', 'Тоҷикистон'], ['AFG', 'افغانستان'], ['DE', 'Germany'], ['IRN', 'Iran (Islamic Republic of)']]) {
      expect(compareNationality(q, listed)).toBe('match');
    }
    expect(compareNationality('UZB', 'Tajikistan')).toBe('conflict');
    expect(compareNationality(undefined, 'Tajikistan')).toBe('unknown');
  });
});

describe('identifiers', () => {
  it('normalises plates and documents', () => {
    expect(compareIdentifiers('01 ТТ 1234', '01TT1234')).toBe('exact');
    expect(compareIdentifiers('۰۱ TT ۱۲۳۴', '01-TT-1234')).toBe('exact');
    expect(compareIdentifiers('AO1234', 'A01234')).toBe('folded');
    expect(compareIdentifiers('A1234', 'A1235')).toBe('none');
  });
});

describe('csv', () => {
  it('parses quotes, BOM and CRLF', () => {
    const r = parseNameCsv('\ufeffid,name,birth_date\r\n1,"Karimov, Jamshed",1970\r\n2,"say ""hi""",\r\n');
    expect(r.map((x) => x.name)).toEqual(['Karimov, Jamshed', 'say "hi"']);
    expect(r[0]!.birth_date).toBe('1970');
  });
  it('reads birth dates ISO or day-first, and rejects impossible ones', () => {
    expect(['1984', '1984-3', '1984-03-12', '12.03.1984', '1/2/1984', '1984/03/12'].map(normalizeBirthDate)).toEqual(['1984', '1984-03', '1984-03-12', '1984-03-12', '1984-02-01', '1984-03-12']);
    expect(['1984-02-30', '31.04.1990', '84', '1984-13', 'soon', '3000'].map(normalizeBirthDate)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
  it('takes the columns in any order', () => {
    expect(parseNameCsv('name,ID,birth_date\n"Karimov, Jamshed",7,1970\n').map((r) => [r.id, r.name, r.birth_date])).toEqual([['7', 'Karimov, Jamshed', '1970']]);
    expect(() => parseNameCsv('id,name,id\n1,x,2\n')).toThrow(/line 1: column "id" given twice/);
  });
  it('rejects bad files naming the line', () => {
    expect(() => parseNameCsv('id,nom\n1,x\n')).toThrow(/line 1/);
    expect(() => parseNameCsv('id,name\n1,x\n2,"y\n')).toThrow(/line 3/);
    expect(() => parseNameCsv('id,name\n1,x\n2,y,z\n')).toThrow(/line 3/);
  });
});

describe('diff', () => {
  it('reports added, changed, removed', () => {
    const d = diffWatchlists([{ id: '1', names: ['a'] }, { id: '2', names: ['b'] }], [{ id: '2', names: ['c'] }, { id: '3', names: ['d'] }]);
    expect([d.added.map((e) => e.id), d.changed.map((c) => c.after.id), d.removed.map((e) => e.id)]).toEqual([['3'], ['2'], ['1']]);
  });
});
