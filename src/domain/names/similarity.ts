/**
 * Similarity of phonetic keys: weighted Levenshtein with costs tuned to cross-script
 * confusions (o/a/u vowels, sh/ch, k/q/g, v/f/w, y/i, dropped h, unwritten short vowels
 * when one side comes from Perso-Arabic script).
 */
import { VOWELS } from './translit.ts';

const VOWEL_SUB: Record<string, number> = {
  ao: 0.15, oa: 0.15, ou: 0.2, uo: 0.2, ei: 0.15, ie: 0.15, ae: 0.3, ea: 0.3, au: 0.3, ua: 0.3,
  ai: 0.4, ia: 0.4, eo: 0.4, oe: 0.4, eu: 0.4, ue: 0.4, iu: 0.4, ui: 0.4, io: 0.45, oi: 0.45,
};
/**
 * When both spellings write their vowels (Latin, Cyrillic), i against a, o or u is another
 * name, not another spelling (Salim / Salam, Jamil / Jamol, Karim / Karam): no convention
 * turns one into the other, so those cost almost a consonant. Perso-Arabic script leaves
 * short vowels out, so there every vowel stays cheap.
 */
const WRITTEN_VOWEL_SUB: Record<string, number> = { ...VOWEL_SUB, ai: 0.85, ia: 0.85, oi: 0.8, io: 0.8, ui: 0.7, iu: 0.7 };
const CONS_SUB: Record<string, number> = {};
function pair(a: string, b: string, c: number): void { CONS_SUB[a + b] = c; CONS_SUB[b + a] = c; }
pair('k', 'g', 0.45); pair('k', 'h', 0.55); pair('g', 'h', 0.7); pair('S', 'C', 0.3); pair('S', 's', 0.5);
pair('s', 'z', 0.3); pair('z', 'J', 0.4); pair('J', 'C', 0.5); pair('J', 'y', 0.3); pair('C', 'h', 0.35); pair('X', 'C', 0.1); pair('X', 'h', 0.2); pair('X', 'S', 0.2); pair('X', 'k', 0.4); pair('X', 's', 0.5); pair('J', 'g', 0.6); pair('J', 'S', 0.6);
pair('v', 'f', 0.3); pair('v', 'b', 0.5); pair('p', 'b', 0.4); pair('p', 'f', 0.5); pair('t', 'd', 0.45);
pair('v', 'u', 0.2); pair('v', 'o', 0.35); pair('y', 'i', 0.2); pair('y', 'e', 0.3); pair('n', 'm', 0.65); pair('l', 'r', 0.7);
pair('s', 'C', 0.6); pair('k', 'C', 0.7); pair('h', 'a', 0.6);

/**
 * Cyrillic on both sides: с and з are written apart on purpose (Tajik з for ز ذ ظ ض, с for
 * س ص ث), so Nosir (ناصر) and Nazir (نذیر) differ; a Latin s may be a German z, so only
 * Cyrillic against Cyrillic gets this cost.
 */
const CYRILLIC_SUB: Record<string, number> = { sz: 0.8, zs: 0.8 };

function sub(a: string, b: string, arabic: boolean, cyrillic = false): number {
  if (a === b) return 0;
  if (cyrillic && CYRILLIC_SUB[a + b] !== undefined) return CYRILLIC_SUB[a + b]!;
  const va = VOWELS.has(a);
  const vb = VOWELS.has(b);
  if (va && vb) return arabic ? Math.min(0.12, VOWEL_SUB[a + b] ?? 0.4) : (WRITTEN_VOWEL_SUB[a + b] ?? 0.4);
  return CONS_SUB[a + b] ?? 1;
}
function indel(c: string, arabic: boolean): number {
  if (VOWELS.has(c)) return arabic ? 0.12 : 0.4;
  if (c === 'h') return 0.45;
  if (c === 'y' || c === 'v') return 0.45;
  return 1;
}
function weight(c: string, arabic: boolean): number {
  if (VOWELS.has(c)) return arabic ? 0.12 : 0.45;
  return 1;
}

