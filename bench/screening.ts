/**
 * Screening benchmark: 100,000 generated names (mixed scripts and conventions), index
 * build time, heap delta, p50/p99 per query on one core for 2,000 queries, recall@1/@10
 * on the queries whose listed person is known; then the same list and queries in
 * PostgreSQL pg_trgm (GIN trigram index) as a peer: (a) raw strings, (b) both sides
 * transliterated to Latin with our transliterate() — with the Sarhad/pg_trgm ratios.
 *
 * `npm run bench -- screening --one-core` pins the run to one CPU with V8's background
 * threads off, so garbage collection and compilation are paid on the measured core.
 *
 * Env: SCREEN_BENCH_N (entries, default 100000), SCREEN_BENCH_PG=0 (skip the peer),
 * SCREEN_BENCH_PG_Q (queries sent to PostgreSQL, default all 2000),
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres; a throw-away
 * database sarhad_bench_<pid> is created next to it and dropped at the end).
 */
import { availableParallelism, loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import pg from 'pg';
import { generateTestSet } from './names-eval/generate.ts';
import { WatchlistIndex } from '../src/domain/names/index.ts';
import { screen, DEFAULT_THRESHOLD } from '../src/domain/names/screen.ts';
import { transliterate } from '../src/domain/names/translit.ts';
import type { WatchlistEntry } from '../src/domain/names/types.ts';

interface BenchQuery { name: string; expected: string | null }
interface Recall { n: number; r1: number; r10: number; e1: number; e10: number }
interface Figures extends Recall { label: string; p50: number; p99: number }

/**
 * The generator draws every seed's persons from the same name dictionary, so at 100k
 * entries many listed persons carry the same name (same parts, suffixes and gender)
 * under different ids; no name matcher can tell them apart. Besides strict recall (the
 * true id), "equivalent" recall also accepts a listed person with the same name.
 */
const personKey = new Map<string, string>();

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

function pct(times: number[], x: number): number {
  const t = [...times].sort((a, b) => a - b);
  return t[Math.min(t.length - 1, Math.floor(x * t.length))]!;
}

/** recall@1 / @10 of ranked id lists over the queries whose true entry is known. */
function recall(queries: BenchQuery[], ranked: string[][]): Recall {
  let n = 0; let r1 = 0; let r10 = 0; let e1 = 0; let e10 = 0;
  queries.forEach((q, i) => {
    if (!q.expected) return;
    n++;
    const ids = ranked[i]!.slice(0, 10);
    const k = personKey.get(q.expected);
    if (ids[0] === q.expected) r1++;
    if (ids.includes(q.expected)) r10++;
    if (ids.length && personKey.get(ids[0]!) === k) e1++;
    if (ids.some((id) => personKey.get(id) === k)) e10++;
  });
  const f = (x: number): number => (n ? x / n : 0);
  return { n, r1: f(r1), r10: f(r10), e1: f(e1), e10: f(e10) };
}

const fmt = (f: Figures): string =>
  `${f.label.padEnd(44)} recall@1 ${f.r1.toFixed(3)}  @10 ${f.r10.toFixed(3)}  (equivalent @1 ${f.e1.toFixed(3)}  @10 ${f.e10.toFixed(3)}; n=${f.n})  p50 ${f.p50.toFixed(2)} ms  p99 ${f.p99.toFixed(2)} ms`;

async function pgPeer(entries: WatchlistEntry[], queries: BenchQuery[]): Promise<Figures[]> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `sarhad_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const u = new URL(url);
  u.pathname = '/' + dbName;
  const db = new pg.Client({ connectionString: u.toString() });
  try {
    await db.connect();
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await db.query('CREATE TABLE names (entry_id text NOT NULL, name text NOT NULL, latin text NOT NULL)');
    // one row per name variant (primary + aliases), as Sarhad indexes them
    const rows: Array<[string, string, string]> = [];
    for (const e of entries) for (const n of e.names) {
      const name = typeof n === 'string' ? n : n.name;
      if (name.trim()) rows.push([e.id, name, transliterate(name, 'latin')]);
    }
    const t0 = performance.now();
    const B = 5_000;
    for (let i = 0; i < rows.length; i += B) {
      const b = rows.slice(i, i + B);
      await db.query('INSERT INTO names SELECT * FROM unnest($1::text[], $2::text[], $3::text[])', [b.map((r) => r[0]), b.map((r) => r[1]), b.map((r) => r[2])]);
      if ((i / B) % 5 === 4 || i + B >= rows.length) console.log(`  pg: loaded ${Math.min(i + B, rows.length)} / ${rows.length} names`);
    }
    const t1 = performance.now();
    await db.query('CREATE INDEX names_name_trgm ON names USING gin (name gin_trgm_ops)');
    await db.query('CREATE INDEX names_latin_trgm ON names USING gin (latin gin_trgm_ops)');
    await db.query('ANALYZE names');
    const t2 = performance.now();
    const th = await db.query<{ t: string }>("SELECT current_setting('pg_trgm.similarity_threshold') AS t");
    console.log(`  pg: ${rows.length} rows loaded in ${((t1 - t0) / 1000).toFixed(2)} s, two GIN trigram indexes in ${((t2 - t1) / 1000).toFixed(2)} s; % threshold ${th.rows[0]!.t}; ${queries.length} queries per variant`);
    const variant = async (label: string, col: 'name' | 'latin', prep: (s: string) => string): Promise<Figures> => {
      const sql = `SELECT entry_id, max(similarity(${col}, $1)) AS s FROM names WHERE ${col} % $1 GROUP BY entry_id ORDER BY s DESC, entry_id LIMIT 10`;
      for (const q of queries.slice(0, 50)) await db.query({ name: col, text: sql, values: [prep(q.name)] }); // warm-up
      const times: number[] = [];
      const ranked: string[][] = [];
      for (const q of queries) {
        const t = performance.now();
        const r = await db.query<{ entry_id: string }>({ name: col, text: sql, values: [prep(q.name)] });
        times.push(performance.now() - t);
        ranked.push(r.rows.map((x) => x.entry_id));
      }
      return { label, ...recall(queries, ranked), p50: pct(times, 0.5), p99: pct(times, 0.99) };
    };
    const a = await variant('pg_trgm (a) raw strings', 'name', (s) => s);
    console.log('  ' + fmt(a));
    const b = await variant('pg_trgm (b) both sides transliterate→latin', 'latin', (s) => transliterate(s, 'latin'));
    console.log('  ' + fmt(b));
    return [a, b];
  } finally {
    await db.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    console.log(`  pg: dropped database ${dbName}`);
  }
}

export default async function run(): Promise<void> {
  const N = Number(process.env.SCREEN_BENCH_N ?? 100_000);
  const Q = 2_000;
  console.log(`screening bench: generating ${N} names…`);
  const entries: WatchlistEntry[] = [];
  const queries: BenchQuery[] = [];
  for (let seed = 1000; entries.length < N; seed++) {
    const s = generateTestSet({ seed, listed: 700, queries: 30 });
    for (const e of s.entries) entries.push({ ...e, id: `${seed}-${e.id}` });
    for (const p of s.persons) personKey.set(`${seed}-${p.id}`, `${p.female ? 'f' : 'm'}:` + p.elements.map((x) => x.e.key + '/' + x.suffix).sort().join('+'));
    // true entry of a query: the generated variant's person, renamed like the entries
    if (queries.length < Q) queries.push(...s.queries.map((q) => ({ name: q.name, expected: q.expected ? `${seed}-${q.expected}` : null })));
  }
  entries.length = N;
  queries.length = Q;
  const known = new Set(entries.map((e) => e.id));
  for (const q of queries) if (q.expected && !known.has(q.expected)) q.expected = null;
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const index = new WatchlistIndex();
  entries.forEach((e, i) => { index.add(e); if ((i + 1) % 20_000 === 0) console.log(`  indexed ${i + 1}`); });
  index.freeze();
  const build = performance.now() - t0;
  gc();
  const heap1 = process.memoryUsage().heapUsed;
  console.log(`index: ${N} entries built in ${(build / 1000).toFixed(2)} s; heap delta ${((heap1 - heap0) / 1048576).toFixed(0)} MiB; ${JSON.stringify(index.stats())}`);
  for (const q of queries.slice(0, 200)) screen(index, q.name); // warm-up
  const times: number[] = [];
  let hits = 0;
  // garbage-collection pauses during the timed loop: what sets p99 when queries allocate
  const pauses: number[] = [];
  const gcObserver = new PerformanceObserver((list) => { for (const e of list.getEntries()) pauses.push(e.duration); });
  gcObserver.observe({ entryTypes: ['gc'] });
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  for (const q of queries) {
    const t = performance.now();
    hits += screen(index, q.name).length;
    times.push(performance.now() - t);
  }
  const wall = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  await new Promise((r) => setTimeout(r, 50)); // let the observer deliver
  gcObserver.disconnect();
  const p50 = pct(times, 0.5); const p99 = pct(times, 0.99);
  console.log(`queries: ${Q}; p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, max ${pct(times, 1).toFixed(2)} ms; target p99 < 5 ms → ${p99 < 5 ? 'OK' : 'OVER'} (ratio ${(p99 / 5).toFixed(2)}); alerts ${hits}`);
  // the same queries twice more, each query's best of three: what the code costs when the
  // machine does not deschedule the process (this one is shared); GC pauses are random, so
  // they fall out of this figure too — the single pass above is the one the target is about
  const best = [...times];
  for (let r = 0; r < 2; r++) queries.forEach((q, i) => { const t = performance.now(); screen(index, q.name); const d = performance.now() - t; if (d < best[i]!) best[i] = d; });
  console.log(`  per-query best of 3 passes: p50 ${pct(best, 0.5).toFixed(2)} ms, p99 ${pct(best, 0.99).toFixed(2)} ms`);
  // one core: screening is synchronous on the main thread; the CPU/wall ratio shows what other threads (GC, compiler) added
  console.log(`  process CPU / wall time of the loop ${((cpu.user + cpu.system) / 1000 / wall).toFixed(2)}; GC pauses in the loop: ${pauses.length}, longest ${pauses.length ? Math.max(...pauses).toFixed(1) : '0'} ms; CPUs available ${availableParallelism()}${process.env.SARHAD_BENCH_ONE_CORE === '1' ? ' (--one-core: pinned, V8 single-threaded)' : ' (--one-core for a strict single core)'}, load average ${loadavg()[0]!.toFixed(2)}`);

  // recall (untimed pass): ranking by score, and alerts only (score ≥ threshold)
  const rankedAll: string[][] = [];
  const rankedAlert: string[][] = [];
  for (const q of queries) {
    const h = screen(index, q.name, { includeBelow: true, limit: 10 });
    rankedAll.push(h.map((x) => x.id));
    rankedAlert.push(h.filter((x) => x.score >= DEFAULT_THRESHOLD).map((x) => x.id));
  }
  const sRank: Figures = { label: 'Sarhad (ranking, any score)', ...recall(queries, rankedAll), p50, p99 };
  const sAlert: Figures = { label: `Sarhad (alerts only, score ≥ ${DEFAULT_THRESHOLD})`, ...recall(queries, rankedAlert), p50, p99 };
  console.log(fmt(sRank));
  console.log(fmt(sAlert));

  if (process.env.SCREEN_BENCH_PG === '0') return;
  const pgQ = Number(process.env.SCREEN_BENCH_PG_Q ?? Q);
  let peers: Figures[];
  try {
    peers = await pgPeer(entries, queries.slice(0, pgQ));
  } catch (e) {
    console.log(`pg_trgm peer skipped: ${(e as Error).message}`);
    return;
  }
  console.log(`\nsummary (${N} entries; Sarhad ${Q} queries in-process on one core; pg_trgm ${Math.min(pgQ, Q)} queries over localhost, client-side times):`);
  for (const f of [sRank, sAlert, ...peers]) console.log('  ' + fmt(f));
  for (const f of peers) {
    console.log(`  vs ${f.label}: p99 ratio Sarhad/pg_trgm ${(p99 / f.p99).toFixed(2)}; recall@1 ratio ${(sRank.r1 / f.r1).toFixed(2)} (alerts-only ${(sAlert.r1 / f.r1).toFixed(2)}, equivalent ${(sRank.e1 / f.e1).toFixed(2)}); recall@10 ratio ${(sRank.r10 / f.r10).toFixed(2)} (alerts-only ${(sAlert.r10 / f.r10).toFixed(2)}, equivalent ${(sRank.e10 / f.e10).toFixed(2)})`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void run();
