/**
 * Script-aware normalisation of names (pure). Output keeps the script of the input
 * (Tajik letters are preserved for transliteration); it only removes noise.
 */
import { charScript } from './script.ts';

const ARABIC_MAP: Record<string, string> = {
  'ي': 'ی', 'ى': 'ی', 'ې': 'ی', 'ۍ': 'ی', 'ئ': 'ی', 'ے': 'ی',
  'ك': 'ک', 'ڪ': 'ک',
  'ة': 'ه', 'ۀ': 'ه', 'ہ': 'ه', 'ە': 'ه', 'ھ': 'ه',
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ٲ': 'ا', 'ٳ': 'ا',
  'ؤ': 'و', 'ۇ': 'و', 'ۆ': 'و', 'ۈ': 'و',
  'ء': '', 'ٔ': '', 'ـ': '',
};
const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';

/** Replace Persian and Arabic-Indic digits by ASCII digits. */
export function asciiDigits(s: string): string {
  let out = '';
  for (const ch of s) {
    let i = PERSIAN_DIGITS.indexOf(ch);
    if (i < 0) i = ARABIC_DIGITS.indexOf(ch);
    out += i >= 0 ? String(i) : ch;
  }
  return out;
}

function isArabicMark(c: number): boolean {
  // harakat, tanwin, shadda, sukun, superscript alef, Quranic marks
  return (c >= 0x610 && c <= 0x61a) || (c >= 0x64b && c <= 0x65f) || c === 0x670 || (c >= 0x6d6 && c <= 0x6ed);
}

export interface NormalizeOptions {
  /** ZWNJ (U+200C) inside Perso-Arabic words: 'join' (default, e.g. عبدال‌رحمن) or 'space'. */
  zwnj?: 'join' | 'space';
}

/**
 * Latin letters that are not a base letter plus accent: ß, ø… and the háček / cedilla /
 * breve letters that spell one sound (Jamšed, Çamşed, Ğafur as Tajik, Turkic and scholarly
 * Latin write them), which stripping the mark would turn into another sound.
 */
const LATIN_SPECIAL: Record<string, string> = {
  'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'đ': 'd', 'ł': 'l', 'ı': 'i', 'ħ': 'h', 'þ': 'th',
  'š': 'sh', 'ş': 'sh', 'č': 'ch', 'ç': 'ch', 'ž': 'zh', 'ğ': 'gh', 'ǧ': 'gh', 'ġ': 'gh', 'ḫ': 'kh', 'ẖ': 'kh',
};

/**
 * Normalise a name: NFKC, case fold, Arabic letter variants unified, marks and tatweel
 * removed, digits to ASCII, Cyrillic ё→е, Latin diacritics stripped, apostrophes
 * removed, hyphens/punctuation to spaces, whitespace collapsed.
 */
export function normalizeName(input: string, opts: NormalizeOptions = {}): string {
  const zwnj = opts.zwnj ?? 'join';
  let s = input.normalize('NFKC').toLowerCase();
  s = asciiDigits(s);
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c === 0x200c) { out += zwnj === 'space' ? ' ' : ''; continue; }
    if (c === 0x200d || c === 0x200e || c === 0x200f || c === 0xfeff || c === 0xad) continue;
    if (isArabicMark(c)) continue;
    const mapped = ARABIC_MAP[ch];
    if (mapped !== undefined) { out += mapped; continue; }
    if (ch === 'ё') { out += 'е'; continue; }
    if (ch === 'ѓ') { out += 'ғ'; continue; }
    if (ch === 'ќ') { out += 'қ'; continue; }
    const script = charScript(ch);
    if (script === 'latin' && c > 0x7f) {
      const sp = LATIN_SPECIAL[ch];
      if (sp !== undefined) { out += sp; continue; }
      out += ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      continue;
    }
    if (script === 'cyrillic' || script === 'arabic' || (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a)) { out += ch; continue; }
    // apostrophes and ayn/hamza-like marks vanish inside words
    if ("'’‘`´ʼʻʹʾʿ\"".includes(ch)) continue;
    // Cyrillic combining macron / breve survive NFKC only when not precomposed: drop
    if (c >= 0x300 && c <= 0x36f) continue;
    out += ' ';
  }
  return out.replace(/\s+/g, ' ').trim();
}