const rows = [new Float64Array(64), new Float64Array(64), new Float64Array(64)];

// Cost tables over ASCII (phonetic keys are ASCII): [latin, arabic] × code, so the
// inner loop of the edit distance does no string building or hash look-ups. The values
// are exactly those of sub() / indel() / weight().
const A = 128;
// [latin, arabic, cyrillic on both sides]
const SUB_T = [new Float64Array(A * A), new Float64Array(A * A), new Float64Array(A * A)] as const;
const INDEL_T = [new Float64Array(A), new Float64Array(A), new Float64Array(A)] as const;
const WEIGHT_T = [new Float64Array(A), new Float64Array(A), new Float64Array(A)] as const;
for (let x = 0; x < 3; x++) {
  const ar = x === 1;
  const subT = SUB_T[x]!;
  for (let i = 0; i < A; i++) {
    const ci = String.fromCharCode(i);
    INDEL_T[x]![i] = indel(ci, ar);
    WEIGHT_T[x]![i] = weight(ci, ar);
    for (let j = 0; j < A; j++) subT[i * A + j] = sub(ci, String.fromCharCode(j), ar, x === 2);
  }
}
const codesA = new Int32Array(64);
const codesB = new Int32Array(64);
function toCodes(s: string, out: Int32Array): boolean {
  for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); if (c >= A) return false; out[i] = c; }
  return true;
}

/** Weighted edit distance (with adjacent transpositions) between two phonetic keys. */
export function keyDistance(a: string, b: string, arabic: boolean, cyrillic = false): number {
  if (a.length > 60 || b.length > 60) return a === b ? 0 : Math.max(a.length, b.length);
  if (!toCodes(a, codesA) || !toCodes(b, codesB)) return keyDistanceSlow(a, b, arabic);
  const x = arabic ? 1 : cyrillic ? 2 : 0;
  const subT = SUB_T[x];
  const indelT = INDEL_T[x];
  const la = a.length;
  const lb = b.length;
  let prev2 = rows[0]!;
  let prev = rows[1]!;
  let cur = rows[2]!;
  prev[0] = 0;
  for (let j = 1; j <= lb; j++) prev[j] = prev[j - 1]! + indelT[codesB[j - 1]!]!;
  for (let i = 1; i <= la; i++) {
    const ca = codesA[i - 1]!;
    const da = indelT[ca]!;
    const row = ca * A;
    const pa = i > 1 ? codesA[i - 2]! : -1;
    cur[0] = prev[0]! + da;
    for (let j = 1; j <= lb; j++) {
      const cb = codesB[j - 1]!;
      let v = prev[j - 1]! + subT[row + cb]!;
      const d1 = prev[j]! + da;
      if (d1 < v) v = d1;
      const d2 = cur[j - 1]! + indelT[cb]!;
      if (d2 < v) v = d2;
      if (i > 1 && j > 1 && ca === codesB[j - 2] && pa === cb && ca !== cb) {
        const t = prev2[j - 2]! + 0.5;
        if (t < v) v = t;
      }
      cur[j] = v;
    }
    const t = prev2; prev2 = prev; prev = cur; cur = t;
  }
  return prev[lb]!;
}

/** Reference implementation (any characters). */
function keyDistanceSlow(a: string, b: string, arabic: boolean): number {
  let prev2 = rows[0]!;
  let prev = rows[1]!;
  let cur = rows[2]!;
  prev[0] = 0;
  for (let j = 1; j <= b.length; j++) prev[j] = prev[j - 1]! + indel(b[j - 1]!, arabic);
  for (let i = 1; i <= a.length; i++) {
    const ca = a[i - 1]!;
    const da = indel(ca, arabic);
    cur[0] = prev[0]! + da;
    for (let j = 1; j <= b.length; j++) {
      const cb = b[j - 1]!;
      let v = prev[j - 1]! + sub(ca, cb, arabic);
      const d1 = prev[j]! + da;
      if (d1 < v) v = d1;
      const d2 = cur[j - 1]! + indel(cb, arabic);
      if (d2 < v) v = d2;
      if (i > 1 && j > 1 && ca === b[j - 2] && a[i - 2] === cb && ca !== cb) {
        const t = prev2[j - 2]! + 0.5;
        if (t < v) v = t;
      }
      cur[j] = v;
    }
    const t = prev2; prev2 = prev; prev = cur; cur = t;
  }
  return prev[b.length]!;
}

