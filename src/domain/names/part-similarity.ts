/**
 * Similarity of two name parts (any scripts): same dictionary name, same stem with another
 * surname suffix, or a weighted edit distance of their phonetic keys.
 */
import type { NamePart } from './parts.ts';
import { isSharedKey } from './dictionary.ts';
import { keySimilarity } from './similarity.ts';
import type { MatchHow } from './types.ts';

export interface PartSim { sim: number; how: MatchHow }
/** Below this a pair of parts is not considered matched. */
export const MIN_PART_SIM = 0.62;
/** A father's name against the given name (or an -ovich form against a plain name). */
const PATRONYMIC_FACTOR = 0.65;
/** A father's name against the name written first, without a marker saying it is the given name. */
const GIVEN_BY_POSITION = 0.75;
/** Highest similarity of two different dictionary names. */
const DIFFERENT_NAMES = 0.6;

function dictKeySim(keys: string[], stem: string, arabic: boolean, cyrillic: boolean): number {
  let best = 0;
  for (const k of keys) { const s = keySimilarity(k, stem, arabic, cyrillic); if (s > best) best = s; }
  return best;
}

const STRONG_VOWEL = /[aou]/;
/** Cyrillic on both sides, the same letters but с against з: two names (Носир / Назир). */
export function sibilantContrast(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let contrast = false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!; const y = b[i]!;
    if (x === y) continue;
    if ((x === 's' && y === 'z') || (x === 'z' && y === 's')) { contrast = true; continue; }
    const vx = 'aeiou'.includes(x); const vy = 'aeiou'.includes(y);
    if (!(vx && vy)) return false;
  }
  return contrast;
}

/**
 * The same consonants but s against z in one place (Nosir / نذیر, Nasir / Nazir): scripts that
 * write s and z with different letters never confuse them, whatever the vowels.
 */
export function skeletonSibilantContrast(a: string, b: string): boolean {
  let ca = ''; let cb = '';
  for (const c of a) if (!'aeiouy'.includes(c)) ca += c;
  for (const c of b) if (!'aeiouy'.includes(c)) cb += c;
  if (ca.length !== cb.length || ca.length < 2) return false;
  let contrast = false;
  for (let i = 0; i < ca.length; i++) {
    const x = ca[i]!; const y = cb[i]!;
    if (x === y) continue;
    if ((x === 's' && y === 'z') || (x === 'z' && y === 's')) { contrast = true; continue; }
    return false;
  }
  return contrast;
}

/**
 * Two spellings that both write their vowels, with the same consonants and as many vowels,
 * where one has i and the other a, o or u in the same place: two names (Salim / Salam,
 * Jamil / Jamol, Akram / Ikram), not two spellings of one — no convention makes that change.
 */
export function vowelContrast(a: string, b: string): boolean {
  if (a.length > 24 || b.length > 24) return false;
  let va = ''; let vb = ''; let ca = ''; let cb = '';
  for (const c of a) if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') va += c; else ca += c;
  for (const c of b) if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') vb += c; else cb += c;
  if (ca !== cb || va.length !== vb.length) return false;
  for (let i = 0; i < va.length; i++) {
    const x = va[i]!; const y = vb[i]!;
    if ((x === 'i' && STRONG_VOWEL.test(y)) || (y === 'i' && STRONG_VOWEL.test(x))) return true;
  }
  return false;
}

/** Similarity of two name parts. */
export function partSimilarity(q: NamePart, e: NamePart): PartSim {
  const sim = partSim(q, e);
  return { sim, how: HOWS[simHow]! };
}

/** How the last partSim() matched (a HOW_CODE): a variable, so the hot path makes no objects. */
export let simHow = 0;

