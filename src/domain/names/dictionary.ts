/**
 * Dictionary of common Central Asian and Afghan name parts with spellings in Tajik
 * Cyrillic, Russian Cyrillic, Dari and Latin. Used to canonicalise keys, for readable
 * transliteration and as rarity priors. Built lazily (translit ↔ dictionary cycle).
 */
import { NAME_DATA } from './dictionary-data.ts';
import { NAME_DATA_2 } from './dictionary-data2.ts';
import { normalizeName } from './normalize.ts';
import { detectScript } from './script.ts';
import { phoneticToken } from './translit.ts';

export type NameKind = 'm' | 'f' | 'x' | 's' | 't';
export interface DictEntry {
  key: string;
  tajik: string;
  russian: string;
  dari: string;
  latin: string[];
  kind: NameKind;
  /** 2 very common, 1 common, 0 ordinary */
  commonness: 0 | 1 | 2;
  /** phonetic keys of all spellings */
  keys: string[];
}

/** Tajik Cyrillic → Russian Cyrillic spelling conventions. */
export function tajikToRussian(s: string): string {
  const map: Record<string, string> = { 'ҷ': 'дж', 'Ҷ': 'Дж', 'ҳ': 'х', 'Ҳ': 'Х', 'қ': 'к', 'Қ': 'К', 'ғ': 'г', 'Ғ': 'Г', 'ӣ': 'и', 'Ӣ': 'И', 'ӯ': 'у', 'Ӯ': 'У' };
  return [...s].map((c) => map[c] ?? c).join('').replace(/ъ/g, '');
}

/** Share of entries (0–1) hidden from look-ups; only the evaluation tool sets it. */
let holdout = 0;
let entries: DictEntry[] | undefined;
/**
 * Keys by the script of the spelling that made them: Perso-Arabic spellings lose short
 * vowels, so اکرام (Ikrom) reads "akram" like Latin Akram (another name). A Latin or
 * Cyrillic part is looked up among Latin and Cyrillic spellings first, a Perso-Arabic part
 * among Perso-Arabic spellings first.
 */
let byPhon: Map<string, DictEntry> | undefined;
let byPhonArabic: Map<string, DictEntry> | undefined;
/** keys that spell more than one entry within one script family (its reading is a guess) */
let sharedKeys: Set<string> | undefined;
let sharedArabic: Set<string> | undefined;

/**
 * Evaluation only (bench/names-eval): `holdout: 0.3` hides about 30% of the entries from
 * look-ups (chosen by a hash of the key) while the test-set generator still draws names
 * from all of them — how well the engine does on names its dictionary does not know.
 * Production never calls this, so the domain reads no switch from the environment.
 */
export function configureDictionary(options: { holdout: number }): void {
  if (!(options.holdout >= 0 && options.holdout < 1)) throw new RangeError('holdout must be in [0, 1)');
  holdout = options.holdout;
  entries = undefined;
  byPhon = undefined;
  byPhonArabic = undefined;
  sharedKeys = undefined;
  sharedArabic = undefined;
}

function heldOut(key: string): boolean {
  if (!(holdout > 0)) return false;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return ((h >>> 0) % 1000) / 1000 < holdout;
}


function build(): void {
  entries = [];
  byPhon = new Map();
  byPhonArabic = new Map();
  sharedKeys = new Set();
  sharedArabic = new Set();
  for (const line of (NAME_DATA + '\n' + NAME_DATA_2).split('\n')) {
    const f = line.trim().split('|');
    if (f.length < 4) continue;
    const [key_, tajik, dari, flags, extra] = f as [string, string, string, string, string | undefined];
    const kind = (flags[0] ?? 'x') as NameKind;
    const commonness = flags.includes('*') ? 2 : flags.includes('+') ? 1 : 0;
    const latin = [key_, ...(extra ?? '').split(',').map((x) => x.trim()).filter(Boolean)];
    const russian = tajikToRussian(tajik);
    const e: DictEntry = { key: key_, tajik, russian, dari, latin, kind, commonness, keys: [] };
    const key = (sp: string): string => phoneticToken(normalizeName(sp).replace(/ /g, ''));
    const written = new Set([tajik, russian, ...latin].map(key).filter(Boolean));
    const arabicKey = key(dari);
    e.keys = [...new Set([...written, ...(arabicKey ? [arabicKey] : [])])];
    entries.push(e);
    if (heldOut(key_)) continue;
    for (const k of written) {
      const prev = byPhon.get(k);
      if (!prev) byPhon.set(k, e);
      else if (prev !== e) sharedKeys.add(k);
    }
    if (arabicKey) {
      const prev = byPhonArabic.get(arabicKey);
      if (!prev) byPhonArabic.set(arabicKey, e);
      else if (prev !== e) sharedArabic.add(arabicKey);
    }
  }
}

/** All dictionary entries. */
export function dictionary(): readonly DictEntry[] {
  if (!entries) build();
  return entries!;
}

/**
 * Whether a phonetic key spells more than one dictionary entry (its reading is a guess): in
 * Perso-Arabic script (no short vowels) also when a Latin or Cyrillic spelling of another
 * entry reads the same.
 */
export function isSharedKey(phon: string, arabic = false): boolean {
  if (!sharedKeys) build();
  if (!arabic) return sharedKeys!.has(phon);
  const a = byPhonArabic!.get(phon);
  const w = byPhon!.get(phon);
  return sharedArabic!.has(phon) || (a !== undefined && w !== undefined && a !== w);
}

function get(phon: string, arabic: boolean): DictEntry | undefined {
  return arabic ? byPhonArabic!.get(phon) ?? byPhon!.get(phon) : byPhon!.get(phon) ?? byPhonArabic!.get(phon);
}

/** Latin "ch" (key X) is х in German, ш in French, ч in English: the readings to try. */
const CH_READINGS = ['h', 'S', 'C'];

/** Entry whose spelling has this phonetic key (`arabic`: the key comes from Perso-Arabic script). */
export function lookupByPhon(phon: string, arabic = false): DictEntry | undefined {
  if (!byPhon) build();
  const e = get(phon, arabic);
  if (e || arabic) return e;
  if (phon.includes('X')) {
    for (const r of CH_READINGS) {
      const hit = get(phon.replaceAll('X', r), false);
      if (hit) return hit;
    }
  }
  // German spelling: j is y, ch is х, a leading s before a vowel is z (Sakarijo = Zakariyo, Jachjo = Yahyo)
  const german = phon.replaceAll('J', 'y').replaceAll('X', 'h').replace(/^s(?=[aeiou])/, 'z');
  const g = german !== phon ? get(german, false) : undefined;
  if (g) return g;
  // Tajik typed on a Russian keyboard: ч for ҷ (Чамшед = Ҷамшед)
  return phon.includes('C') ? get(phon.replaceAll('C', 'J'), false) : undefined;
}

/** Dictionary rendering of a normalised token in the target script, if known. */
export function lookupDisplay(token: string, target: 'latin' | 'cyrillic' | 'arabic'): string | undefined {
  const e = lookupByPhon(phoneticToken(token), detectScript(token) === 'arabic');
  if (!e) return undefined;
  if (target === 'cyrillic') return e.tajik;
  if (target === 'arabic') return e.dari;
  const k = e.key;
  return k[0]!.toUpperCase() + k.slice(1);
}

/** Rarity prior (multiplier on weights): very common parts carry little evidence. */
export function rarityPrior(e: DictEntry | undefined): number {
  if (!e) return 1;
  if (e.kind === 't') return 0.15;
  if (e.commonness === 2) return 0.35;
  if (e.commonness === 1) return 0.65;
  return 0.9;
}
