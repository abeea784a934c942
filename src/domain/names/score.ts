/**
 * Score of a query against one watch-list entry: the best of its name variants
 * (align.ts), then one-part caps and birth date / nationality / document / alias-quality
 * adjustments, each recorded with a stable code for the explanation.
 */
import type { NamePart } from './parts.ts';
import { explainName, lastMatchedQ, lastPairs, PreparedQuery, round, scoreName, type WeightFn } from './align.ts';
import { compareBirthDates, compareNationality } from './attributes.ts';
import { compareIdentifiers } from './identifiers.ts';
import { gain, partSim } from './part-similarity.ts';
import type { Adjustment, AdjustmentDetail, IndexedEntry, IndexedName, ScoreResult, ScreeningQuery } from './types.ts';

export { PreparedQuery, SimCache } from './align.ts';

/** Multiplier of a conflicting birth date, and the name score above which the hit stays visible anyway. */
const DATE_CONFLICT = 0.7;
const STRONG_NAME = 0.95;

const D_EFFECT: Record<string, number> = { 'exact-date': 0.1, 'exact-year': 0.06, 'in-range': 0.04, approx: 0.01, unknown: 0 };

/** Shared empty list: most candidates have no adjustments (never pushed to). */
const NONE: Adjustment[] = [];

/** Appends an adjustment (a new list in place of the shared empty one). */
function adjust(list: Adjustment[], kind: Adjustment['kind'], detail: AdjustmentDetail, effect: number): Adjustment[] {
  const out = list === NONE ? [] : list;
  out.push({ kind, detail, effect: round(effect) });
  return out;
}

/**
 * Highest score of a one-part query, by the part's weight (dictionary prior × rarity in the
 * list, about 0.1 for Muhammad, 0.7–1 for a rare surname): from threshold − 0.25 up to
 * threshold + 0.06 for a family name, threshold − 0.1 for a given name alone (never an alert).
 */
export function loneCap(weight: number, surname: boolean, threshold: number): number {
  return threshold - 0.25 + (surname ? 0.31 : 0.15) * Math.min(1, Math.max(0, weight) / 0.5);
}

/** How well the one written name part matches its best listed part (1 for a clear match). */
function lonePartMatch(qx: PreparedQuery, parts: NamePart[]): number {
  const q = qx.parts.find((p) => p.role === 'name' || p.marked);
  if (!q) return 0;
  let best = 0;
  for (const p of parts) if (p.role !== 'title') best = Math.max(best, partSim(q, p));
  return best >= 0.97 ? 1 : gain(best);
}

/** A candidate's score before its explanation is built (one small object per candidate). */
export interface CandidateScore {
  entry: IndexedEntry;
  score: number;
  nameScore: number;
  /** the best-scoring name variant */
  name: IndexedName | undefined;
  /** matched pairs in that variant: ranks equal scores */
  matched: number;
  adjustments: Adjustment[];
}