export function partSim(q: NamePart, e: NamePart): number {
  // a name never stands for a title (Molina is not Maulana), unless it is itself a title-like name (Sayyid, Mir)
  if ((q.role === 'title') !== (e.role === 'title') && (q.role === 'title' ? e : q).prior > 0.4) { simHow = HOW_CODE.fuzzy; return 0; }
  if (q.role === e.role) {
    if (q.raw === e.raw) { simHow = HOW_CODE.exact; return 1; }
    if (q.phon === e.phon) { simHow = HOW_CODE.translit; return 1; }
  }
  const suffixDiff = q.suffix !== e.suffix;
  // a patronymic against a plain name costs, unless the patronymic is a marked father's name
  // (bin Karim, ولد کریم, s/o Karim): that is the name Karim, written with its marker
  // — but never the given name on the other side (Sadiq s/o Nazar is not Nazar s/o Sadiq)
  const roles = (q.role === 'patronymic') !== (e.role === 'patronymic');
  const againstGiven = roles && (q.marked || e.marked) ? (q.marked ? e.given : q.given) : undefined;
  const patro = roles && ((!q.marked && !e.marked) || againstGiven !== undefined);
  // the given name is certain when its own name has a marker too (Bilol s/o Sulton is not
  // Sultan s/o Bilal); by position alone (Bahrom Husayn, maybe reversed) it is a guess
  const patroFactor = againstGiven === 'marker' || (roles && !q.marked && !e.marked) ? PATRONYMIC_FACTOR : GIVEN_BY_POSITION;
  const suffixFactor = patro ? patroFactor : !suffixDiff ? 1 : (q.suffix === 'i' || e.suffix === 'i') ? 0.88 : 0.93;
  if (q.dict && e.dict && q.dict === e.dict && !patro) {
    simHow = suffixDiff ? HOW_CODE['optional-suffix'] : HOW_CODE.translit;
    return suffixDiff ? suffixFactor : 1;
  }
  if (q.stem === e.stem && !patro) { simHow = suffixDiff ? HOW_CODE['optional-suffix'] : HOW_CODE.translit; return suffixFactor; }
  const arabic = q.arabic || e.arabic;
  const cyr = q.cyrillic === true && e.cyrillic === true;
  let s = keySimilarity(q.stem, e.stem, arabic, cyr);
  if (q.dict && !e.dict) s = Math.max(s, dictKeySim(q.dict.keys, e.stem, arabic, e.cyrillic === true));
  else if (e.dict && !q.dict) s = Math.max(s, dictKeySim(e.dict.keys, q.stem, arabic, q.cyrillic === true));
  s *= suffixFactor;
  const whole = keySimilarity(q.phon, e.phon, arabic, cyr) * (patro ? patroFactor : 1);
  if (whole > s) s = whole;
  // two different known names (Hamid / Hamida, Karim / Karima, Mahmud / Muhammad) are not the
  // same name — unless a spelling is shared by several names, so the dictionary's reading is
  // a guess (Latin Akram and Dari اکرام for Ikrom both read "akram")
  if (q.dict && e.dict && q.dict !== e.dict && s > DIFFERENT_NAMES && !isSharedKey(q.phon, q.arabic) && !isSharedKey(e.phon, e.arabic) && !isSharedKey(q.stem, q.arabic) && !isSharedKey(e.stem, e.arabic)) s = DIFFERENT_NAMES;
  if (!arabic && s > DIFFERENT_NAMES && q.dict !== e.dict && (vowelContrast(q.stem, e.stem) || (cyr && sibilantContrast(q.stem, e.stem)))) s = DIFFERENT_NAMES;
  if (s > DIFFERENT_NAMES && q.dict !== e.dict && sibScripts(q, e) && skeletonSibilantContrast(q.stem, e.stem)) s = DIFFERENT_NAMES;
  simHow = suffixDiff && s >= MIN_PART_SIM ? HOW_CODE['optional-suffix'] : q.coarse === e.coarse ? HOW_CODE.phonetic : HOW_CODE.fuzzy;
  return s;
}

/**
 * Whether the s/z contrast is evidence for this pair: across scripts (Perso-Arabic and Cyrillic
 * write s and z with distinct letters, so do Latin conventions other than German). Two Latin
 * spellings may come from conventions that disagree; two Cyrillic ones are sibilantContrast's.
 */
function sibScripts(q: NamePart, e: NamePart): boolean {
  const latin = (p: NamePart) => !p.arabic && p.cyrillic !== true;
  // German spelling writes z as s (Baraksaj for Barakzai): a Latin side that looks German is no evidence
  const german = (p: NamePart) => latin(p) && /sch|[wj]/.test(p.raw);
  if (german(q) || german(e)) return false;
  return q.arabic || e.arabic || (q.cyrillic === true) !== (e.cyrillic === true);
}

/** Contribution of a similarity: only clear matches count fully. */
export function gain(sim: number): number {
  if (sim < MIN_PART_SIM) return 0;
  if (sim >= 0.97) return 1;
  return Math.pow((sim - 0.6) / 0.37, 0.8);
}

export const HOWS: readonly MatchHow[] = ['exact', 'translit', 'phonetic', 'fuzzy', 'optional-suffix', 'compound'];
export const HOW_CODE: Record<MatchHow, number> = { exact: 0, translit: 1, phonetic: 2, fuzzy: 3, 'optional-suffix': 4, compound: 5 };
