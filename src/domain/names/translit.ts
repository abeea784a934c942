/**
 * Transliteration (pure).
 *  - phoneticKey(): every script → ONE common lossy Latin "phonetic" key space used for
 *    matching. Alphabet: vowels a e i o u; consonants b p t d k g f v s z l m n r y h,
 *    plus S (sh/ш/ش), C (ч/چ), X (Latin "ch": ч, ш or х), J (j/ҷ/дж/ج/zh/ж/ژ). kh/x/х/ҳ/خ/ح/ه all → h,
 *    q/қ/ق/k → k, gh/ғ/غ → g, w → v, ц/ts → s, doubles collapse.
 *  - consonantSkeleton(): the key with vowels removed (what Perso-Arabic script writes).
 *  - transliterate(): readable rendering of a name in the reader's script.
 */
import { normalizeName } from './normalize.ts';
import { charScript, detectScript } from './script.ts';
import { lookupDisplay } from './dictionary.ts';

export const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
const isV = (c: string | undefined): boolean => c !== undefined && VOWELS.has(c);

const CYR: Record<string, string> = {
  'а': 'a', 'б': 'b', 'в': 'v', 'г': 'g', 'ғ': 'g', 'д': 'd', 'е': 'e', 'ж': 'J', 'з': 'z',
  'и': 'i', 'ӣ': 'i', 'й': 'y', 'к': 'k', 'қ': 'k', 'л': 'l', 'м': 'm', 'н': 'n', 'о': 'o',
  'п': 'p', 'р': 'r', 'с': 's', 'т': 't', 'у': 'u', 'ӯ': 'u', 'ф': 'f', 'х': 'h', 'ҳ': 'h',
  'ц': 's', 'ч': 'C', 'ҷ': 'J', 'ш': 'S', 'щ': 'S', 'ъ': '', 'ы': 'i', 'ь': '', 'э': 'e',
  'ю': 'yu', 'я': 'ya', 'ё': 'yo', 'ӯ ': 'u', 'ї': 'i', 'і': 'i', 'ў': 'u', 'ҷ ': 'J',
  'ң': 'n', 'ө': 'o', 'ү': 'u', 'ә': 'a', 'ҡ': 'k', 'ҙ': 'z', 'ҫ': 's',
};

function cyrillicToPhon(w: string): string {
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const ch = w[i]!;
    const nx = w[i + 1];
    if (ch === 'д' && nx === 'ж') { out += 'J'; i++; continue; }
    if (ch === 'к' && nx === 'х') { out += 'h'; i++; continue; }
    if (ch === 'т' && nx === 'с') { out += 's'; i++; continue; }
    if (ch === 'е' && (i === 0 || 'аеиоуӯэюяӣ'.includes(w[i - 1]!)) && i + 1 < w.length) { out += 'ye'; continue; }
    out += CYR[ch] ?? '';
  }
  return out;
}

function latinToPhon(w: string): string {
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const r = w.slice(i);
    const prev = out[out.length - 1];
    if (r.startsWith('dsch')) { out += 'J'; i += 3; continue; }
    if (r.startsWith('tsch')) { out += 'C'; i += 3; continue; }
    if (r.startsWith('dzh') || r.startsWith('dzs')) { out += 'J'; i += 2; continue; }
    if (r.startsWith('sch')) { out += 'S'; i += 2; continue; }
    if (r.startsWith('tch')) { out += 'C'; i += 2; continue; }
    if (r.startsWith('shch')) { out += 'S'; i += 3; continue; }
    const two = r.slice(0, 2);
    switch (two) {
      case 'dj': out += 'J'; i++; continue;
      case 'zh': out += 'J'; i++; continue;
      case 'kh': out += 'h'; i++; continue;
      case 'gh': out += 'g'; i++; continue;
      case 'sh': out += 'S'; i++; continue;
      case 'ch': out += 'X'; i++; continue; // ambiguous: ч (English), ш (French), х (German)
      case 'ph': out += 'f'; i++; continue;
      case 'th': out += 't'; i++; continue;
      case 'ts': case 'tz': out += 's'; i++; continue;
      case 'ck': out += 'k'; i++; continue;
      case 'ee': out += 'i'; i++; continue;
      case 'oo': case 'ou': out += 'u'; i++; continue;
      case 'ie': if (i + 2 === w.length) { out += 'i'; i++; continue; } break;
      case 'ey': case 'ei': if (i + 2 === w.length) { out += 'ey'; i++; continue; } break;
      default: break;
    }
    const ch = w[i]!;
    switch (ch) {
      case 'q': case 'k': out += 'k'; break;
      case 'c': out += 'k'; break;
      case 'x': out += 'h'; break;
      case 'w': out += 'v'; break;
      case 'j': { const nx = w[i + 1]; out += nx === undefined || !'aeiouy'.includes(nx) ? (isV(prev) ? 'y' : 'J') : 'J'; break; }
      case 'y': {
        const nx = w[i + 1];
        out += isV(nx) ? 'y' : (isV(prev) && nx !== undefined ? 'y' : 'i');
        break;
      }
      default:
        if (ch >= 'a' && ch <= 'z') out += ch;
    }
  }
  return out;
}

