/**
 * Spelling rules of the development-set generator, written for it alone (nothing from
 * src/): how a name lemma (names.ts) is written by a Tajik clerk, a Russian clerk, an
 * Afghan clerk on a Persian or an Arabic keyboard (with or without short-vowel marks), and
 * in the Latin conventions met on passports and lists (Tajik official Latin, ICAO
 * transliteration of the Russian form, German, French, Afghan English).
 */
import type { NameLemma } from './names.ts';

export type Rng = () => number;
/** Small seeded PRNG (splitmix32). */
export function prng(seed: number): Rng {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
}
export const choose = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

export type Conv = 'tj' | 'ru' | 'dari' | 'dari-ar' | 'lat-tj' | 'lat-icao' | 'lat-de' | 'lat-fr' | 'lat-af';
export const CONVS: Conv[] = ['tj', 'ru', 'dari', 'dari-ar', 'lat-tj', 'lat-icao', 'lat-de', 'lat-fr', 'lat-af'];
export const isDari = (c: Conv): boolean => c === 'dari' || c === 'dari-ar';
export const isCyr = (c: Conv): boolean => c === 'tj' || c === 'ru';

export type SurSuffix = 'ov' | 'zoda' | 'i' | 'yon';
export type Marker = 'ovich' | 'ibni' | 'walad' | 'bin' | 'ibn' | 'so' | 'do' | 'wo' | 'sonof' | 'syn' | 'pisari';
/** One element of a written name. */
export type Element =
  | { t: 'given'; l: NameLemma }
  | { t: 'sur'; l: NameLemma; suffix: SurSuffix; female: boolean }
  | { t: 'tribe'; l: NameLemma }
  | { t: 'patr'; l: NameLemma; marker: Marker; female: boolean };

// ------------------------------------------------------------------ Cyrillic

const TJ_TO_RU: Record<string, string> = { 'ҷ': 'дж', 'ҳ': 'х', 'қ': 'к', 'ғ': 'г', 'ӣ': 'и', 'ӯ': 'у', 'ъ': '' };
function ru(tj: string, r: Rng): string {
  let s = [...tj].map((c) => { const lo = c.toLowerCase(); const m = TJ_TO_RU[lo]; return m === undefined ? c : c === lo ? m : m.charAt(0).toUpperCase() + m.slice(1); }).join('');
  // a Russian ear: unstressed final о heard as а (Раҳмон → Рахман), Улло as Улла
  if (r() < 0.3) s = s.replace(/о(?=[^аеиоуюяё]*$)/, 'а');
  return s;
}

// ------------------------------------------------------------------ Latin

const LAT_TJ: Record<string, string> = {
  'а': 'a', 'б': 'b', 'в': 'v', 'г': 'g', 'ғ': 'gh', 'д': 'd', 'е': 'e', 'ё': 'yo', 'ж': 'zh', 'з': 'z', 'и': 'i', 'ӣ': 'i',
  'й': 'y', 'к': 'k', 'қ': 'q', 'л': 'l', 'м': 'm', 'н': 'n', 'о': 'o', 'п': 'p', 'р': 'r', 'с': 's', 'т': 't', 'у': 'u', 'ӯ': 'ū',
  'ф': 'f', 'х': 'kh', 'ҳ': 'h', 'ч': 'ch', 'ҷ': 'j', 'ш': 'sh', 'ъ': '', 'э': 'e', 'ю': 'yu', 'я': 'ya',
};
const LAT_ICAO: Record<string, string> = {
  'а': 'a', 'б': 'b', 'в': 'v', 'г': 'g', 'д': 'd', 'е': 'e', 'ё': 'e', 'ж': 'zh', 'з': 'z', 'и': 'i', 'й': 'i', 'к': 'k', 'л': 'l',
  'м': 'm', 'н': 'n', 'о': 'o', 'п': 'p', 'р': 'r', 'с': 's', 'т': 't', 'у': 'u', 'ф': 'f', 'х': 'kh', 'ц': 'ts', 'ч': 'ch',
  'ш': 'sh', 'щ': 'shch', 'ъ': 'ie', 'ы': 'y', 'ь': '', 'э': 'e', 'ю': 'iu', 'я': 'ia',
};
const LAT_DE: Record<string, string> = {
  ...LAT_ICAO, 'в': 'w', 'ж': 'sh', 'з': 's', 'й': 'j', 'х': 'ch', 'ц': 'z', 'ч': 'tsch', 'ш': 'sch', 'ю': 'ju', 'я': 'ja', 'ё': 'jo', 'ъ': '',
};
const LAT_FR: Record<string, string> = {
  ...LAT_ICAO, 'ж': 'j', 'у': 'ou', 'х': 'kh', 'ч': 'tch', 'ш': 'ch', 'й': 'ï', 'ю': 'iou', 'я': 'ia', 'ё': 'io', 'ъ': '',
};
/** Afghan English: Persian vowels (Tajik о is Persian ā, written a; ӯ is o; е is i/e). */
const LAT_AF: Record<string, string> = {
  ...LAT_TJ, 'о': 'a', 'ӯ': 'o', 'е': 'e', 'ё': 'ya', 'в': 'w', 'қ': 'q', 'ӣ': 'i',
};

