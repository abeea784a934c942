/**
 * The best unordered assignment of a query's name parts to one listed name's parts (with
 * compounds on either side), and the name-only score it gives: rarity weights, costs for
 * unmatched parts by role, siblings and shifted chains.
 *
 * This is the inner loop of screening (some 64 candidates × their names per query). At
 * 100k names the p99 latency was set by garbage-collection pauses, so it allocates almost
 * nothing: similarities are cached per query in typed arrays by the index's part numbers
 * (NamePart.sid), and the search memoises in reused typed arrays with its state in module
 * variables (no closures, no result objects).
 */
import { joinParts, type NamePart } from './parts.ts';
import { gain, HOW_CODE, HOWS, partSim, simHow } from './part-similarity.ts';
import type { PartExplanation } from './types.ts';

/** Weight of a part: dictionary prior × list rarity factor (supplied by the index). */
export type WeightFn = (p: NamePart) => number;

/**
 * Parts considered on each side (one bit each in the search). Real names have at most 8
 * (UN list: 16 of 3,133 names have more, and those are aliases run together); the bound
 * keeps a 300-character query of 75 look-alike parts from costing seconds.
 */
const MAX_Q = 8;
const MAX_E = 8;
const STATES = 1 << MAX_E;
/** Cached rows per indexed part: one per query part, then one per adjacent query pair. */
const ROWS = 2 * MAX_Q;

/**
 * Similarities of one query's parts against indexed parts, by part number. Reused from
 * query to query: `startQuery` forgets the previous query without clearing anything.
 */
export class SimCache {
  private stamp = 1;
  private stampOf = new Int32Array(0);
  private baseOf = new Int32Array(0);
  private used = 0;
  /** similarity per (part, row); -1 until computed */
  sims = new Float64Array(ROWS * 64);
  hows = new Uint8Array(ROWS * 64);

  startQuery(): void {
    this.used = 0;
    if (++this.stamp > 2_000_000_000) { this.stamp = 1; this.stampOf.fill(0); }
  }

  /** Offset of an indexed part's rows, given out on its first use in this query. */
  base(sid: number): number {
    if (sid >= this.stampOf.length) {
      const n = Math.max(sid + 1, this.stampOf.length * 2, 1024);
      const st = new Int32Array(n); st.set(this.stampOf); this.stampOf = st;
      const b = new Int32Array(n); b.set(this.baseOf); this.baseOf = b;
    }
    if (this.stampOf[sid] === this.stamp) return this.baseOf[sid]!;
    const b = this.used;
    this.used += ROWS;
    if (this.used > this.sims.length) {
      const sims = new Float64Array(this.sims.length * 2); sims.set(this.sims); this.sims = sims;
      const hows = new Uint8Array(this.hows.length * 2); hows.set(this.hows); this.hows = hows;
    }
    this.sims.fill(-1, b, b + ROWS);
    this.stampOf[sid] = this.stamp;
    this.baseOf[sid] = b;
    return b;
  }
}

/** A query prepared once for scoring against many candidates. */
export class PreparedQuery {
  readonly parts: NamePart[];
  readonly weights: Float64Array;
  /** joined[i]: parts i and i+1 read as one compound */
  readonly joined: NamePart[];
  readonly nameParts: number;
  /** weight of the most informative name part (prior × rarity in the list) */
  readonly maxNameWeight: number;
  /** whether that part is a family name (a lone family name may still find its people) */
  readonly loneSurname: boolean;
  readonly titles: number;
  constructor(parts: NamePart[], readonly weight: WeightFn, readonly cache: SimCache = new SimCache()) {
    this.parts = parts.length > MAX_Q ? parts.slice(0, MAX_Q) : parts;
    this.weights = Float64Array.from(this.parts, (p) => weight(p));
    this.joined = this.parts.slice(1).map((p, i) => joinParts(this.parts[i]!, p));
    this.nameParts = this.parts.filter((p) => p.role === 'name' || p.marked).length;
    let best = 0;
    let surname = false;
    for (let i = 0; i < this.parts.length; i++) {
      const p = this.parts[i]!;
      if ((p.role !== 'name' && !p.marked) || this.weights[i]! <= best) continue;
      best = this.weights[i]!;
      // a family name: a surname suffix, or a dictionary surname / tribe (Haqqani, Ahmadzai); a
      // known given name alone (Mansur) or an unknown word is not
      surname = (p.suffix !== '' && p.suffix !== 'ovich') || p.dict?.kind === 's';
    }
    this.maxNameWeight = best;
    this.loneSurname = surname;
    this.titles = this.parts.filter((p) => p.role === 'title').length;
  }
}

