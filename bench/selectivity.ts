/**
 * Selectivity benchmark (issue #13): declarations per second through the rule engine with
 * 500 rules, on the calling core, against two limits measured in the same run —
 *   raw:   the cheapest per-declaration work the engine must do (the seeded random draw);
 *   naive: the same 500 rules evaluated one by one without the HS index;
 * then end to end through the API: POST /api/declarations (validation, watch list, selectivity,
 * the signed-record write with version, outbox and audit) on a fresh SQLite node, against
 * GET /api/auth/me on the same node and session (the floor of an authenticated request).
 *
 * `npm run bench -- selectivity --one-core` pins it to one CPU. Env: SELECTIVITY_BENCH_N
 * (engine declarations, default 50000), SELECTIVITY_BENCH_API_N (API requests, default 1000),
 * SELECTIVITY_BENCH_CONCURRENCY (default 8).
 */
import { loadavg } from 'node:os';
import { DEFAULT_SELECTIVITY, draw, SelectivityEngine, type DeclarationFacts, type SelectivityRule } from '../src/domain/trade/selectivity.ts';
import { startTestNode } from '../src/server/testing/test-node.ts';

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEADINGS = ['0101', '0207', '0402', '0713', '0802', '0806', '1001', '1101', '1211', '1701', '2106', '2203', '2402', '2523', '2710', '2939', '3004', '3105', '3901', '4011', '5201', '6109', '6203', '6403', '7208', '7601', '8415', '8471', '8504', '8517', '8703', '9302', '9403'];
const ORIGINS = ['TJ', 'AF', 'CN', 'IR', 'PK', 'RU', 'KZ', 'UZ', 'TR', 'AE'];

export function makeRules(n: number, rand = rng(1)): SelectivityRule[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const kind = i % 5;
    const h = pick(HEADINGS);
    const when: SelectivityRule['when'] =
      kind === 0 ? { hsPrefixes: [h], origins: [pick(ORIGINS)] }
      : kind === 1 ? { hsPrefixes: [h], valuePerKgUsd: { min: rand() * 0.5, max: 5 + rand() * 50 } }
      : kind === 2 ? { traders: Array.from({ length: 3 }, () => `T-${Math.floor(rand() * 5000)}`) }
      : kind === 3 ? { hsPrefixes: [h + String(Math.floor(rand() * 9)) + '0'], origins: [pick(ORIGINS)] }
      : { hsPrefixes: [h.slice(0, 2)], intelligence: [pick(['smuggling_narcotics', 'smuggling_arms', 'smuggling_goods'])] };
    return { id: `r${i}`, name: `rule ${i}`, lane: pick(['blue', 'yellow', 'red'] as const), active: true, when };
  });
}

export function makeFacts(n: number, rand = rng(2)): DeclarationFacts[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => ({
    id: `decl-${i}`,
    items: Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({ hsCode: pick(HEADINGS) + String(10 + Math.floor(rand() * 89)), origin: pick(ORIGINS), valueUsd: 100 + rand() * 50_000, grossMassKg: 100 + rand() * 20_000 })),
    traders: [`T-${Math.floor(rand() * 5000)}`, `T-${Math.floor(rand() * 5000)}`],
    exitPointId: 'pp',
    watchlistHits: rand() < 0.01 ? ['a'] : [],
    intelligence: rand() < 0.02 ? ['smuggling_narcotics'] : [],
  }));
}

function perSecond(n: number, fn: () => void): number {
  fn(); // warm up
  const t0 = process.hrtime.bigint();
  fn();
  return n / (Number(process.hrtime.bigint() - t0) / 1e9);
}

