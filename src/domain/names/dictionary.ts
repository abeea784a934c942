/**
 * Dictionary of common Central Asian and Afghan name parts with spellings in Tajik
 * Cyrillic, Russian Cyrillic, Dari and Latin. Used to canonicalise keys, for readable
 * transliteration and as rarity priors. Built lazily (translit ↔ dictionary cycle).
 */
import { NAME_DATA } from './dictionary-data.ts';
import { NAME_DATA_2 } from './dictionary-data2.ts';
import { normalizeName } from './normalize.ts';
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
let byPhon: Map<string, DictEntry> | undefined;
/** keys that spell more than one entry (اکرام and Latin Akram both read "akram") */
let sharedKeys: Set<string> | undefined;

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
  sharedKeys = undefined;
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
  sharedKeys = new Set();
  for (const line of (NAME_DATA + '\n' + NAME_DATA_2).split('\n')) {
    const f = line.trim().split('|');
    if (f.length < 4) continue;
    const [key, tajik, dari, flags, extra] = f as [string, string, string, string, string | undefined];
    const kind = (flags[0] ?? 'x') as NameKind;
    const commonness = flags.includes('*') ? 2 : flags.includes('+') ? 1 : 0;
    const latin = [key, ...(extra ?? '').split(',').map((x) => x.trim()).filter(Boolean)];
    const russian = tajikToRussian(tajik);
    const e: DictEntry = { key, tajik, russian, dari, latin, kind, commonness, keys: [] };
    const spellings = [tajik, russian, dari, ...latin];
    const ks = new Set<string>();
    for (const sp of spellings) {
      const norm = normalizeName(sp).replace(/ /g, '');
      const k = phoneticToken(norm);
      if (k) ks.add(k);
    }
    e.keys = [...ks];
    entries.push(e);
    if (heldOut(key)) continue;
    for (const k of e.keys) {
      const prev = byPhon.get(k);
      if (!prev) byPhon.set(k, e);
      else if (prev !== e) sharedKeys.add(k);
    }
  }
}

/** All dictionary entries. */
export function dictionary(): readonly DictEntry[] {
  if (!entries) build();
  return entries!;
}

/** Whether a phonetic key spells more than one dictionary entry (its reading is a guess). */
export function isSharedKey(phon: string): boolean {
  if (!sharedKeys) build();
  return sharedKeys!.has(phon);
}

/** Latin "ch" (key X) is х in German, ш in French, ч in English: the readings to try. */
const CH_READINGS = ['h', 'S', 'C'];

/** Entry whose spelling has this phonetic key. */
export function lookupByPhon(phon: string): DictEntry | undefined {
  if (!byPhon) build();
  const e = byPhon!.get(phon);
  if (e) return e;
  if (phon.includes('X')) {
    for (const r of CH_READINGS) {
      const hit = byPhon!.get(phon.replaceAll('X', r));
      if (hit) return hit;
    }
  }
  // German spelling: j is y, ch is х, a leading s before a vowel is z (Sakarijo = Zakariyo, Jachjo = Yahyo)
  const german = phon.replaceAll('J', 'y').replaceAll('X', 'h').replace(/^s(?=[aeiou])/, 'z');
  const g = german !== phon ? byPhon!.get(german) : undefined;
  if (g) return g;
  // Tajik typed on a Russian keyboard: ч for ҷ (Чамшед = Ҷамшед)
  return phon.includes('C') ? byPhon!.get(phon.replaceAll('C', 'J')) : undefined;
}

/** Dictionary rendering of a normalised token in the target script, if known. */
export function lookupDisplay(token: string, target: 'latin' | 'cyrillic' | 'arabic'): string | undefined {
  const e = lookupByPhon(phoneticToken(token));
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