// State of the current alignment (module-level so the recursive search needs no closures).
let Q: NamePart[] = [];
let QJ: NamePart[] = [];
let QW: Float64Array = new Float64Array(0);
let E: NamePart[] = [];
let EJ: NamePart[] | undefined;
const EW = new Float64Array(MAX_E);
let NQ = 0;
let NE = 0;
let CACHE = new SimCache();
let memoStamp = new Int32Array(4 * STATES);
let memoVal = new Float64Array(4 * STATES);
let memoChoice = new Int8Array(4 * STATES);
let stamp = 0;
/** how the last simAt() matched (HOW_CODE) */
let lastHow = 0;

const plainRow = (i: number): number => i;
const pairRow = (i: number): number => MAX_Q + i;

/** Similarity of query part(s) in a cache row with an entry part; sets lastHow. */
function simAt(row: number, qp: NamePart, ep: NamePart): number {
  if (ep.sid < 0) { // not from an index: nothing to key the cache by
    const s = partSim(qp, ep);
    lastHow = simHow;
    return s;
  }
  const k = CACHE.base(ep.sid) + row;
  const sims = CACHE.sims;
  let s = sims[k]!;
  if (s < 0) {
    s = partSim(qp, ep);
    sims[k] = s;
    CACHE.hows[k] = simHow;
  }
  lastHow = CACHE.hows[k]!;
  return s;
}

const entryJoined = (j: number): NamePart => EJ?.[j] ?? joinParts(E[j]!, E[j + 1]!);

function setUp(qx: PreparedQuery, e: NamePart[], ej: NamePart[] | undefined): void {
  Q = qx.parts; QJ = qx.joined; QW = qx.weights; NQ = Q.length; CACHE = qx.cache;
  E = e; EJ = ej; NE = Math.min(e.length, MAX_E);
  for (let j = 0; j < NE; j++) EW[j] = qx.weight(e[j]!);
  if (NQ * STATES > memoStamp.length) {
    memoStamp = new Int32Array(NQ * STATES); memoVal = new Float64Array(NQ * STATES); memoChoice = new Int8Array(NQ * STATES);
    stamp = 0;
  }
  if (++stamp > 2_000_000_000) { stamp = 1; memoStamp.fill(0); }
}

/**
 * Best unordered assignment of query parts Q[i..] to entry parts not in `mask`, allowing
 * an entry compound (E[j]+E[j+1] written as one query part) and a query compound
 * (Q[i]+Q[i+1] written as one entry part). Memoised per (i, mask); the choice is kept
 * as -1 (skip Q[i]), j (plain), 16+j (entry compound) or 32+j (query compound).
 */
