/**
 * The honest evaluation of screening (issue #8): data split by person into a tuning half
 * and a frozen test half (devset/generate.ts `halfOf`, a hash of the person's id).
 *
 *  - dev:  the independent development set (devset/), each half screened against its own
 *          listed people; a hit on another listed person with exactly the same name parts
 *          counts as correct, every other alert is false.
 *  - un:   the real UN list: original-script names of the half's listed people screened
 *          against all Latin names of the list, plus the real Tajik and Persian names of the
 *          half's pairs in datasets/names (unlisted people) — recall, precision and the share
 *          of unlisted people alerted.
 *
 *   npx tsx bench/names-eval/honest.ts [--half tune|test] [--threshold 0.7] [--sweep] [--show 20]
 */
import { readFileSync } from 'node:fs';
import { buildIndex, type WatchlistIndex } from '../../src/domain/names/index.ts';
import { DEFAULT_THRESHOLD, screen } from '../../src/domain/names/screen.ts';
import type { WatchlistEntry } from '../../src/domain/names/types.ts';
import { parseUnList, type UnEntry } from '../../src/domain/names/un-list.ts';
import { FROZEN_SEED, generateDevSet, halfOf, halfSet, type DevSet, type Half } from './devset/generate.ts';

export interface Figures {
  threshold: number; positives: number; negatives: number;
  recall: number; precision: number; alerts: number; falseAlerts: number; negativesAlerted: number; rank1: number;
  misses: string[]; falseHits: string[];
}

function figures(threshold: number, pos: number, neg: number, found: number, r1: number, alerts: number, correct: number, negAlerted: number, misses: string[], falseHits: string[]): Figures {
  return { threshold, positives: pos, negatives: neg, recall: found / Math.max(1, pos), precision: alerts ? correct / alerts : 1, alerts, falseAlerts: alerts - correct, negativesAlerted: negAlerted / Math.max(1, neg), rank1: r1 / Math.max(1, pos), misses, falseHits };
}

/** Screen one half of the development set against its own listed people. */
export function evaluateDev(set: DevSet, threshold: number): Figures {
  const index = buildIndex(set.entries as WatchlistEntry[]);
  const sig = set.signature;
  let pos = 0; let neg = 0; let found = 0; let r1 = 0; let alerts = 0; let correct = 0; let negAlerted = 0;
  const misses: string[] = []; const falseHits: string[] = [];
  const nameOf = new Map(set.entries.map((e) => [e.id, typeof e.names[0] === 'string' ? e.names[0] : e.names[0]!.name]));
  for (const q of set.queries) {
    const hits = screen(index, { name: q.name, ...(q.birthDate ? { birthDate: q.birthDate } : {}) }, { threshold, includeBelow: true, limit: 10 });
    const alerted = hits.filter((h) => h.score >= threshold);
    alerts += alerted.length;
    const same = (id: string): boolean => q.expected !== null && (id === q.expected || sig.get(id) === sig.get(q.expected));
    for (const h of alerted) {
      if (same(h.id)) correct++;
      else falseHits.push(`${q.id} ${JSON.stringify(q.name)} ${q.birthDate ?? ''} → ${h.id} ${JSON.stringify(h.matchedName)} ${h.score} [${q.note}]`);
    }
    if (q.expected) {
      pos++;
      if (alerted.some((h) => same(h.id))) found++;
      else misses.push(`${q.id} ${JSON.stringify(q.name)} ${q.birthDate ?? ''} ✗ ${q.expected} ${JSON.stringify(nameOf.get(q.expected))} score ${hits.find((h) => h.id === q.expected)?.score ?? 0} best ${hits[0]?.id ?? '-'} ${hits[0]?.score ?? ''} [${q.note}]`);
      if (hits[0] && same(hits[0].id)) r1++;
    } else {
      neg++;
      if (alerted.length) negAlerted++;
    }
  }
  return figures(threshold, pos, neg, found, r1, alerts, correct, negAlerted, misses, falseHits);
}

const isOrig = (s: string): boolean => /[\u0600-\u06ff]/.test(s);
const nameText = (n: string | { name: string }): string => (typeof n === 'string' ? n : n.name);

let unCache: { index: WatchlistIndex; entries: UnEntry[]; pairs: Array<[string, string]> } | undefined;
function unData() {
  if (!unCache) {
    const xml = readFileSync(new URL('../../datasets/un/consolidated-2025-08-02.xml', import.meta.url), 'utf8');
    const entries = parseUnList(xml).individuals;
    const latin = entries.map((e) => ({ ...e, names: e.names.filter((n) => !isOrig(nameText(n))) })).filter((e) => e.names.length);
    const tsv = readFileSync(new URL('../../datasets/names/tajik-persian-pairs.tsv', import.meta.url), 'utf8');
    const pairs = tsv.split('\n').map((l) => l.split('\t')).filter((f) => f.length === 2 && f[0]!.trim() && f[1]!.trim()).map((f) => [f[0]!.trim(), f[1]!.trim()] as [string, string]);
    unCache = { index: buildIndex(latin), entries, pairs };
  }
  return unCache;
}

