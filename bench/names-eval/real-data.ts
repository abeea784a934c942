/** Cross-script figures on real data: Tajik–Persian pairs and the UN list (original script ↔ Latin). */
import { buildIndex } from '../../src/domain/names/index.ts';
import { screen } from '../../src/domain/names/screen.ts';
import type { UnEntry } from '../../src/domain/names/un-list.ts';

export interface PairFigures { n: number; rank1: number; recallAtThreshold: number; falseAlertsPerQuery: number }

/** Index one column, query with the other; rank-1 recall and alerts. */
export function pairsRank1(pairs: Array<[string, string]>, from: 0 | 1, threshold: number): PairFigures {
  const idx = buildIndex(pairs.map((p, i) => ({ id: String(i), names: [p[from === 0 ? 1 : 0]] })));
  let r1 = 0; let hit = 0; let fa = 0;
  pairs.forEach((p, i) => {
    const hits = screen(idx, p[from], { includeBelow: true, limit: 10 });
    if (hits[0]?.id === String(i)) r1++;
    if (hits.some((h) => h.id === String(i) && h.score >= threshold)) hit++;
    fa += hits.filter((h) => h.id !== String(i) && h.score >= threshold).length;
  });
  return { n: pairs.length, rank1: r1 / pairs.length, recallAtThreshold: hit / pairs.length, falseAlertsPerQuery: fa / pairs.length };
}

export function parsePairs(tsv: string): Array<[string, string]> {
  return tsv.split('\n').map((l) => l.split('\t')).filter((f) => f.length === 2 && f[0]!.trim() && f[1]!.trim()).map((f) => [f[0]!.trim(), f[1]!.trim()]);
}

/** UN list: index Latin names (primary + aliases), query with NAME_ORIGINAL_SCRIPT; or the reverse. */
export function unCrossScript(entries: UnEntry[], direction: 'original→latin' | 'latin→original', threshold: number): PairFigures & { precision: number } {
  const withOrig = entries.filter((e) => e.names.some((n) => typeof n !== 'string' && /[\u0600-\u06ff]/.test(n.name)));
  const isOrig = (s: string): boolean => /[\u0600-\u06ff]/.test(s);
  const nameOf = (n: string | { name: string }): string => (typeof n === 'string' ? n : n.name);
  const indexed = entries.map((e) => ({ ...e, names: e.names.filter((n) => (direction === 'original→latin' ? !isOrig(nameOf(n)) : isOrig(nameOf(n)))) })).filter((e) => e.names.length);
  const idx = buildIndex(indexed);
  let r1 = 0; let hit = 0; let fa = 0; let alerts = 0;
  for (const e of withOrig) {
    const q = direction === 'original→latin' ? nameOf(e.names.find((n) => isOrig(nameOf(n)))!) : nameOf(e.names[0]!);
    const hits = screen(idx, q, { includeBelow: true, limit: 10 });
    if (hits[0]?.id === e.id) r1++;
    const al = hits.filter((h) => h.score >= threshold);
    alerts += al.length;
    if (al.some((h) => h.id === e.id)) hit++;
    fa += al.filter((h) => h.id !== e.id).length;
  }
  const n = withOrig.length;
  return { n, rank1: r1 / n, recallAtThreshold: hit / n, falseAlertsPerQuery: fa / n, precision: alerts ? (alerts - fa) / alerts : 1 };
}