function mapLetters(word: string, table: Record<string, string>, dzh: string): string {
  const w = word.toLowerCase();
  let out = '';
  for (let i = 0; i < w.length; i++) {
    if (w[i] === 'д' && w[i + 1] === 'ж') { out += dzh; i++; continue; }
    if (w[i] === 'ҷ' && table !== LAT_TJ && table !== LAT_AF) { out += dzh; continue; }
    // Russian е after a vowel or at the start reads ye
    if (w[i] === 'е' && (i === 0 || 'аоуиэяюё'.includes(w[i - 1]!))) { out += table === LAT_DE ? 'je' : table === LAT_FR ? 'ie' : 'ye'; continue; }
    // German doubles s between vowels to keep it voiceless
    if (table === LAT_DE && w[i] === 'с' && i > 0 && 'аоуиэ'.includes(w[i - 1]!) && 'аоуиэ'.includes(w[i + 1] ?? '')) { out += 'ss'; continue; }
    out += table[w[i]!] ?? w[i]!;
  }
  return out;
}
const title = (s: string): string => s.split(/([ -])/).map((w) => (w.length ? w.charAt(0).toUpperCase() + w.slice(1) : w)).join('');

/** Afghan English rendering of a lemma's Tajik form, with the usual free variation. */
function afghanLatin(tj: string, r: Rng): string {
  let s = mapLetters(tj, LAT_AF, 'j');
  if (r() < 0.3) s = s.replace(/u/, 'o'); // Mohammad, Yosuf
  if (r() < 0.25) s = s.replace(/i(?=[^aeiou]*$)/, 'ee'); // Kareem, Jameel
  if (r() < 0.2) s = s.replace(/q/g, 'k');
  if (r() < 0.15) s = s.replace(/u(?=[^aeiou]*$)/, 'oo'); // Mahmood
  return s;
}

// ------------------------------------------------------------------ Dari

const ZWNJ = '\u200c';
const FATHA = '\u064e'; const KASRA = '\u0650'; const DAMMA = '\u064f';

/** Persian keyboard → Arabic keyboard letters (ي ك ى ة), as typed on an Arabic layout. */
function arabicKeyboard(s: string, female: boolean): string {
  let out = s.replace(/ک/g, 'ك').replace(/ی(?=[\s\u200c]|$)/g, 'ى').replace(/ی/g, 'ي');
  if (female) out = out.replace(/ه(?=[\s]|$)/g, 'ة');
  return out;
}
/** Short-vowel marks after the first letter, from the lemma's first Tajik vowel. */
function vowelMarks(dari: string, tj: string): string {
  const v = /[аиуеэӯ]/i.exec(tj.slice(1))?.[0]?.toLowerCase();
  const mark = v === 'а' ? FATHA : v === 'и' || v === 'е' || v === 'э' ? KASRA : v === 'у' || v === 'ӯ' ? DAMMA : '';
  if (!mark || dari.length < 2 || 'اوی'.includes(dari[1]!)) return dari;
  return dari[0] + mark + dari.slice(1);
}

// ------------------------------------------------------------------ lemmas

function comps(s: string): [string, string | undefined] {
  const [a, b] = s.split('+') as [string, string | undefined];
  return [a, b];
}