/** Full score of a prepared query against an indexed entry (best name variant + attribute adjustments). */
export function scoreCandidate(query: ScreeningQuery, qx: PreparedQuery, entry: IndexedEntry, threshold: number): CandidateScore {
  let best: IndexedName | undefined;
  let bestScore = 0;
  let bestMatchedQ = 0;
  let bestPairs = 0;
  let bestGood = 0;
  for (const n of entry.names) {
    const r = scoreName(qx, n.parts, n.joined);
    if (!best || r > bestScore) { best = n; bestScore = r; bestMatchedQ = lastMatchedQ; bestPairs = lastPairs; }
    if (n.quality === 'good' && r > bestGood) bestGood = r;
  }
  if (!best) return { entry, score: 0, nameScore: 0, name: undefined, matched: 0, adjustments: NONE };
  let adj: Adjustment[] = NONE;
  let s = bestScore;
  const nameScore = s;
  let eNameParts = 0;
  for (const p of best.parts) if (p.role === 'name' || p.marked) eNameParts++;
  const cap = (to: number, detail: AdjustmentDetail, kind: Adjustment['kind'] = 'single-part'): void => {
    if (s > to) { adj = adjust(adj, kind, detail, to - s); s = to; }
  };
  // a single written name part is weak evidence, the weaker the more common the part: a lone
  // "Муҳаммад" stays far below the threshold, a lone rare surname ("Haqqani") finds its listed
  // people just above it, lower than their full names would; against a listed name of one
  // part (an alias "Atiqullah") any informative part may
  // (one part against one part: scaled by the name score, so it must match nearly exactly)
  if (qx.nameParts <= 1 && (bestMatchedQ <= 1 || eNameParts <= 1)) {
    if (eNameParts <= 1) cap(s * (qx.maxNameWeight >= 0.3 ? threshold + 0.06 : loneCap(qx.maxNameWeight, true, threshold)), 'one-part-written');
    else {
      // against a longer listed name the relative name score says little (the listed given
      // names are simply not written): the lone part's own match decides, up to its cap
      const to = loneCap(qx.maxNameWeight, qx.loneSurname, threshold) * lonePartMatch(qx, best.parts);
      if (to !== s) { adj = adjust(adj, 'single-part', 'one-part-written', to - s); s = to; }
    }
  }
  // …and so is a one-part listed name (an alias "Bilal") against a fuller written name
  else if (eNameParts <= 1 && bestPairs <= 1 && qx.parts.length - qx.titles >= 2) cap(threshold - 0.08, 'one-part-listed');
  let corroborated = false;
  const e = entry.entry;
  const dv = compareBirthDates(query.birthDate, e.birthDate);
  if (dv === 'conflict') {
    // another birth date lowers the score; a strong name match stays an alert, at the
    // threshold, so the officer sees it with the conflict explained instead of losing it
    let to = s * DATE_CONFLICT;
    if (nameScore >= STRONG_NAME && to < threshold) to = Math.min(s, threshold);
    adj = adjust(adj, 'birth-date', 'conflict', to - s); s = to;
  }
  else if (dv !== 'unknown') {
    const up = D_EFFECT[dv]! * Math.min(1, s / 0.5);
    adj = adjust(adj, 'birth-date', dv, up); s += up;
    corroborated = dv !== 'approx';
  }
  const nv = compareNationality(query.nationality, e.nationality);
  if (nv === 'match') { adj = adjust(adj, 'nationality', 'match', 0.03); s += 0.03; corroborated = true; }
  else if (nv === 'conflict') { adj = adjust(adj, 'nationality', 'conflict', -0.06); s -= 0.06; }
  if (query.document && e.documents?.length) {
    const m = e.documents.map((d) => compareIdentifiers(query.document!, d));
    if (m.includes('exact') || m.includes('folded')) {
      const ns = 1 - (1 - s) * (m.includes('exact') ? 0.15 : 0.3);
      adj = adjust(adj, 'document', m.includes('exact') ? 'same-number' : 'same-number-folded', ns - s);
      s = ns; corroborated = true;
    }
  }
  if (best.quality === 'low' && !corroborated && bestGood < threshold) cap(Math.max(bestGood, threshold - 0.05), 'uncorroborated', 'low-quality-alias');
  const adjustments = adj;
  s = Math.max(0, Math.min(1, s));
  return { entry, score: round(s), nameScore: round(nameScore), name: best, matched: bestPairs, adjustments };
}

/** The full result of a scored candidate, with which parts matched how. */
export function explainCandidate(qx: PreparedQuery, c: CandidateScore): ScoreResult {
  if (!c.name) return { score: 0, nameScore: 0, matchedName: '', aliasQuality: 'good', parts: [], adjustments: [] };
  return { score: c.score, nameScore: c.nameScore, matchedName: c.name.text, aliasQuality: c.name.quality, parts: explainName(qx, c.name.parts, c.name.joined), adjustments: c.adjustments === NONE ? [] : c.adjustments };
}

/** Score and explain one entry (tests and one-off use; screen() scores many per query). */
export function scoreEntry(query: ScreeningQuery, qParts: NamePart[], entry: IndexedEntry, weight: WeightFn, threshold: number): ScoreResult {
  const qx = new PreparedQuery(qParts, weight);
  return explainCandidate(qx, scoreCandidate(query, qx, entry, threshold));
}
