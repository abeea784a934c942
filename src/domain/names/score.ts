/**
 * Scoring of a query against one watch-list entry: unordered best assignment of name
 * parts (with compounds), rarity weights, penalties for unmatched parts, then birth
 * date / nationality / document adjustments. Returns a score in [0,1] with an explanation.
 */
import type { NamePart } from './parts.ts';
import { keySimilarity } from './similarity.ts';
import { compareBirthDates, compareNationality } from './attributes.ts';
import { compareIdentifiers } from './identifiers.ts';
import type { Adjustment, IndexedEntry, IndexedName, MatchHow, PartExplanation, ScoreResult, ScreeningQuery } from './types.ts';

export interface PartSim { sim: number; how: MatchHow }
/** Below this a pair of parts is not considered matched. */
export const MIN_PART_SIM = 0.62;

function dictKeySim(keys: string[], stem: string, arabic: boolean): number {
  let best = 0;
  for (const k of keys) { const s = keySimilarity(k, stem, arabic); if (s > best) best = s; }
  return best;
}

/** Similarity of two name parts. */
export function partSimilarity(q: NamePart, e: NamePart): PartSim {
  if (q.role === e.role) {
    if (q.raw === e.raw) return { sim: 1, how: 'exact' };
    if (q.phon === e.phon) return { sim: 1, how: 'translit' };
  }
  const suffixDiff = q.suffix !== e.suffix;
  const patro = (q.role === 'patronymic') !== (e.role === 'patronymic');
  const suffixFactor = patro ? 0.65 : !suffixDiff ? 1 : (q.suffix === 'i' || e.suffix === 'i') ? 0.88 : 0.93;
  if (q.dict && e.dict && q.dict === e.dict && !patro) return suffixDiff ? { sim: suffixFactor, how: 'optional-suffix' } : { sim: 1, how: 'translit' };
  if (q.stem === e.stem && !patro) return { sim: suffixFactor, how: suffixDiff ? 'optional-suffix' : 'translit' };
  const arabic = q.arabic || e.arabic;
  let s = keySimilarity(q.stem, e.stem, arabic);
  if (q.dict && !e.dict) s = Math.max(s, dictKeySim(q.dict.keys, e.stem, arabic));
  else if (e.dict && !q.dict) s = Math.max(s, dictKeySim(e.dict.keys, q.stem, arabic));
  s *= suffixFactor;
  // two different known names (Hamid / Hamida, Tamanno / Tahmina) are not the same name
  if (q.dict && e.dict && q.dict !== e.dict && s > 0.8) s = 0.8;
  const whole = keySimilarity(q.phon, e.phon, arabic);
  if (whole > s) s = whole;
  const how: MatchHow = suffixDiff && s >= MIN_PART_SIM ? 'optional-suffix' : q.coarse === e.coarse ? 'phonetic' : 'fuzzy';
  return { sim: s, how };
}

function concatPart(a: NamePart, b: NamePart): NamePart {
  const phon = a.phon + b.phon;
  return { ...b, raw: a.raw + ' ' + b.raw, phon, stem: a.phon + b.stem, dict: undefined, arabic: a.arabic || b.arabic, compound: true, prior: Math.max(a.prior, b.prior) };
}

/** Contribution of a similarity: only clear matches count fully. */
export function gain(sim: number): number {
  if (sim < MIN_PART_SIM) return 0;
  if (sim >= 0.97) return 1;
  return Math.pow((sim - 0.6) / 0.37, 0.8);
}

interface Pairing { qi: number[]; ei: number[]; sim: number; how: MatchHow }

/** Partial assignment while searching: pairs as a shared linked list (no array copies). */
interface Step { value: number; q0: number; q1: number; e0: number; e1: number; sim: number; how: MatchHow; next: Step | undefined }
const EMPTY: Step = { value: 0, q0: -1, q1: -1, e0: -1, e1: -1, sim: 0, how: 'exact', next: undefined };

function toPairs(st: Step): Pairing[] {
  const out: Pairing[] = [];
  for (let x: Step | undefined = st; x && x.q0 >= 0; x = x.next) {
    out.push({ qi: x.q1 >= 0 ? [x.q0, x.q1] : [x.q0], ei: x.e1 >= 0 ? [x.e0, x.e1] : [x.e0], sim: x.sim, how: x.how });
  }
  return out;
}