/** A lemma written in a convention (compound joined, spaced or hyphenated as the convention does). */
export function lemma(l: NameLemma, conv: Conv, r: Rng, female = false): string {
  const [ta, tb] = comps(l.tajik);
  const [da, db] = comps(l.dari);
  const tag = l.tag;
  const tjWhole = ta + (tb ?? '');
  if (conv === 'tj') return tjWhole;
  if (conv === 'ru') {
    let s = ru(tjWhole, r);
    if (tb === 'улло' && r() < 0.4) s = s.replace(/улло$/, 'улла');
    return s;
  }
  if (isDari(conv)) {
    let s: string;
    if (db === undefined) s = da;
    else if (db === 'الله' || db === 'الدین') s = da + choose(r, [ZWNJ, ZWNJ, ' ', '']) + db; // سیف‌الله / سیف الله / سیفالله
    else s = r() < 0.8 ? da + db : da + ' ' + db; // عبدالرحمن / عبد الرحمن
    if (conv === 'dari-ar') { s = arabicKeyboard(s, female || l.kind === 'f'); if (r() < 0.6) s = vowelMarks(s, ta); }
    return s;
  }
  if (conv === 'lat-af') {
    if (tb === undefined) return title(afghanLatin(ta, r));
    const a = afghanLatin(ta, r);
    if (tag.endsWith('+ullah')) return title(choose(r, [`${a}ullah`, `${a}ullah`, `${a} Ullah`, `${a}-ullah`, `${a}ulla`]));
    if (tag.endsWith('+uddin')) return title(choose(r, [`${a}uddin`, `${a}-ud-din`, `${a} ud Din`, `${a}ddin`, `${a} Uddin`]));
    const b = afghanLatin(tb, r);
    return title(choose(r, [`abdul ${b}`, `abdul ${b}`, `abdur ${b}`, `abd al-${b}`, `abdul${b}`]));
  }
  const table = conv === 'lat-tj' ? LAT_TJ : conv === 'lat-icao' ? LAT_ICAO : conv === 'lat-de' ? LAT_DE : LAT_FR;
  const src = conv === 'lat-tj' ? tjWhole : ru(tjWhole, r);
  const dzh = conv === 'lat-tj' ? 'j' : conv === 'lat-icao' ? 'dzh' : conv === 'lat-de' ? 'dsch' : 'dj';
  let s = mapLetters(src, table, dzh);
  if (conv === 'lat-tj' && r() < 0.5) s = s.replace(/ū/g, 'u');
  if (conv === 'lat-icao') s = s.toUpperCase();
  return conv === 'lat-icao' ? s : title(s);
}

/** A Tajik-style surname: the lemma plus -ov / -zoda / -ī / -yon in the convention. */
function surname(l: NameLemma, suffix: SurSuffix, female: boolean, conv: Conv, r: Rng): string {
  const tjBase = lemma(l, 'tj', r).replace(/ӣ$/, 'и');
  const vowelEnd = /[аоуиэӯ]$/i.test(tjBase);
  if (isDari(conv)) {
    const base = lemma(l, conv, r).replace(/\s/g, '');
    let s: string;
    switch (suffix) {
      case 'ov': s = female ? base + choose(r, ['ووا', 'اوا', 'وا']) : vowelEnd ? base + choose(r, ['یف', ZWNJ + 'یف', 'یوف']) : base + choose(r, ['وف', 'وف', 'اف', ZWNJ + 'اف', 'یف']); break;
      case 'zoda': s = base + choose(r, ['زاده', ZWNJ + 'زاده', ' زاده']); break;
      case 'i': s = base + (base.endsWith('ی') ? ZWNJ + 'ی' : 'ی'); break;
      case 'yon': s = base + 'یان'; break;
    }
    return conv === 'dari-ar' ? arabicKeyboard(s, false) : s;
  }
  let tj: string;
  switch (suffix) {
    case 'ov': tj = tjBase + (vowelEnd ? 'ев' : 'ов') + (female ? 'а' : ''); break;
    case 'zoda': tj = tjBase.replace(/[аи]$/, '') + 'зода'; break;
    case 'i': tj = tjBase + 'ӣ'; break;
    case 'yon': tj = tjBase + 'ён'; break;
  }
  if (conv === 'tj') return tj;
  let rus = ru(tj, r);
  if (suffix === 'zoda' && r() < 0.5) rus = rus.replace(/з[оа]д[аоэ]$/, 'заде');
  if (conv === 'ru') return rus;
  if (conv === 'lat-af') {
    let s = afghanLatin(tjBase, r);
    s += suffix === 'ov' ? (vowelEnd ? 'ev' : 'ov') + (female ? 'a' : '') : suffix === 'zoda' ? choose(r, ['zada', 'zadah', 'zade', 'zadeh']) : suffix === 'i' ? choose(r, ['i', 'i', 'y', 'ee']) : 'yan';
    return title(s);
  }
  return lemmaLatinOf(conv === 'lat-tj' ? tj : rus, conv, r);
}

