/** Screening: query → ranked hits above a threshold (pure). */
import type { WatchlistIndex } from './index.ts';
import { parseName } from './parts.ts';
import { explainCandidate, PreparedQuery, scoreCandidate, SimCache, type CandidateScore } from './score.ts';
import type { Hit, ScreeningQuery } from './types.ts';

/** Score at or above which a hit raises an alert. */
export const DEFAULT_THRESHOLD = 0.7;

export interface ScreenOptions {
  threshold?: number;
  /** maximum number of hits returned */
  limit?: number;
  /** also return hits below threshold (for review tools / evaluation) */
  includeBelow?: boolean;
}

/** Screen a query (a name, or a name with birth date, nationality, document) against an index. */
export function screen(index: WatchlistIndex, query: ScreeningQuery | string, opts: ScreenOptions = {}): Hit[] {
  const q: ScreeningQuery = typeof query === 'string' ? { name: query } : query;
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const parts = parseName(q.name);
  if (parts.length === 0) return [];
  scratch.startQuery();
  const qx = new PreparedQuery(parts, index.weight, scratch);
  const found: CandidateScore[] = [];
  for (const ci of index.candidates(parts)) {
    const c = scoreCandidate(q, qx, index.entries[ci]!, threshold);
    if (opts.includeBelow ? c.score > 0 : c.score >= threshold) found.push(c);
  }
  found.sort(compareCandidates);
  // explanations only for what is returned
  return found.slice(0, opts.limit ?? 20).map((c) => ({ id: c.entry.entry.id, ...explainCandidate(qx, c) }));
}

/** Similarity cache reused by every query (screening is synchronous: one query at a time). */
const scratch = new SimCache();

/** Same order as compareHits, on scores before they are explained. */
function compareCandidates(a: CandidateScore, b: CandidateScore): number {
  return b.score - a.score || b.matched - a.matched || (a.entry.entry.id < b.entry.entry.id ? -1 : a.entry.entry.id > b.entry.entry.id ? 1 : 0);
}

const matchedParts = (h: Hit) => h.parts.filter((p) => p.query !== null && p.how !== 'unmatched').length;

/**
 * Best first: by score, then by how many query parts found a partner (at equal scores, the
 * entry that explains the whole query beats one that matches a shorter alias), then by id so
 * the order never depends on insertion order.
 */
export function compareHits(a: Hit, b: Hit): number {
  return b.score - a.score || matchedParts(b) - matchedParts(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
