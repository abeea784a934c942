/**
 * Rendering of abstract name elements in the scripts and spelling conventions met at the
 * border, for the evaluation generator. Deliberately rule-based and independent from the
 * matcher's phonetic keys (it starts from the Tajik Cyrillic / Dari spellings).
 */
import { tajikToRussian, type DictEntry } from '../../src/domain/names/dictionary.ts';

export type Rng = () => number;
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const pick = <T>(r: Rng, a: readonly T[]): T => a[Math.floor(r() * a.length)]!;

export type Suffix = '' | 'ov' | 'zoda' | 'i' | 'ovich';
export interface Element { e: DictEntry; suffix: Suffix; female: boolean }
export type Convention = 'tajik' | 'russian' | 'dari' | 'bgn' | 'passport' | 'french' | 'german' | 'english';
export const CONVENTIONS: Convention[] = ['tajik', 'russian', 'dari', 'bgn', 'passport', 'french', 'german', 'english'];

const BGN: Record<string, string> = {
  'а': 'a', 'б': 'b', 'в': 'v', 'г': 'g', 'ғ': 'gh', 'д': 'd', 'е': 'e', 'ё': 'yo', 'ж': 'zh', 'з': 'z', 'и': 'i', 'ӣ': 'i',
  'й': 'y', 'к': 'k', 'қ': 'q', 'л': 'l', 'м': 'm', 'н': 'n', 'о': 'o', 'п': 'p', 'р': 'r', 'с': 's', 'т': 't', 'у': 'u',
  'ӯ': 'u', 'ф': 'f', 'х': 'kh', 'ҳ': 'h', 'ц': 'ts', 'ч': 'ch', 'ҷ': 'j', 'ш': 'sh', 'ъ': '', 'ь': '', 'э': 'e', 'ю': 'yu', 'я': 'ya',
};
const PASSPORT: Record<string, string> = { ...BGN, 'ж': 'zh', 'й': 'i', 'ю': 'iu', 'я': 'ia', 'ё': 'e', 'ъ': 'ie', 'ы': 'y', 'щ': 'shch' };
const FRENCH: Record<string, string> = { ...BGN, 'ж': 'j', 'ш': 'ch', 'ч': 'tch', 'у': 'ou', 'й': 'i', 'ю': 'iou', 'я': 'ia', 'ё': 'io', 'с': 's', 'е': 'e', 'ц': 'ts', 'х': 'kh' };
const GERMAN: Record<string, string> = { ...BGN, 'ж': 'sh', 'ш': 'sch', 'ч': 'tsch', 'й': 'j', 'ю': 'ju', 'я': 'ja', 'ё': 'jo', 'в': 'w', 'з': 's', 'х': 'ch', 'ц': 'z' };

function mapCyr(s: string, table: Record<string, string>, dzh: string): string {
  let out = '';
  const l = s.toLowerCase();
  for (let i = 0; i < l.length; i++) {
    if (l[i] === 'д' && l[i + 1] === 'ж') { out += dzh; i++; continue; }
    if (l[i] === 'ҷ') { out += dzh; continue; }
    const ch = l[i]!;
    if (ch === 'е' && (i === 0 || 'аоуиэ'.includes(l[i - 1]!)) && table !== FRENCH) { out += table === GERMAN ? 'je' : 'ye'; continue; }
    out += table[ch] ?? ch;
  }
  return out;
}
const cap = (s: string): string => s.split(' ').map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : w)).join(' ');

/** Russian speakers often reduce unstressed о→а and write -ов for Tajik -ов/-зода. */
function russianVariant(r: Rng, s: string): string {
  let out = tajikToRussian(s);
  if (r() < 0.3) out = out.replace(/о(?=[^о]*$)/, 'а');
  return out;
}

function cyrSuffix(base: string, el: Element, russian: boolean): string {
  const lastVowel = /[аеиоуӣӯяю]$/i.test(base);
  switch (el.suffix) {
    case 'ov': return base + (lastVowel ? (el.female ? 'ева' : 'ев') : (el.female ? 'ова' : 'ов'));
    case 'zoda': return base + (russian ? 'заде' : 'зода');
    case 'i': return base + (lastVowel ? 'ӣ' : 'ӣ');
    case 'ovich': return base + (el.female ? 'овна' : 'ович');
    default: return base;
  }
}
function dariSuffix(base: string, el: Element): string {
  switch (el.suffix) {
    case 'ov': return base + (el.female ? 'وا' : 'وف');
    case 'zoda': return base + '\u200cزاده';
    case 'i': return base + 'ی';
    case 'ovich': return base + 'ویچ';
    default: return base;
  }
}

/** Render one element in a convention. */
export function renderElement(r: Rng, el: Element, conv: Convention): string {
  const tj = el.e.tajik;
  switch (conv) {
    case 'tajik': return cyrSuffix(tj, el, false);
    case 'russian': return cyrSuffix(russianVariant(r, tj), el, true).replace(/ӣ/g, 'и');
    case 'dari': return dariSuffix(el.e.dari, el);
    case 'bgn': return cap(mapCyr(cyrSuffix(tj, el, false), BGN, 'j'));
    case 'passport': return mapCyr(cyrSuffix(russianVariant(r, tj), el, true), PASSPORT, 'dzh').toUpperCase();
    case 'french': return cap(mapCyr(cyrSuffix(russianVariant(r, tj), el, true), FRENCH, 'dj'));
    case 'german': return cap(mapCyr(cyrSuffix(russianVariant(r, tj), el, true), GERMAN, 'dsch'));
    case 'english': {
      // Afghan/English usage: a listed spelling, or the Tajik form with Persian vowels (o→a, e→i)
      const base = r() < 0.5 && el.e.latin.length > 1 ? pick(r, el.e.latin.slice(1)) : mapCyr(tj, BGN, 'j').replace(/o/g, 'a').replace(/e/g, r() < 0.5 ? 'i' : 'e');
      const suf = el.suffix === 'ov' ? (el.female ? 'ova' : 'ov') : el.suffix === 'zoda' ? pick(r, ['zada', 'zadeh', 'zade']) : el.suffix === 'i' ? pick(r, ['i', 'y', 'ee']) : el.suffix === 'ovich' ? 'ovich' : '';
      return cap((base + suf).toLowerCase());
    }
  }
}

/** Keyboard-level typo in a word of at least 5 letters. */
export function typo(r: Rng, w: string): string {
  const chars = [...w];
  if (chars.length < 5) return w;
  const i = 1 + Math.floor(r() * (chars.length - 2));
  const k = r();
  if (k < 0.3) chars.splice(i, 1);
  else if (k < 0.55) chars.splice(i, 0, chars[i]!);
  else if (k < 0.8) { const t = chars[i]!; chars[i] = chars[i + 1] ?? t; if (i + 1 < chars.length) chars[i + 1] = t; }
  else chars[i] = chars[i - 1]!;
  return chars.join('');
}