function go(i: number, mask: number): number {
  if (i >= NQ) return 0;
  const key = i * STATES + mask;
  if (memoStamp[key] === stamp) return memoVal[key]!;
  let best = go(i + 1, mask);
  let choice = -1;
  const qp = Q[i]!;
  const wi = QW[i]!;
  const entryCompounds = NE > NQ && qp.role === 'name';
  const queryCompounds = NQ > NE && i + 1 < NQ;
  for (let j = 0; j < NE; j++) {
    const bit = 1 << j;
    if (mask & bit) continue;
    const s = simAt(plainRow(i), qp, E[j]!);
    const g = gain(s);
    if (g > 0) {
      const v = go(i + 1, mask | bit) + g * (wi + EW[j]!);
      if (v > best) { best = v; choice = j; }
    }
    if (entryCompounds && j + 1 < NE && !(mask & (bit << 1))) {
      const s2 = simAt(plainRow(i), qp, entryJoined(j));
      const g2 = gain(s2);
      if (g2 > 0 && s2 > s) {
        const v = go(i + 1, mask | bit | (bit << 1)) + g2 * (wi + EW[j]! + EW[j + 1]!);
        if (v > best) { best = v; choice = 16 + j; }
      }
    }
    if (queryCompounds) {
      const s3 = simAt(pairRow(i), QJ[i]!, E[j]!);
      const g3 = gain(s3);
      if (g3 > 0 && s3 > s) {
        const v = go(i + 2, mask | bit) + g3 * (wi + QW[i + 1]! + EW[j]!);
        if (v > best) { best = v; choice = 32 + j; }
      }
    }
  }
  memoStamp[key] = stamp;
  memoVal[key] = best;
  memoChoice[key] = choice;
  return best;
}

const isUsed = (bits: number, k: number): boolean => k < 31 && ((bits >>> k) & 1) === 1;

/**
 * The pairs of the best assignment (from go()'s choices), in query order, in reused arrays:
 * query parts PQ[k] (PQN[k] of them, 1 or 2), entry parts PE[k] (PEN[k]), similarity PS[k],
 * how PH[k] (a HOW_CODE). Also which parts are used, as bits.
 */
const PQ = new Int8Array(MAX_Q);
const PQN = new Int8Array(MAX_Q);
const PE = new Int8Array(MAX_Q);
const PEN = new Int8Array(MAX_Q);
const PS = new Float64Array(MAX_Q);
const PH = new Uint8Array(MAX_Q);
let usedQ = 0;
let usedE = 0;

function bestPairs(qx: PreparedQuery, e: NamePart[], joined: NamePart[] | undefined): number {
  setUp(qx, e, joined);
  go(0, 0);
  let n = 0;
  usedQ = 0; usedE = 0;
  for (let i = 0, mask = 0; i < NQ;) {
    const c = memoChoice[i * STATES + mask]!;
    if (c < 0) { i++; continue; }
    const j = c & 15;
    const kind = c >> 4; // 0 plain, 1 entry compound, 2 query compound
    const qn = kind === 2 ? 2 : 1;
    const en = kind === 1 ? 2 : 1;
    PS[n] = kind === 0 ? simAt(plainRow(i), Q[i]!, E[j]!) : kind === 1 ? simAt(plainRow(i), Q[i]!, entryJoined(j)) : simAt(pairRow(i), QJ[i]!, E[j]!);
    PH[n] = kind === 0 ? lastHow : HOW_CODE.compound;
    PQ[n] = i; PQN[n] = qn; PE[n] = j; PEN[n] = en;
    n++;
    const qBits = qn === 2 ? 3 : 1;
    const eBits = en === 2 ? 3 : 1;
    usedQ |= qBits << i; usedE |= eBits << j; mask |= eBits << j;
    i += qn;
  }
  return n;
}

/** Results of the last scoreName() besides the score (module-level: no result objects). */
export let lastMatchedQ = 0;
export let lastPairs = 0;

/**
 * Name-only score of a prepared query against one parsed name variant (`joined` = its
 * adjacent-pair compounds, when prepared by the index). Also sets lastMatchedQ (query name
 * parts matched) and lastPairs (matched pairs).
 */