function lemmaLatinOf(cyr: string, conv: Conv, r: Rng): string {
  const table = conv === 'lat-tj' ? LAT_TJ : conv === 'lat-icao' ? LAT_ICAO : conv === 'lat-de' ? LAT_DE : LAT_FR;
  const dzh = conv === 'lat-tj' ? 'j' : conv === 'lat-icao' ? 'dzh' : conv === 'lat-de' ? 'dsch' : 'dj';
  let s = mapLetters(cyr, table, dzh);
  if (conv === 'lat-de') s = s.replace(/ow$/, r() < 0.5 ? 'ow' : 'off').replace(/ew$/, 'ew');
  if (conv === 'lat-tj' && r() < 0.5) s = s.replace(/ū/g, 'u');
  return conv === 'lat-icao' ? s.toUpperCase() : title(s);
}

/** A patronymic with its marker in the convention's script (markers that do not exist there fall back). */
function patronymic(l: NameLemma, marker: Marker, female: boolean, conv: Conv, r: Rng): string {
  const name = lemma(l, conv, r);
  if (isDari(conv)) {
    const m = marker === 'bin' ? 'بن' : marker === 'ibn' ? 'ابن' : marker === 'pisari' ? (female ? 'دختر' : 'پسر') : female ? 'بنت' : 'ولد';
    return `${conv === 'dari-ar' && m === 'پسر' ? 'بن' : m} ${name}`;
  }
  if (isCyr(conv)) {
    switch (marker) {
      case 'ovich': {
        const base = lemma(l, conv, r).replace(/[ӣи]$/, 'и');
        return /[аоуиэ]$/.test(base) ? base + (female ? 'евна' : 'евич') : base + (female ? 'овна' : 'ович');
      }
      case 'ibni': return `${female ? 'бинти' : 'ибни'} ${name}`;
      case 'syn': return `${female ? 'дочь' : 'сын'} ${/[бвгджзклмнпрстфхцчшщ]$/.test(name) ? name + 'а' : name}`;
      case 'pisari': return `${female ? 'духтари' : 'писари'} ${name}`;
      default: return `${female ? 'бинти' : 'ибн'} ${name}`;
    }
  }
  switch (marker) {
    case 'ovich': {
      const cyr = lemma(l, 'tj', r).replace(/ӣ$/, 'и');
      return lemmaLatinOf(/[аоуиэ]$/.test(cyr) ? cyr + (female ? 'евна' : 'евич') : cyr + (female ? 'овна' : 'ович'), conv === 'lat-af' ? 'lat-tj' : conv, r);
    }
    case 'bin': return `${female ? 'bint' : 'bin'} ${name}`;
    case 'ibn': case 'ibni': return `${female ? 'bint' : 'ibn'} ${name}`;
    case 'so': return `${female ? choose(r, ['d/o', 'D/O']) : choose(r, ['s/o', 'S/O', 's/o'])} ${name}`;
    case 'do': return `${female ? 'd/o' : 's/o'} ${name}`;
    case 'wo': return `${female ? 'w/o' : 's/o'} ${name}`;
    case 'sonof': return `${female ? 'daughter of' : 'son of'} ${name}`;
    default: return `${female ? 'd/o' : 's/o'} ${name}`;
  }
}

/** One element written in a convention. */
export function element(el: Element, conv: Conv, r: Rng): string {
  switch (el.t) {
    case 'given': return lemma(el.l, conv, r, el.l.kind === 'f');
    case 'tribe': return lemma(el.l, conv, r);
    case 'sur': return surname(el.l, el.suffix, el.female, conv, r);
    case 'patr': return patronymic(el.l, el.marker, el.female, conv, r);
  }
}

/** A keyboard slip in one word of five letters or more: dropped, doubled, swapped or neighbouring letter. */
export function slip(r: Rng, word: string): string {
  const cs = [...word];
  if (cs.length < 5) return word;
  const i = 1 + Math.floor(r() * (cs.length - 2));
  const k = r();
  if (k < 0.3) cs.splice(i, 1);
  else if (k < 0.5) cs.splice(i, 0, cs[i]!);
  else if (k < 0.8) [cs[i], cs[i + 1]] = [cs[i + 1]!, cs[i]!];
  else {
    const near: Record<string, string> = { a: 's', s: 'a', e: 'r', r: 't', i: 'o', o: 'i', u: 'y', n: 'm', m: 'n', h: 'j', k: 'l', d: 'f', 'а': 'п', 'о': 'р', 'и': 'т', 'е': 'н', 'н': 'г', 'с': 'м', 'ر': 'ز', 'ز': 'ر', 'س': 'ش', 'د': 'ذ', 'ن': 'ت', 'ی': 'ب', 'ب': 'ی' };
    cs[i] = near[cs[i]!.toLowerCase()] ?? cs[i]!;
  }
  return cs.join('');
}