/** Per-query cache of part similarities (one query's parts against any entry parts). */
export type SimCache = Map<string, PartSim>;

/**
 * Compound similarities per query, keyed by the entry part objects themselves (parsed
 * once at index time), so the same listed part is compared once per query whatever the
 * candidate: [query index] → entry part → (next entry part →) similarity.
 */
interface CompoundCache { q: Array<Map<NamePart, PartSim>>; e: Array<Map<NamePart, Map<NamePart, PartSim>>>; qParts?: NamePart[]; qWeight?: WeightFn; qw?: number[] }
const compoundCaches = new WeakMap<SimCache, CompoundCache>();

/** Best unordered assignment of query parts to entry parts (compounds allowed). */
export function alignParts(q: NamePart[], qw: number[], e: NamePart[], ew: number[], cache?: SimCache): { value: number; pairs: Pairing[] } {
  const ne = Math.min(e.length, 12);
  const nq = q.length;
  // per-call memo of part similarities: [i*ne+j] plain, entry compound, query compound
  const plain: Array<PartSim | undefined> = new Array(nq * ne);
  const eComp: Array<PartSim | undefined> = e.length > nq ? new Array(nq * ne) : [];
  const qComp: Array<PartSim | undefined> = nq > e.length ? new Array(nq * ne) : [];
  const simOf = (a: NamePart, ai: number, b: NamePart): PartSim => {
    if (!cache || a.compound && ai < 0) return partSimilarity(a, b);
    const k = ai + '|' + b.phon + (b.arabic ? '#' : '') + b.suffix;
    let v = cache.get(k);
    if (!v) { v = partSimilarity(a, b); cache.set(k, v); }
    return v;
  };
  let cc: CompoundCache | undefined;
  if (cache) {
    cc = compoundCaches.get(cache);
    if (!cc) { cc = { q: [], e: [] }; compoundCaches.set(cache, cc); }
  }
  const qCompound = (i: number, ep: NamePart): PartSim => {
    if (!cc) return partSimilarity(concatPart(q[i]!, q[i + 1]!), ep);
    const m = cc.q[i] ??= new Map();
    let v = m.get(ep);
    if (!v) { v = partSimilarity(concatPart(q[i]!, q[i + 1]!), ep); m.set(ep, v); }
    return v;
  };
  const eCompound = (i: number, ep: NamePart, next: NamePart): PartSim => {
    if (!cc) return partSimilarity(q[i]!, concatPart(ep, next));
    const m = cc.e[i] ??= new Map();
    let m2 = m.get(ep);
    if (!m2) { m2 = new Map(); m.set(ep, m2); }
    let v = m2.get(next);
    if (!v) { v = partSimilarity(q[i]!, concatPart(ep, next)); m2.set(next, v); }
    return v;
  };
  const memo = new Map<number, Step>();
  const go = (i: number, mask: number): Step => {
    if (i >= nq) return EMPTY;
    const key = i * 8192 + mask;
    const m = memo.get(key);
    if (m) return m;
    let best = go(i + 1, mask);
    const qp = q[i]!;
    for (let j = 0; j < ne; j++) {
      if (mask & (1 << j)) continue;
      const ep = e[j]!;
      const ij = i * ne + j;
      const ps = plain[ij] ??= simOf(qp, i, ep);
      const g = gain(ps.sim);
      if (g > 0) {
        const rest = go(i + 1, mask | (1 << j));
        const v = rest.value + g * (qw[i]! + ew[j]!);
        if (v > best.value) best = { value: v, q0: i, q1: -1, e0: j, e1: -1, sim: ps.sim, how: ps.how, next: rest };
      }
      // entry compound: e[j] + e[j+1] written as one query part
      if (e.length > nq && j + 1 < ne && !(mask & (1 << (j + 1))) && qp.role === 'name') {
        const ps2 = eComp[ij] ??= eCompound(i, ep, e[j + 1]!);
        const g2 = gain(ps2.sim);
        if (g2 > 0 && ps2.sim > ps.sim) {
          const rest = go(i + 1, mask | (1 << j) | (1 << (j + 1)));
          const v = rest.value + g2 * (qw[i]! + ew[j]! + ew[j + 1]!);
          if (v > best.value) best = { value: v, q0: i, q1: -1, e0: j, e1: j + 1, sim: ps2.sim, how: 'compound', next: rest };
        }
      }
      // query compound: q[i] + q[i+1] written as one entry part
      if (nq > e.length && i + 1 < nq) {
        const ps3 = qComp[ij] ??= qCompound(i, ep);
        const g3 = gain(ps3.sim);
        if (g3 > 0 && ps3.sim > ps.sim) {
          const rest = go(i + 2, mask | (1 << j));
          const v = rest.value + g3 * (qw[i]! + qw[i + 1]! + ew[j]!);
          if (v > best.value) best = { value: v, q0: i, q1: i + 1, e0: j, e1: -1, sim: ps3.sim, how: 'compound', next: rest };
        }
      }
    }
    memo.set(key, best);
    return best;
  };
  const r = go(0, 0);
  return { value: r.value, pairs: toPairs(r) };
}

