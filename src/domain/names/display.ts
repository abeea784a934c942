/**
 * A listed name written in the reader's script (pure): each part from the dictionary (a
 * reviewed spelling per script) with its surname suffix in the reader's script; only a
 * part the dictionary does not know is transliterated by rule. The output never mixes
 * scripts: no Latin letter in Perso-Arabic or Cyrillic output, no Cyrillic or Arabic in Latin.
 */
import { detectScript } from './script.ts';
import { parseName, type NamePart } from './parts.ts';
import { transliterate } from './translit.ts';
import type { DictEntry } from './dictionary.ts';

export type ReaderScript = 'latin' | 'cyrillic' | 'arabic';

const ZWNJ = '\u200c';
const cap = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

function dictForm(e: DictEntry, target: ReaderScript): string {
  return target === 'cyrillic' ? e.tajik : target === 'arabic' ? e.dari : cap(e.key);
}

function suffixIn(suffix: string, base: string, target: ReaderScript, female = false): string {
  if (female && suffix === 'ov') return suffixIn('ov', base, target) + (target === 'arabic' ? 'ا' : target === 'cyrillic' ? 'а' : 'a');
  if (female && suffix === 'ovich') return target === 'latin' ? 'ovna' : target === 'cyrillic' ? 'овна' : 'ونا';
  const vowelEnd = target === 'latin' ? /[aeiouy]$/i.test(base) : target === 'cyrillic' ? /[аеиоуӣӯэюя]$/i.test(base) : /[اویه]$/.test(base);
  switch (suffix) {
    case 'ov': return target === 'latin' ? (vowelEnd ? 'ev' : 'ov') : target === 'cyrillic' ? (vowelEnd ? 'ев' : 'ов') : vowelEnd ? ZWNJ + 'یف' : 'وف';
    case 'zoda': return target === 'latin' ? 'zoda' : target === 'cyrillic' ? 'зода' : ZWNJ + 'زاده';
    case 'i': return target === 'latin' ? 'i' : target === 'cyrillic' ? 'ӣ' : vowelEnd ? ZWNJ + 'ی' : 'ی';
    case 'yon': return target === 'latin' ? 'yon' : target === 'cyrillic' ? 'ён' : 'یان';
    case 'pur': return target === 'latin' ? 'pur' : target === 'cyrillic' ? 'пур' : 'پور';
    case 'ovich': return target === 'latin' ? (vowelEnd ? 'evich' : 'ovich') : target === 'cyrillic' ? (vowelEnd ? 'евич' : 'ович') : 'ویچ';
    default: return '';
  }
}

/** Letters of another script than the target's are dropped (a last guard; the rules write none). */
function pure(s: string, target: ReaderScript): string {
  const keep = target === 'latin' ? /[^\u0400-\u04ff\u0600-\u06ff]/u : target === 'cyrillic' ? /[^A-Za-z\u0600-\u06ff]/u : /[^A-Za-z\u0400-\u04ff]/u;
  return [...s].filter((c) => keep.test(c)).join('');
}

/** A surname suffix as written in Latin or Cyrillic, to render the stem and the suffix apart. */
const WRITTEN_SUFFIX: Array<[RegExp, string]> = [
  [/^(.{3,}?)(ovich|ovna|evich|evna|ович|овна|евич|евна)$/, 'ovich'],
  [/^(.{3,}?)(zoda|zade|zada|zadeh|зода|заде|зада)$/, 'zoda'],
  [/^(.{3,}?)(ova|eva|ov|ev|ова|ева|ов|ев)$/, 'ov'],
];
const MARKER: Record<ReaderScript, string> = { latin: 'ibn', cyrillic: 'ибни', arabic: 'بن' };

function partIn(p: NamePart, target: ReaderScript): string {
  const marker = p.marked ? MARKER[target] + ' ' : '';
  const female = /(ova|eva|ова|ева|ovna|evna|овна|евна|وا)$/i.test(p.raw);
  if (p.dict) {
    // the whole part is a dictionary name, or its stem is (Karim + -i, Abdullo + -ev)
    if (p.suffix === '') return marker + dictForm(p.dict, target);
    const base = target === 'latin' ? tajikLatin(p.dict.tajik) : dictForm(p.dict, target).replace(/ӣ$/, 'и');
    return marker + base + suffixIn(p.suffix, base, target, female);
  }
  const raw = p.raw;
  if (detectScript(raw) === 'arabic' && target === 'arabic') return marker + raw;
  if (detectScript(raw) !== 'arabic' && p.suffix !== '' && p.suffix !== 'i') {
    for (const [re, cls] of WRITTEN_SUFFIX) {
      const m = re.exec(raw);
      if (m && cls === p.suffix) {
        const base = single(transliterate(m[1]!, target), target);
        return marker + base + suffixIn(cls, base, target, female);
      }
    }
  }
  return marker + single(transliterate(raw, target), target);
}

/** Persian script writes a doubled consonant once (Farrukh → فرخ); only for rule-made spellings. */
function single(s: string, target: ReaderScript): string {
  return target === 'arabic' ? s.replace(/([^اوی\s\u200c])\1/gu, '$1') : s;
}

const TJ_LATIN: Record<string, string> = {
  'а': 'a', 'б': 'b', 'в': 'v', 'г': 'g', 'ғ': 'gh', 'д': 'd', 'е': 'e', 'ё': 'yo', 'ж': 'zh', 'з': 'z', 'и': 'i', 'ӣ': 'i',
  'й': 'y', 'к': 'k', 'қ': 'q', 'л': 'l', 'м': 'm', 'н': 'n', 'о': 'o', 'п': 'p', 'р': 'r', 'с': 's', 'т': 't', 'у': 'u', 'ӯ': 'u',
  'ф': 'f', 'х': 'kh', 'ҳ': 'h', 'ч': 'ch', 'ҷ': 'j', 'ш': 'sh', 'ъ': '', 'э': 'e', 'ю': 'yu', 'я': 'ya',
};
/** The dictionary's Tajik spelling in Latin letters (a stem before a suffix: Абдулло → Abdullo-ev). */
function tajikLatin(tj: string): string {
  return cap([...tj.toLowerCase()].map((c) => TJ_LATIN[c] ?? '').join(''));
}

/** The name in the reader's script, part by part (titles and particles kept as written when already in that script). */
export function readerName(name: string, target: ReaderScript): string {
  const parts = parseName(name);
  if (!parts.length) return transliterate(name, target);
  return parts.map((p) => pure(partIn(p, target), target)).filter(Boolean).join(' ');
}