/** Perso-Arabic letters → phonetic; short vowels are unwritten, so the result is mostly consonantal. */
const AR: Record<string, string> = {
  'ب': 'b', 'پ': 'p', 'ت': 't', 'ث': 's', 'ج': 'J', 'چ': 'C', 'ح': 'h', 'خ': 'h', 'د': 'd',
  'ذ': 'z', 'ر': 'r', 'ز': 'z', 'ژ': 'J', 'س': 's', 'ش': 'S', 'ص': 's', 'ض': 'z', 'ط': 't',
  'ظ': 'z', 'غ': 'g', 'ف': 'f', 'ق': 'k', 'ک': 'k', 'گ': 'g', 'ل': 'l', 'م': 'm', 'ن': 'n',
  'ٹ': 't', 'ډ': 'd', 'ړ': 'r', 'ږ': 'J', 'ښ': 'S', 'ځ': 'z', 'څ': 's', 'ڼ': 'n', 'ګ': 'g',
};

function arabicToPhon(w: string): string {
  if (w === 'الله' || w === 'اله') return 'allah';
  let out = '';
  const n = w.length;
  for (let i = 0; i < n; i++) {
    const ch = w[i]!;
    const prevCh = w[i - 1];
    const nextCh = w[i + 1];
    const prev = out[out.length - 1];
    if (ch === 'ا') { out += prev === 'a' ? '' : 'a'; continue; }
    if (ch === 'ع') { if (i === 0) out += 'a'; continue; }
    if (ch === 'و') {
      if (i === 0 || prev === undefined) out += 'v';
      else if (prevCh === 'و') out += 'u';
      else if (isV(prev) && nextCh !== undefined) out += 'v';
      else out += 'u';
      continue;
    }
    if (ch === 'ی') {
      if (i === 0 || prev === undefined) out += 'y';
      else if (isV(prev) && nextCh !== undefined && prev !== 'i') out += 'y';
      else out += 'i';
      continue;
    }
    if (ch === 'ه') {
      if (i === n - 1 && i > 0 && prevCh !== 'ا' && prevCh !== 'و' && !(prevCh === 'ل' && w[i - 2] === 'ل')) { out += 'a'; continue; }
      out += 'h';
      continue;
    }
    out += AR[ch] ?? '';
  }
  return out;
}

/** Collapse doubled letters and tidy the key. */
function tidy(k: string): string {
  let out = '';
  for (const ch of k) if (out[out.length - 1] !== ch) out += ch;
  return out;
}

/** Phonetic key of ONE normalised token (any script). */
export function phoneticToken(tok: string): string {
  const s = detectScript(tok);
  let k: string;
  if (s === 'cyrillic') k = cyrillicToPhon(tok);
  else if (s === 'arabic') k = arabicToPhon(tok);
  else if (s === 'latin') k = latinToPhon(tok);
  else {
    let out = '';
    for (const ch of tok) {
      const cs = charScript(ch);
      out += cs === 'cyrillic' ? cyrillicToPhon(ch) : cs === 'arabic' ? arabicToPhon(ch) : cs === 'latin' ? latinToPhon(ch) : '';
    }
    k = out;
  }
  return tidy(k);
}

/** Phonetic key of a whole name: tokens' keys joined by spaces. */
export function phoneticKey(name: string): string {
  return normalizeName(name).split(' ').map(phoneticToken).filter(Boolean).join(' ');
}

/** Consonant skeleton of a phonetic key (vowels dropped, h kept). */
export function consonantSkeleton(key: string): string {
  let out = '';
  for (const ch of key) if (!VOWELS.has(ch) && out[out.length - 1] !== ch) out += ch;
  return out;
}

