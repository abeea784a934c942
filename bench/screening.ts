/**
 * Screening benchmark: 100,000 generated names (mixed scripts and conventions), index
 * build time, heap delta, p50/p99 per query on one core for 2,000 queries.
 */
import { generateTestSet } from '../src/domain/names/eval/generate.ts';
import { buildIndex, WatchlistIndex } from '../src/domain/names/index.ts';
import { screen } from '../src/domain/names/screen.ts';
import type { WatchlistEntry } from '../src/domain/names/types.ts';

export default async function run(): Promise<void> {
  const N = Number(process.env.SCREEN_BENCH_N ?? 100_000);
  const Q = 2_000;
  console.log(`screening bench: generating ${N} names…`);
  const entries: WatchlistEntry[] = [];
  const queries: string[] = [];
  for (let seed = 1000; entries.length < N; seed++) {
    const s = generateTestSet({ seed, listed: 700, queries: 30 });
    for (const e of s.entries) entries.push({ ...e, id: `${seed}-${e.id}` });
    if (queries.length < Q) queries.push(...s.queries.map((q) => q.name));
  }
  entries.length = N;
  queries.length = Q;
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const index = new WatchlistIndex();
  entries.forEach((e, i) => { index.add(e); if ((i + 1) % 20_000 === 0) console.log(`  indexed ${i + 1}`); });
  index.freeze();
  const build = performance.now() - t0;
  global.gc?.();
  const heap1 = process.memoryUsage().heapUsed;
  console.log(`index: ${N} entries built in ${(build / 1000).toFixed(2)} s; heap delta ${((heap1 - heap0) / 1048576).toFixed(0)} MiB; ${JSON.stringify(index.stats())}`);
  for (const q of queries.slice(0, 200)) screen(index, q); // warm-up
  const times: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const t = performance.now();
    hits += screen(index, q).length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const p = (x: number): number => times[Math.min(times.length - 1, Math.floor(x * times.length))]!;
  console.log(`queries: ${Q}; p50 ${p(0.5).toFixed(2)} ms, p99 ${p(0.99).toFixed(2)} ms, max ${p(1).toFixed(2)} ms; target p99 < 5 ms → ${p(0.99) < 5 ? 'OK' : 'OVER'} (ratio ${(p(0.99) / 5).toFixed(2)}); alerts ${hits}`);
  void buildIndex;
}

if (import.meta.url === `file://${process.argv[1]}`) void run();