export function scoreName(qx: PreparedQuery, e: NamePart[], joined: NamePart[] | undefined): number {
  const pairs = bestPairs(qx, e, joined);
  let num = 0; let den = 0; let matchedQ = 0;
  let qSuf = 0; let eSuf = 0;
  const qFirst = firstName(Q, NQ);
  const eFirst = firstName(E, NE);
  let eOfQFirst = -1; let qOfEFirst = -1;
  for (let k = 0; k < pairs; k++) {
    const i = PQ[k]!; const qn = PQN[k]!; const j = PE[k]!; const en = PEN[k]!;
    let w = QW[i]!;
    den += QW[i]!;
    if (qn === 2) { w += QW[i + 1]!; den += QW[i + 1]!; }
    w += EW[j]!;
    den += EW[j]!;
    if (en === 2) { w += EW[j + 1]!; den += EW[j + 1]!; }
    for (let x = i; x < i + qn; x++) if (Q[x]!.role === 'name' || Q[x]!.marked) matchedQ++;
    if (qn === 1 && en === 1) {
      // suffix migration: Farid Samadi vs Samad Faridov — surname suffix moved to the other name
      const a = Q[i]!; const b = E[j]!;
      const sa = a.suffix !== '' && a.suffix !== 'ovich'; const sb = b.suffix !== '' && b.suffix !== 'ovich';
      if (sa && !sb && !b.dict?.kind.startsWith('s')) qSuf++;
      if (sb && !sa && !a.dict?.kind.startsWith('s')) eSuf++;
    }
    if (qFirst >= i && qFirst < i + qn) eOfQFirst = j;
    if (eFirst >= j && eFirst < j + en) qOfEFirst = i;
    num += gain(PS[k]!) * w;
  }
  // A chain shifted by one given name: Ali Saddam Hussein is Saddam Hussein's son. When one
  // side's first name part is unmatched and the other side's first part matched a later
  // part, the unmatched given name is a conflict, not an omission.
  const shiftE = eFirst >= 0 && !isUsed(usedE, eFirst) && eOfQFirst > eFirst;
  const shiftQ = qFirst >= 0 && !isUsed(usedQ, qFirst) && qOfEFirst > qFirst;
  let sigQ = false;
  let sigE = false;
  let patQ = false;
  let patE = false;
  for (let i = 0; i < NQ; i++) if (!isUsed(usedQ, i)) { if (Q[i]!.role === 'name') sigQ = true; else if (Q[i]!.role === 'patronymic') patQ = true; }
  for (let j = 0; j < NE; j++) if (!isUsed(usedE, j)) { if (e[j]!.role === 'name') sigE = true; else if (e[j]!.role === 'patronymic') patE = true; }
  // an unmatched father's name on one side against an unmatched name or father's name on the
  // other: two different fathers (Yusuf s/o Zahir is not Yusuf s/o Nazar)
  const conflict = (sigQ || patQ) && (sigE || patE) && (sigQ && sigE || patQ || patE);
  // Both first (given) names unmatched while the rest agrees: siblings (Qusay / Uday
  // Saddam Hussein), or namesakes sharing a surname. The given names weigh double.
  // (first names paired only by a weak likeness, Ali / Khawla, are two given names too)
  let weakFirst = false;
  for (let k = 0; k < pairs; k++) if (PQ[k] === qFirst && PE[k] === eFirst && PQN[k] === 1 && PEN[k] === 1 && PS[k]! < WEAK_PAIR) weakFirst = true;
  const siblings = qFirst >= 0 && eFirst >= 0 && ((!isUsed(usedQ, qFirst) && !isUsed(usedE, eFirst)) || weakFirst);
  for (let i = 0; i < NQ; i++) if (!isUsed(usedQ, i)) den += unmatchedCost(Q[i]!, QW[i]!, 0.5, conflict || (shiftQ && i === qFirst)) * (siblings && i === qFirst ? SIBLING : 1);
  for (let j = 0; j < NE; j++) if (!isUsed(usedE, j)) den += unmatchedCost(e[j]!, EW[j]!, 0.35, conflict || (shiftE && j === eFirst)) * (siblings && j === eFirst ? SIBLING : 1);
  let score = den > 0 ? num / den : 0;
  if (qSuf > 0 && eSuf > 0) score *= SUFFIX_MIGRATION;
  // a chain shifted by one name (Ali Saddam Hussein / Saddam Hussein) is a son or a father
  // (a common extra name in front, Muhammad Nabi for Nabi, is usual and costs nothing more)
  // …and in a chain of three or more matched names (Arabic nasab: own, father's, grandfather's
  // names) the shift is the family tree itself, however common the extra name (Ali Barzan
  // Ibrahim al-Tikriti is the son of Barzan Ibrahim al-Tikriti)
  if (!siblings && (shiftQ || shiftE) && pairs >= 3) score *= SHIFTED_LONG_CHAIN;
  else if (!siblings && ((shiftQ && QW[qFirst]! >= 0.3) || (shiftE && EW[eFirst]! >= 0.3))) score *= SHIFTED_CHAIN;
  // two different given names with the rest in common are two people of one family (Qusay and
  // Uday Saddam Hussein; Hasan and Karim Rahimov): never an alert on the names alone
  if (siblings && score > SIBLING_CAP) score = SIBLING_CAP;
  // the query's most informative name left unmatched, outweighing everything that matched
  // (محمد حسن رحمانی against "Mohamed Hassan"): common names agreeing is not the person
  if (score > SIBLING_CAP) {
    let matchedW = 0; let unmatchedMax = 0;
    for (let i = 0; i < NQ; i++) {
      const p = Q[i]!;
      if (p.role !== 'name' && !p.marked) continue;
      if (isUsed(usedQ, i)) matchedW += QW[i]!; else if (QW[i]! > unmatchedMax) unmatchedMax = QW[i]!;
    }
    if (unmatchedMax > matchedW) score = SIBLING_CAP;
  }
  lastMatchedQ = matchedQ;
  lastPairs = pairs;
  return score;
}