/**
 * Pairs of the names file that are listed people, so not "unlisted" (a label correction,
 * checked by hand: Abdul Ghani Baradar is TAi.024 on the UN list).
 */
const LISTED_PAIRS = new Set(['Абдулғанӣ Бародар']);

/** Id of a real name pair for the split: its two spellings. */
export const pairId = (p: [string, string]): string => `${p[0]}\t${p[1]}`;

/** The UN list, original script → Latin, plus the real unlisted names of the pairs file, in one half. */
export function evaluateUn(half: Half, threshold: number): Figures {
  const { index, entries, pairs } = unData();
  let pos = 0; let neg = 0; let found = 0; let r1 = 0; let alerts = 0; let correct = 0; let negAlerted = 0;
  const misses: string[] = []; const falseHits: string[] = [];
  const queries: Array<{ name: string; expected: string | null }> = [];
  for (const e of entries) {
    if (halfOf(e.id) !== half) continue;
    const orig = e.names.map(nameText).find(isOrig);
    if (orig) queries.push({ name: orig, expected: e.id });
  }
  for (const p of pairs) if (halfOf(pairId(p)) === half && !LISTED_PAIRS.has(p[0])) queries.push({ name: p[0], expected: null }, { name: p[1], expected: null });
  for (const q of queries) {
    const hits = screen(index, q.name, { threshold, includeBelow: true, limit: 10 });
    const alerted = hits.filter((h) => h.score >= threshold);
    alerts += alerted.length;
    for (const h of alerted) {
      if (h.id === q.expected) correct++;
      else falseHits.push(`${JSON.stringify(q.name)} → ${h.id} ${JSON.stringify(h.matchedName)} ${h.score}${q.expected ? ` (listed ${q.expected})` : ' (unlisted)'}`);
    }
    if (q.expected) {
      pos++;
      if (alerted.some((h) => h.id === q.expected)) found++;
      else misses.push(`${JSON.stringify(q.name)} ✗ ${q.expected} score ${hits.find((h) => h.id === q.expected)?.score ?? 0} best ${hits[0]?.id ?? '-'} ${JSON.stringify(hits[0]?.matchedName ?? '')} ${hits[0]?.score ?? ''}`);
      if (hits[0]?.id === q.expected) r1++;
    } else {
      neg++;
      if (alerted.length) negAlerted++;
    }
  }
  return figures(threshold, pos, neg, found, r1, alerts, correct, negAlerted, misses, falseHits);
}

export function devHalf(half: Half): DevSet {
  return halfSet(generateDevSet({ seed: FROZEN_SEED }), half);
}

const short = (f: Figures): Record<string, number> => ({ threshold: f.threshold, positives: f.positives, negatives: f.negatives, recall: +f.recall.toFixed(3), precision: +f.precision.toFixed(3), negativesAlerted: +f.negativesAlerted.toFixed(3), rank1: +f.rank1.toFixed(3), alerts: f.alerts, falseAlerts: f.falseAlerts });

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (n: string): string | undefined => { const i = process.argv.indexOf(n); return i >= 0 ? process.argv[i + 1] : undefined; };
  const half = (arg('--half') ?? 'tune') as Half;
  if (half !== 'tune' && half !== 'test') { process.stderr.write('--half tune|test\n'); process.exit(2); }
  const show = Number(arg('--show') ?? 0);
  const ths = process.argv.includes('--sweep') ? [0.6, 0.62, 0.64, 0.66, 0.68, 0.7, 0.72, 0.74, 0.76, 0.78, 0.8] : [Number(arg('--threshold') ?? DEFAULT_THRESHOLD)];
  const dev = devHalf(half);
  for (const t of ths) {
    const d = evaluateDev(dev, t);
    const u = evaluateUn(half, t);
    process.stdout.write(JSON.stringify({ half, dev: short(d), un: short(u) }) + '\n');
    if (show) {
      for (const [label, xs] of [['dev misses', d.misses], ['dev false', d.falseHits], ['un misses', u.misses], ['un false', u.falseHits]] as const) {
        process.stdout.write(`-- ${label} (${xs.length})\n` + xs.slice(0, show).join('\n') + '\n');
      }
    }
  }
}