async function api(nRequests: number, concurrency: number) {
  const node = await startTestNode('sqlite', { logLevel: 'silent' });
  try {
    const customs = await node.as('tj.customs');
    const units = (await customs.get('/api/units?kind=crossing_point')).body.items as { id: string; ref: string }[];
    const exit = units.find((u) => u.ref === 'tj-bcp-panji-poyon')!.id;
    const entry = units.find((u) => u.ref === 'af-bcp-sher-khan-bandar')!.id;
    const monday = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 2, 10));
    while (monday.getUTCDay() !== 1) monday.setUTCDate(monday.getUTCDate() + 1);
    const body = (i: number) => ({
      ref: `BENCH-${i}`,
      type: 'export',
      consignor: { name: 'Somon Cement LLC', id: 'TJ-TIN-300111', country: 'TJ' },
      consignee: { name: 'Kunduz Builders', id: 'AF-TIN-900222', country: 'AF' },
      items: [{ hsCode: '252329', description: 'Cement', quantity: 400, unit: 'bag', grossMassKg: 20_000, value: 2_400, currency: 'USD', origin: 'TJ' }],
      vehicle: { plate: `${1000 + (i % 9000)} TJ 03`, nationality: 'TJ' },
      seals: ['S-1'],
      route: ['Dushanbe', 'Kunduz'],
      exitPointId: exit,
      entryPointId: entry,
      destinationState: 'AF',
      expectedArrival: monday.toISOString(),
    });
    const run = async (label: string, call: (i: number) => Promise<{ status: number }>, expect: number) => {
      let next = 0;
      const t0 = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < nRequests) {
            const i = next++;
            const res = await call(i);
            if (res.status !== expect) throw new Error(`${label}: HTTP ${res.status}`);
          }
        }),
      );
      return nRequests / (Number(process.hrtime.bigint() - t0) / 1e9);
    };
    for (let i = 0; i < 20; i++) await customs.post('/api/declarations', body(-1 - i)); // warm up
    const floor = await run('GET /api/auth/me', () => customs.get('/api/auth/me'), 200);
    const declare = await run('POST /api/declarations', (i) => customs.post('/api/declarations', body(i)), 201);
    return { floor, declare };
  } finally {
    await node.close();
  }
}

export default async function main(): Promise<void> {
  const n = Number(process.env.SELECTIVITY_BENCH_N ?? 50_000);
  const nApi = Number(process.env.SELECTIVITY_BENCH_API_N ?? 1000);
  const concurrency = Number(process.env.SELECTIVITY_BENCH_CONCURRENCY ?? 8);
  const rules = makeRules(500);
  const facts = makeFacts(n);
  const now = new Date();
  const engine = new SelectivityEngine(rules, DEFAULT_SELECTIVITY);
  const naive = rules.map((r) => new SelectivityEngine([{ ...r, when: { ...r.when, hsPrefixes: undefined } }], { ...DEFAULT_SELECTIVITY, randomRate: 0 }));
  let sink = 0;
  const raw = perSecond(n, () => {
    for (const f of facts) sink += draw(DEFAULT_SELECTIVITY.seed, f.id);
  });
  const indexed = perSecond(n, () => {
    for (const f of facts) sink += engine.decide(f, now).fired.length;
  });
  const nNaive = Math.min(n, 5000);
  const linear = perSecond(nNaive, () => {
    // Every rule checked against every declaration (HS prefixes tested in the loop, no index).
    for (const f of facts.slice(0, nNaive)) {
      for (let k = 0; k < rules.length; k++) {
        const p = rules[k]!.when.hsPrefixes;
        if (p && !f.items.some((i) => p.some((x) => i.hsCode.startsWith(x)))) continue;
        sink += naive[k]!.decide(f, now).fired.length;
      }
    }
  });
  const lanes = { green: 0, blue: 0, yellow: 0, red: 0 };
  for (const f of facts) lanes[engine.decide(f, now).lane] += 1;
  const pctOf = (x: number) => `${((x / n) * 100).toFixed(1)} %`;

  console.log(`selectivity engine — ${rules.length} rules, ${n.toLocaleString('en')} declarations (1–3 goods items), one core${process.env.SARHAD_BENCH_ONE_CORE === '1' ? ' (pinned)' : ''}, load ${loadavg()[0]!.toFixed(2)}`);
  console.log(`  engine (HS-indexed):   ${Math.round(indexed).toLocaleString('en')} declarations/s   goal ≥ 20,000/s: ${indexed >= 20_000 ? 'met' : 'NOT met'}`);
  console.log(`  raw limit (the draw):  ${Math.round(raw).toLocaleString('en')} /s   engine/raw = ${(indexed / raw).toFixed(3)}`);
  console.log(`  naive (500 rules each):${Math.round(linear).toLocaleString('en')} /s   engine/naive = ${(indexed / linear).toFixed(1)}×`);
  console.log(`  lanes: green ${pctOf(lanes.green)}, blue ${pctOf(lanes.blue)}, yellow ${pctOf(lanes.yellow)}, red ${pctOf(lanes.red)} (random ${DEFAULT_SELECTIVITY.randomRate * 100} %)`);

  const { floor, declare } = await api(nApi, concurrency);
  console.log(`API end to end — SQLite node, ${nApi} requests, ${concurrency} concurrent, one process`);
  console.log(`  POST /api/declarations: ${Math.round(declare).toLocaleString('en')} declarations/s (validate, watch list, selectivity, signed-record write + outbox + audit)`);
  console.log(`  GET /api/auth/me floor: ${Math.round(floor).toLocaleString('en')} requests/s   declarations/floor = ${(declare / floor).toFixed(3)}`);
  if (sink === -1) console.log('');
}