/**
 * Farid Samadi against Samad Faridov: the surname suffix sits on the other name, so given
 * name and surname have traded places — another person of the same two names.
 */
const SUFFIX_MIGRATION = 0.75;
/** Multiplier of a name chain shifted by one given name (chosen on the tuning half). */
const SHIFTED_CHAIN = 0.85;
/** Multiplier of a shifted chain of three or more matched names (chosen on the tuning half). */
const SHIFTED_LONG_CHAIN = 0.75;
/** Below this similarity two first names paired by the search count as two different names. */
const WEAK_PAIR = 0.7;
/** Highest name score of a sibling-shaped comparison (below the default threshold 0.70). */
const SIBLING_CAP = 0.66;

/** Weight multiplier of both unmatched given names in a sibling-shaped comparison. */
const SIBLING = 2;

function firstName(parts: NamePart[], n: number): number {
  for (let k = 0; k < n; k++) if (parts[k]!.role === 'name') return k;
  return -1;
}

function unmatchedCost(p: NamePart, w: number, side: number, conflict: boolean): number {
  if (p.role === 'title') return 0;
  if (p.role === 'patronymic') return conflict ? Math.max(w, 0.6) : 0.1 * w;
  return conflict ? Math.max(w, 0.6) : side * w;
}

/** Which parts matched how, for the best assignment of a query against one name variant. */
export function explainName(qx: PreparedQuery, e: NamePart[], joined: NamePart[] | undefined): PartExplanation[] {
  const pairs = bestPairs(qx, e, joined);
  const out: PartExplanation[] = [];
  for (let k = 0; k < pairs; k++) {
    const i = PQ[k]!; const j = PE[k]!;
    const qs = Q.slice(i, i + PQN[k]!);
    const es = E.slice(j, j + PEN[k]!);
    let w = 0;
    for (let x = i; x < i + PQN[k]!; x++) w += QW[x]!;
    for (let x = j; x < j + PEN[k]!; x++) w += EW[x]!;
    out.push({ query: qs.map((p) => p.raw).join(' '), entry: es.map((p) => p.raw).join(' '), how: HOWS[PH[k]!]!, similarity: round(PS[k]!), weight: round(w) });
  }
  for (let i = 0; i < NQ; i++) if (!isUsed(usedQ, i)) out.push({ query: Q[i]!.raw, entry: null, how: 'unmatched', similarity: 0, weight: round(QW[i]!) });
  for (let j = 0; j < NE; j++) if (!isUsed(usedE, j)) out.push({ query: null, entry: e[j]!.raw, how: 'unmatched', similarity: 0, weight: round(EW[j]!) });
  return out;
}

export function round(x: number): number { return Math.round(x * 1000) / 1000; }