/** Weight of a part: dictionary prior × list rarity factor (supplied by the index). */
export type WeightFn = (p: NamePart) => number;

/** Name-only score of a parsed query against one parsed name variant. */
export function scoreName(q: NamePart[], e: NamePart[], weight: WeightFn, cache?: SimCache): { score: number; parts: PartExplanation[]; matchedQ: number } {
  let qw: number[];
  const cc = cache && compoundCaches.get(cache);
  if (cc && cc.qParts === q && cc.qWeight === weight && cc.qw) qw = cc.qw;
  else {
    qw = q.map(weight);
    if (cc) { cc.qParts = q; cc.qWeight = weight; cc.qw = qw; }
  }
  const ew = e.map(weight);
  const { pairs } = alignParts(q, qw, e, ew, cache);
  const usedQ: number[] = [];
  const usedE: number[] = [];
  let num = 0;
  let matchedQ = 0;
  for (const p of pairs) {
    const g = gain(p.sim);
    let w = 0;
    for (const i of p.qi) { usedQ[i] = 1; w += qw[i]!; if (q[i]!.role === 'name') matchedQ++; }
    for (const j of p.ei) { usedE[j] = 1; w += ew[j]!; }
    num += g * w;
  }
  const isUsedQ = (i: number): boolean => usedQ[i] === 1;
  const isUsedE = (j: number): boolean => usedE[j] === 1;
  let sigQ = false;
  let sigE = false;
  for (let i = 0; i < q.length; i++) if (!isUsedQ(i) && q[i]!.role === 'name') sigQ = true;
  for (let j = 0; j < e.length; j++) if (!isUsedE(j) && e[j]!.role === 'name') sigE = true;
  const conflict = sigQ && sigE;
  let den = 0;
  for (const p of pairs) { for (const i of p.qi) den += qw[i]!; for (const j of p.ei) den += ew[j]!; }
  const unmatchedCost = (p: NamePart, w: number, side: number): number => {
    if (p.role === 'title') return 0;
    if (p.role === 'patronymic') return 0.1 * w;
    return conflict ? Math.max(w, 0.6) : side * w;
  };
  for (let i = 0; i < q.length; i++) if (!isUsedQ(i)) den += unmatchedCost(q[i]!, qw[i]!, 0.5);
  for (let j = 0; j < e.length; j++) if (!isUsedE(j)) den += unmatchedCost(e[j]!, ew[j]!, 0.35);
  let score = den > 0 ? num / den : 0;
  // suffix migration: Farid Samadi vs Samad Faridov — surname suffix moved to the other name
  let qSuf = 0; let eSuf = 0;
  for (const p of pairs) {
    if (p.qi.length !== 1 || p.ei.length !== 1) continue;
    const a = q[p.qi[0]!]!; const b = e[p.ei[0]!]!;
    const sa = a.suffix !== '' && a.suffix !== 'ovich'; const sb = b.suffix !== '' && b.suffix !== 'ovich';
    if (sa && !sb && !b.dict?.kind.startsWith('s')) qSuf++;
    if (sb && !sa && !a.dict?.kind.startsWith('s')) eSuf++;
  }
  if (qSuf > 0 && eSuf > 0) score *= 0.85;
  // the explanation is built only when read (scoreEntry reads it for the best name only)
  let expl: PartExplanation[] | undefined;
  const explain = (): PartExplanation[] => {
    if (expl) return expl;
    expl = [];
    for (const p of pairs) {
      let w = 0;
      for (const i of p.qi) w += qw[i]!;
      for (const j of p.ei) w += ew[j]!;
      expl.push({ query: p.qi.map((i) => q[i]!.raw).join(' '), entry: p.ei.map((j) => e[j]!.raw).join(' '), how: p.how, similarity: round(p.sim), weight: round(w) });
    }
    for (let i = 0; i < q.length; i++) if (!isUsedQ(i)) expl.push({ query: q[i]!.raw, entry: null, how: 'unmatched', similarity: 0, weight: round(qw[i]!) });
    for (let j = 0; j < e.length; j++) if (!isUsedE(j)) expl.push({ query: null, entry: e[j]!.raw, how: 'unmatched', similarity: 0, weight: round(ew[j]!) });
    return expl;
  };
  return { score, matchedQ, get parts() { return explain(); } };
}

