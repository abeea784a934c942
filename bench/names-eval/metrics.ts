/** Evaluation metrics for screening test sets. */
import { buildIndex, type WatchlistIndex } from '../../src/domain/names/index.ts';
import { screen } from '../../src/domain/names/screen.ts';
import type { TestSet } from './generate.ts';

export interface EvalResult {
  threshold: number; positives: number; negatives: number;
  recall: number; rank1: number; precision: number; alerts: number; falseAlerts: number; negativesAlerted: number;
  misses: Array<{ id: string; name: string; expected: string; best: string; note: string; score: number }>;
  falsePositives: Array<{ id: string; name: string; hit: string; hitName: string; score: number; note: string }>;
}

/** Screen every query and measure recall (expected entry alerted), precision (alerts that are right). */
export function evaluate(set: TestSet, threshold: number, index: WatchlistIndex = buildIndex(set.entries)): EvalResult {
  let pos = 0; let neg = 0; let found = 0; let rank1 = 0; let alerts = 0; let correct = 0; let negAlerted = 0;
  const misses: EvalResult['misses'] = [];
  const fps: EvalResult['falsePositives'] = [];
  const byId = new Map(set.entries.map((e) => [e.id, e]));
  for (const q of set.queries) {
    const hits = screen(index, { name: q.name, ...(q.birthDate ? { birthDate: q.birthDate } : {}) }, { threshold, includeBelow: true, limit: 10 });
    const alerted = hits.filter((h) => h.score >= threshold);
    alerts += alerted.length;
    if (q.expected) {
      pos++;
      if (alerted.some((h) => h.id === q.expected)) found++;
      else misses.push({ id: q.id, name: q.name, expected: String(byId.get(q.expected)?.names[0] ?? ''), best: hits[0] ? `${hits[0].id} ${hits[0].matchedName} ${hits[0].score}` : '-', note: q.note, score: hits.find((h) => h.id === q.expected)?.score ?? 0 });
      if (hits[0]?.id === q.expected) rank1++;
    } else {
      neg++;
      if (alerted.length) negAlerted++;
    }
    for (const h of alerted) {
      if (h.id === q.expected) correct++;
      else fps.push({ id: q.id, name: q.name, hit: h.id, hitName: h.matchedName, score: h.score, note: q.note });
    }
  }
  return { threshold, positives: pos, negatives: neg, recall: found / Math.max(1, pos), rank1: rank1 / Math.max(1, pos), precision: alerts ? correct / alerts : 1, alerts, falseAlerts: alerts - correct, negativesAlerted: negAlerted, misses, falsePositives: fps };
}