/** Coarse class skeleton for candidate generation: merges easily-confused consonants. */
export function coarseSkeleton(key: string): string {
  let out = '';
  for (const ch of key) {
    if (VOWELS.has(ch) || ch === 'h' || ch === 'y' || ch === 'X') continue;
    let c = ch;
    if (c === 'g') c = 'k';
    else if (c === 'S' || c === 'C' || c === 'z' || c === 'J') c = 's';
    else if (c === 'f' || c === 'p' || c === 'b') c = 'v';
    else if (c === 'd') c = 't';
    if (out[out.length - 1] !== c) out += c;
  }
  return out;
}

// ---------------------------------------------------------------- readable output

const TJ_LAT: Record<string, string> = {
  'а': 'a', 'б': 'b', 'в': 'v', 'г': 'g', 'ғ': 'gh', 'д': 'd', 'е': 'e', 'ё': 'yo', 'ж': 'zh', 'з': 'z',
  'и': 'i', 'ӣ': 'i', 'й': 'y', 'к': 'k', 'қ': 'q', 'л': 'l', 'м': 'm', 'н': 'n', 'о': 'o', 'п': 'p',
  'р': 'r', 'с': 's', 'т': 't', 'у': 'u', 'ӯ': 'u', 'ф': 'f', 'х': 'kh', 'ҳ': 'h', 'ц': 'ts', 'ч': 'ch',
  'ҷ': 'j', 'ш': 'sh', 'щ': 'shch', 'ъ': '', 'ы': 'y', 'ь': '', 'э': 'e', 'ю': 'yu', 'я': 'ya',
};
const AR_LAT: Record<string, string> = {
  'ب': 'b', 'پ': 'p', 'ت': 't', 'ث': 's', 'ج': 'j', 'چ': 'ch', 'ح': 'h', 'خ': 'kh', 'د': 'd', 'ذ': 'z',
  'ر': 'r', 'ز': 'z', 'ژ': 'zh', 'س': 's', 'ش': 'sh', 'ص': 's', 'ض': 'z', 'ط': 't', 'ظ': 'z', 'ع': '',
  'غ': 'gh', 'ف': 'f', 'ق': 'q', 'ک': 'k', 'گ': 'g', 'ل': 'l', 'م': 'm', 'ن': 'n',
};
const AR_CYR: Record<string, string> = {
  'ب': 'б', 'پ': 'п', 'ت': 'т', 'ث': 'с', 'ج': 'ҷ', 'چ': 'ч', 'ح': 'ҳ', 'خ': 'х', 'د': 'д', 'ذ': 'з',
  'ر': 'р', 'ز': 'з', 'ژ': 'ж', 'س': 'с', 'ش': 'ш', 'ص': 'с', 'ض': 'з', 'ط': 'т', 'ظ': 'з', 'ع': 'ъ',
  'غ': 'ғ', 'ف': 'ф', 'ق': 'қ', 'ک': 'к', 'گ': 'г', 'ل': 'л', 'м': 'м', 'م': 'м', 'ن': 'н',
};
const PH_CYR: Record<string, string> = {
  a: 'а', e: 'е', i: 'и', o: 'о', u: 'у', b: 'б', p: 'п', t: 'т', d: 'д', k: 'к', g: 'г', f: 'ф', v: 'в',
  s: 'с', z: 'з', l: 'л', m: 'м', n: 'н', r: 'р', y: 'й', h: 'ҳ', S: 'ш', C: 'ч', J: 'ҷ',
};
const PH_AR: Record<string, string> = {
  b: 'ب', p: 'پ', t: 'ت', d: 'د', k: 'ک', g: 'گ', f: 'ف', v: 'و', s: 'س', z: 'ز', l: 'ل', m: 'م', n: 'ن',
  r: 'ر', y: 'ی', h: 'ه', S: 'ش', C: 'چ', J: 'ج', o: 'ا', u: 'و', i: 'ی', e: 'ی',
};

function cap(s: string): string { return s.length ? s[0]!.toUpperCase() + s.slice(1) : s; }

