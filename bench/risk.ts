/**
 * Risk model benchmark: full recompute over 1,000,000 published events and 200 sections
 * (RiskState.build plus every section's assessment with its explanation), and the incremental
 * update after one new event (RiskState.add plus the section's new score and level), with the
 * ratio of incremental to full measured in the same run. Goals: full < 2 s, incremental < 1 ms.
 *
 * Env: RISK_BENCH_EVENTS (default 1000000), RISK_BENCH_SECTIONS (default 200).
 */
import { availableParallelism, loadavg } from 'node:os';
import { DEFAULT_RISK_CONFIG, RISK_CATEGORIES, type Credibility, type Reliability, type Severity, type TerrainKind } from '../src/domain/risk/config.ts';
import { DAY_MS, type RiskEvent, type SectionProfile } from '../src/domain/risk/model.ts';
import { RiskState } from '../src/domain/risk/state.ts';

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export default async function main(): Promise<void> {
  const N = Number(process.env.RISK_BENCH_EVENTS ?? 1_000_000);
  const S = Number(process.env.RISK_BENCH_SECTIONS ?? 200);
  const cfg = DEFAULT_RISK_CONFIG;
  const rnd = prng(2012);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const terrains: TerrainKind[] = ['river_plain', 'foothills', 'mountain', 'high_mountain', 'gorge'];
  const sections: SectionProfile[] = Array.from({ length: S }, (_, i) => ({
    id: `s${i}`,
    terrain: pick(terrains),
    riverName: rnd() < 0.8 ? 'Panj' : null,
    patrolCoverage: rnd(),
    crossingPoints: Math.floor(rnd() * 10),
    posts: Array.from({ length: 1 + Math.floor(rnd() * 4) }, (_, k) => ({ id: `p${i}-${k}`, staffing: rnd() })),
  }));
  const now = Date.parse('2026-12-02T12:00:00Z');
  const severities: Severity[] = ['low', 'medium', 'high', 'critical'];
  const rel: Reliability[] = ['A', 'B', 'C', 'D', 'E', 'F'];
  // all inside the 120-day window, so every one is summed
  const events: RiskEvent[] = Array.from({ length: N }, (_, i) => ({
    id: `e${i}`,
    sectionId: `s${Math.floor(rnd() * S)}`,
    unitId: null,
    category: pick(RISK_CATEGORIES),
    severity: pick(severities),
    reliability: pick(rel),
    credibility: (1 + Math.floor(rnd() * 6)) as Credibility,
    occurredAt: now - Math.floor(rnd() * cfg.windowDays * DAY_MS),
    detail: null,
  }));

  // full recompute: every section's sums from all events, then each section's score and level
  const full = () => {
    const state = RiskState.build(cfg, sections, events, now);
    let raised = 0;
    for (const s of sections) raised += state.level(s.id, now) === 'low' ? 0 : 1;
    return { state, raised };
  };
  full(); // warm-up (JIT)
  const fullRuns: number[] = [];
  let state!: RiskState;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    state = full().state;
    fullRuns.push(performance.now() - t0);
  }
  const fullMs = Math.min(...fullRuns);
  // raw limit, same run: one pass over the events summing weight × decay per section and category
  // (no state kept, no ordering, no levels) — what any full recompute must at least do
  const sectionIndex = new Map(sections.map((s, i) => [s.id, i]));
  const catIndex = new Map(RISK_CATEGORIES.map((c, i) => [c, i]));
  const rates = RISK_CATEGORIES.map((c) => Math.LN2 / (cfg.categories[c].halfLifeDays * DAY_MS));
  const raw = () => {
    const sums = new Float64Array(S * RISK_CATEGORIES.length);
    for (const e of events) {
      const c = catIndex.get(e.category)!;
      sums[sectionIndex.get(e.sectionId)! * RISK_CATEGORIES.length + c]! += cfg.severity[e.severity] * Math.exp(-rates[c]! * (now - e.occurredAt));
    }
    return sums;
  };
  raw();
  const rawRuns: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    raw();
    rawRuns.push(performance.now() - t0);
  }
  const rawMs = Math.min(...rawRuns);

  // the explanations are built on demand (a page asks for them): measured apart
  const t1 = performance.now();
  for (const s of sections) state.assess(s.id, now);
  const explainMs = performance.now() - t1;

  // incremental: one new event at a time (the clock moves a second each), its section's score and level
  const M = 20_000;
  const extra: RiskEvent[] = Array.from({ length: M }, (_, i) => ({
    id: `n${i}`,
    sectionId: `s${Math.floor(rnd() * S)}`,
    unitId: null,
    category: pick(RISK_CATEGORIES),
    severity: pick(severities),
    reliability: pick(rel),
    credibility: (1 + Math.floor(rnd() * 6)) as Credibility,
    occurredAt: now + i * 1000 - 3_600_000,
    detail: null,
  }));
  for (let i = 0; i < 1000; i++) {
    state.add(extra[i]!, now + i * 1000);
    state.level(extra[i]!.sectionId, now + i * 1000);
  }
  const times: number[] = [];
  for (let i = 1000; i < M; i++) {
    const e = extra[i]!;
    const at = now + i * 1000;
    const t0 = performance.now();
    state.add(e, at);
    state.level(e.sectionId, at);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const p50 = times[Math.floor(times.length * 0.5)]!;
  const p99 = times[Math.floor(times.length * 0.99)]!;

  const f = (x: number, d = 3) => x.toFixed(d);
  console.log(`risk model: ${N.toLocaleString('en')} events, ${S} sections, window ${cfg.windowDays} days`);
  console.log(`full recompute (all sums + ${S} scores and levels): best of 3 ${f(fullMs, 1)} ms  [runs ${fullRuns.map((x) => f(x, 0)).join(', ')} ms]  goal < 2000 ms: ${fullMs < 2000 ? 'met' : 'NOT met'}`);
  console.log(`raw limit (one summing pass over the events, same run): best of 3 ${f(rawMs, 1)} ms → full / raw = ${f(fullMs / rawMs, 2)}`);
  console.log(`explanations of all ${S} sections (on demand, walks every in-window event): ${f(explainMs, 1)} ms`);
  console.log(`incremental (add one event + the section's score and level), ${times.length} updates: mean ${f(mean * 1000, 2)} µs, p50 ${f(p50 * 1000, 2)} µs, p99 ${f(p99 * 1000, 2)} µs  goal < 1 ms: ${p99 < 1 ? 'met' : 'NOT met'}`);
  console.log(`ratio incremental / full: mean ${(mean / fullMs).toExponential(2)}, p50 ${(p50 / fullMs).toExponential(2)}  (full is ${Math.round(fullMs / p50).toLocaleString('en')}× a median update)`);
  console.log(`machine: load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores (figures from a loaded machine are slower; the ratios hold better)`);
}