function keyWeight(s: string, arabic: boolean): number {
  const w = WEIGHT_T[arabic ? 1 : 0];
  let l = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= A) { l = 0; for (const ch of s) l += weight(ch, arabic); return l; }
    l += w[c]!;
  }
  return l;
}

// Memo of keySimilarity (a pure function of its arguments): name parts repeat across the
// candidates of a query and across queries. A direct-mapped table in typed arrays, so a
// look-up or a store allocates nothing and holds no references: a Map memo made enough
// garbage, and a table of string references kept enough young strings alive, to put GC
// pauses into screening's p99. A slot is checked by a second, independent 32-bit hash and
// both lengths (a wrong hit needs a 50-bit coincidence); a collision replaces the older pair.
const MEMO_BITS = 18;
const MEMO_SIZE = MEMO_BITS > 0 ? 1 << MEMO_BITS : 0;
const MEMO_MASK = MEMO_SIZE - 1;
const memoCheck = new Int32Array(MEMO_SIZE);
/** la | lb << 8 | arabic << 16 | 1 << 17 (0 = empty) */
const memoShape = new Int32Array(MEMO_SIZE);
const memoValue = new Float64Array(MEMO_SIZE);
let checkHash = 0;

function pairHash(a: string, b: string, arabic: boolean): number {
  let h = arabic ? 0x9e3779b9 : 0x811c9dc5;
  let g = arabic ? 0x27d4eb2f : 0x165667b1;
  for (let i = 0; i < a.length; i++) { const c = a.charCodeAt(i); h = Math.imul(h ^ c, 0x01000193); g = Math.imul(g + c, 0x5bd1e995) ^ (g >>> 13); }
  h = Math.imul(h ^ 0x7c, 0x01000193);
  g = Math.imul(g + 0x7c, 0x5bd1e995) ^ (g >>> 13);
  for (let i = 0; i < b.length; i++) { const c = b.charCodeAt(i); h = Math.imul(h ^ c, 0x01000193); g = Math.imul(g + c, 0x5bd1e995) ^ (g >>> 13); }
  checkHash = g ^ (g >>> 16);
  return (h ^ (h >>> 15)) & MEMO_MASK;
}

/** Similarity in [0,1] of two phonetic keys (`cyrillic`: both written in Cyrillic). */
export function keySimilarity(a: string, b: string, arabic: boolean, cyrillic = false): number {
  if (a === b) return 1;
  const cyr = cyrillic && !arabic;
  if (MEMO_SIZE === 0 || a.length > 255 || b.length > 255) return keySimilarityUncached(a, b, arabic, cyr);
  const h = pairHash(a, b, arabic);
  const shape = a.length | (b.length << 8) | (arabic ? 1 << 16 : 0) | (1 << 17) | (cyr ? 1 << 18 : 0);
  if (memoShape[h] === shape && memoCheck[h] === checkHash) return memoValue[h]!;
  const v = keySimilarityUncached(a, b, arabic, cyr);
  memoShape[h] = shape; memoCheck[h] = checkHash; memoValue[h] = v;
  return v;
}

function keySimilarityUncached(a: string, b: string, arabic: boolean, cyrillic = false): number {
  const la = keyWeight(a, arabic);
  const lb = keyWeight(b, arabic);
  const norm = Math.max(la, lb, 1);
  const d = keyDistance(a, b, arabic, cyrillic);
  let s = 1 - d / norm;
  // same first consonant class is a mild positive signal (Jaro-Winkler-like)
  if (s > 0 && a[0] !== b[0] && !(VOWELS.has(a[0] ?? '') && VOWELS.has(b[0] ?? ''))) s -= 0.03;
  return s < 0 ? 0 : s;
}