function latinTokenToCyr(w: string): string {
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const r = w.slice(i);
    const m: Array<[string, string]> = [['dzh', 'ҷ'], ['shch', 'щ'], ['kh', 'х'], ['gh', 'ғ'], ['sh', 'ш'], ['ch', 'ч'], ['zh', 'ж'], ['dj', 'ҷ'], ['ts', 'ц'], ['ya', 'я'], ['yu', 'ю'], ['yo', 'ё'], ['ee', 'и'], ['oo', 'у'], ['ou', 'у']];
    const hit = m.find(([a]) => r.startsWith(a));
    if (hit) { out += hit[1]; i += hit[0].length - 1; continue; }
    const c = w[i]!;
    const one: Record<string, string> = { j: 'ҷ', q: 'қ', h: 'ҳ', x: 'х', w: 'в', c: 'к', y: 'й' };
    out += one[c] ?? PH_CYR[c] ?? '';
  }
  return out;
}

function cyrTokenToArabic(w: string): string {
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const ch = w[i]!;
    const first = i === 0;
    const last = i === w.length - 1;
    if (ch === 'д' && w[i + 1] === 'ж') { out += 'ج'; i++; continue; }
    switch (ch) {
      case 'а': out += first ? 'ا' : last ? 'ه' : ''; break;
      case 'о': out += first ? 'آ' : 'ا'; break;
      case 'и': case 'ӣ': case 'е': case 'э': out += first ? 'ای' : 'ی'; break;
      case 'у': case 'ӯ': out += first ? 'او' : 'و'; break;
      case 'ё': out += 'یو'; break;
      case 'ю': out += 'یو'; break;
      case 'я': out += 'یا'; break;
      case 'ъ': out += 'ع'; break;
      case 'ь': case 'ы': break;
      case 'х': out += 'خ'; break;
      case 'ҳ': out += 'ه'; break;
      case 'қ': out += 'ق'; break;
      case 'ғ': out += 'غ'; break;
      case 'ц': out += 'تس'; break;
      case 'щ': out += 'ش'; break;
      default: {
        const ph = CYR[ch];
        out += ph !== undefined ? (PH_AR[ph] ?? '') : '';
      }
    }
  }
  return out;
}

/** Readable transliteration of a name into the reader's script (dictionary first, rules otherwise). */
export function transliterate(name: string, target: 'latin' | 'cyrillic' | 'arabic'): string {
  const toks = normalizeName(name).split(' ').filter(Boolean);
  return toks.map((tok) => {
    const src = detectScript(tok);
    const known = lookupDisplay(tok, target);
    if (known !== undefined) return known;
    if (target === 'latin') {
      if (src === 'latin') return cap(tok);
      if (src === 'cyrillic') {
        let out = '';
        for (let i = 0; i < tok.length; i++) {
          const ch = tok[i]!;
          if (ch === 'д' && tok[i + 1] === 'ж') { out += 'j'; i++; continue; }
          out += TJ_LAT[ch] ?? '';
        }
        return cap(out);
      }
      let out = '';
      const ph = arabicToPhon(tok);
      for (let i = 0, j = 0; i < tok.length; i++) {
        const ch = tok[i]!;
        if (ch === 'ا') out += 'a';
        else if (ch === 'و') out += ph.includes('v', j) && (i === 0 || tok[i - 1] === 'ا') ? 'v' : 'u';
        else if (ch === 'ی') out += i === 0 ? 'y' : 'i';
        else if (ch === 'ه') out += i === tok.length - 1 && i > 0 && tok[i - 1] !== 'ا' ? 'a' : 'h';
        else out += AR_LAT[ch] ?? '';
      }
      return cap(out.replace(/aa+/g, 'a'));
    }
    if (target === 'cyrillic') {
      if (src === 'cyrillic') return cap(tok);
      if (src === 'latin') return cap(latinTokenToCyr(tok));
      let out = '';
      for (let i = 0; i < tok.length; i++) {
        const ch = tok[i]!;
        if (ch === 'ا') out += i === 0 ? 'а' : 'о';
        else if (ch === 'و') out += i === 0 ? 'в' : 'у';
        else if (ch === 'ی') out += i === 0 ? 'й' : 'ӣ';
        else if (ch === 'ه') out += i === tok.length - 1 && i > 0 && tok[i - 1] !== 'ا' ? 'а' : 'ҳ';
        else out += AR_CYR[ch] ?? '';
      }
      return cap(out);
    }
    if (src === 'arabic') return tok;
    if (src === 'cyrillic') return cyrTokenToArabic(tok);
    return cyrTokenToArabic(latinTokenToCyr(tok).replace(/^е/, 'э'));
  }).join(' ');
}