function round(x: number): number { return Math.round(x * 1000) / 1000; }

const D_EFFECT: Record<string, number> = { 'exact-date': 0.1, 'exact-year': 0.06, 'in-range': 0.04, approx: 0.01, unknown: 0 };

export interface ScoreOptions { threshold: number; cache?: SimCache }

/** Full score of a query against an indexed entry (best name variant + attribute adjustments). */
export function scoreEntry(query: ScreeningQuery, qParts: NamePart[], entry: IndexedEntry, weight: WeightFn, opts: ScoreOptions): ScoreResult {
  let best: { r: ReturnType<typeof scoreName>; n: IndexedName } | undefined;
  let bestGood = 0;
  for (const n of entry.names) {
    const r = scoreName(qParts, n.parts, weight, opts.cache);
    if (!best || r.score > best.r.score) best = { r, n };
    if (n.quality === 'good' && r.score > bestGood) bestGood = r.score;
  }
  if (!best) return { score: 0, nameScore: 0, matchedName: '', aliasQuality: 'good', parts: [], adjustments: [] };
  const adjustments: Adjustment[] = [];
  let s = best.r.score;
  const nameScore = s;
  let qNameParts = 0;
  for (const p of qParts) if (p.role === 'name') qNameParts++;
  let eNameParts = 0;
  for (const p of best.n.parts) if (p.role === 'name') eNameParts++;
  // a single written name part is weak evidence against a multi-part listed name
  if (best.r.matchedQ <= 1 && eNameParts >= 2 && qNameParts <= 1) {
    const cap = opts.threshold - 0.08;
    if (s > cap) { adjustments.push({ kind: 'single-part', detail: 'only one name part given', effect: round(cap - s) }); s = cap; }
  }
  let corroborated = false;
  const e = entry.entry;
  const dv = compareBirthDates(query.birthDate, e.birthDate);
  const dEffect = D_EFFECT;
  if (dv === 'conflict') { const ns = s * 0.7; adjustments.push({ kind: 'birth-date', detail: 'conflicting birth date', effect: round(ns - s) }); s = ns; }
  else if (dv !== 'unknown') { adjustments.push({ kind: 'birth-date', detail: dv, effect: dEffect[dv]! }); s += dEffect[dv]! * Math.min(1, s / 0.5); corroborated = dv !== 'approx'; }
  const nv = compareNationality(query.nationality, e.nationality);
  if (nv === 'match') { adjustments.push({ kind: 'nationality', detail: 'match', effect: 0.03 }); s += 0.03; corroborated = true; }
  else if (nv === 'conflict') { adjustments.push({ kind: 'nationality', detail: 'conflict', effect: -0.06 }); s -= 0.06; }
  if (query.document && e.documents?.length) {
    const m = e.documents.map((d) => compareIdentifiers(query.document!, d));
    if (m.includes('exact') || m.includes('folded')) {
      const ns = 1 - (1 - s) * (m.includes('exact') ? 0.15 : 0.3);
      adjustments.push({ kind: 'document', detail: m.includes('exact') ? 'same document number' : 'same document number (O/0, I/1 folded)', effect: round(ns - s) });
      s = ns; corroborated = true;
    }
  }
  if (best.n.quality === 'low' && !corroborated && bestGood < opts.threshold) {
    const cap = Math.max(bestGood, opts.threshold - 0.05);
    if (s > cap) { adjustments.push({ kind: 'low-quality-alias', detail: 'low-quality alias without corroboration', effect: round(cap - s) }); s = cap; }
  }
  s = Math.max(0, Math.min(1, s));
  return { score: round(s), nameScore: round(nameScore), matchedName: best.n.text, aliasQuality: best.n.quality, parts: best.r.parts, adjustments };
}
