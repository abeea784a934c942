/** Birth date and nationality comparison used by the scorer (pure). */
import countries from 'i18n-iso-countries';
import { countryCode } from '../alerts/countries.ts';

export interface BirthDateSpec {
  /** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' */
  date?: string;
  from?: number;
  to?: number;
  approximate?: boolean;
}
export type BirthDateInput = string | BirthDateSpec | BirthDateSpec[] | undefined;

export type DateVerdict = 'exact-date' | 'exact-year' | 'approx' | 'in-range' | 'conflict' | 'unknown';

function asSpecs(d: BirthDateInput): BirthDateSpec[] {
  if (d === undefined) return [];
  if (typeof d === 'string') return d.trim() ? [{ date: d.trim() }] : [];
  return Array.isArray(d) ? d : [d];
}

/** Compare a query birth date ('YYYY' or 'YYYY-MM-DD') with an entry's birth date(s). */
export function compareBirthDates(query: string | undefined, entry: BirthDateInput): DateVerdict {
  if (!query) return 'unknown';
  const q = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(query.trim());
  if (!q) return 'unknown';
  const qy = Number(q[1]);
  const specs = asSpecs(entry);
  if (specs.length === 0) return 'unknown';
  const rank: Record<DateVerdict, number> = { 'exact-date': 5, 'exact-year': 4, 'in-range': 3, approx: 2, unknown: 1, conflict: 0 };
  let best: DateVerdict = 'conflict';
  for (const s of specs) {
    let v: DateVerdict = 'conflict';
    if (s.date) {
      const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(s.date);
      if (!m) { v = 'unknown'; } else {
        const ey = Number(m[1]);
        const dy = Math.abs(ey - qy);
        if (dy === 0) {
          if (m[3] && q[3]) v = m[2] === q[2] && m[3] === q[3] ? 'exact-date' : (s.approximate ? 'approx' : 'exact-year');
          else v = s.approximate ? 'approx' : 'exact-year';
          if (m[3] && q[3] && !(m[2] === q[2] && m[3] === q[3]) && !s.approximate) v = (m[2] === q[3] && m[3] === q[2]) ? 'exact-year' : 'approx';
        } else if (dy <= (s.approximate ? 3 : 1)) v = 'approx';
      }
    } else if (s.from !== undefined || s.to !== undefined) {
      const lo = s.from ?? s.to!;
      const hi = s.to ?? s.from!;
      if (qy >= lo && qy <= hi) v = 'in-range';
      else if (qy >= lo - 1 && qy <= hi + 1) v = 'approx';
    } else v = 'unknown';
    if (rank[v] > rank[best]) best = v;
  }
  return best;
}

const COUNTRY: Record<string, string> = {};
for (const [iso, names] of Object.entries({
  TJ: 'tajikistan,tjk,таджикистан,тоҷикистон,تاجیکستان,tajik,тоҷик',
  AF: 'afghanistan,afg,афганистан,афғонистон,افغانستان,afghan,islamic republic of afghanistan',
  UZ: 'uzbekistan,uzb,узбекистан,ӯзбекистон,ازبکستان',
  KG: 'kyrgyzstan,kgz,kyrgyz republic,кыргызстан,киргизия,қирғизистон',
  TM: 'turkmenistan,tkm,туркменистан,туркманистон,ترکمنستان',
  RU: 'russia,russian federation,rus,россия,русия',
  PK: 'pakistan,pak,пакистан,پاکستان',
  IR: 'iran,iran (islamic republic of),irn,иран,эрон,ایران',
  IQ: 'iraq,irq,ирак,ироқ,عراق',
  SY: 'syria,syrian arab republic,syr,сирия,سوریه',
  SA: 'saudi arabia,sau,عربستان',
  KZ: 'kazakhstan,kaz,казахстан,қазоқистон',
  CN: 'china,chn,китай,чин',
})) { for (const n of names.split(',')) COUNTRY[n] = iso; COUNTRY[iso.toLowerCase()] = iso; }

/**
 * Canonical country code or lower-cased text: the region's names in its own scripts from
 * the table above, any ISO alpha-2 or alpha-3 code, English names as ISO or the UN write them.
 */
export function canonicalCountry(s: string): string {
  const k = s.trim().toLowerCase().replace(/\s+/g, ' ');
  const known = COUNTRY[k];
  if (known) return known;
  if (/^[a-z]{3}$/.test(k)) return countries.alpha3ToAlpha2(k.toUpperCase()) ?? k;
  return countryCode(/^[a-z]{2}$/.test(k) ? k.toUpperCase() : s) ?? k;
}

export type NationalityVerdict = 'match' | 'conflict' | 'unknown';
export function compareNationality(query: string | undefined, entry: string | string[] | undefined): NationalityVerdict {
  if (!query || !entry) return 'unknown';
  const list = (Array.isArray(entry) ? entry : [entry]).filter((x) => x.trim());
  if (list.length === 0) return 'unknown';
  const q = canonicalCountry(query);
  return list.some((e) => canonicalCountry(e) === q) ? 'match' : 'conflict';
}
