/**
 * Ingest (issue #10): events/s through POST /api/events — validation, snapping to a section and
 * unit, idempotency, version history, outbox and audit — against, in the same run:
 *   - the raw insert rate of the same rows into the same SQLite file (one commit per row, as a
 *     request commits once; the app's pragmas), goal ratio ≥ 0.3;
 *   - GET /healthz req/s on the same server, goal ratio ≥ 0.4.
 * BENCH_DURATION (s, default 8) and BENCH_CONNECTIONS (default 10) tune the load.
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import Sqlite from 'better-sqlite3';
import fs from 'node:fs';
import { borderPoints, loadAverage, newDataDir, reporterToken, startNode } from './_node.ts';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const CATEGORIES = ['illegal_crossing', 'smuggling_narcotics', 'smuggling_goods', 'smuggling_fuel', 'suspicious_activity', 'detention'];

function load(opts: autocannon.Options, label: string): Promise<autocannon.Result> {
  process.stdout.write(`  ${label}: ${DURATION_S} s with ${opts.connections} connections…\n`);
  return new Promise((resolve, reject) => autocannon(opts, (err, result) => (err ? reject(err) : resolve(result))));
}

export default async function run(): Promise<void> {
  const dataDir = newDataDir();
  process.stdout.write(`ingest benchmark: a seeded SQLite node in its own process (${dataDir})\n`);
  // no periodic risk evaluation during the run: each event still updates the model incrementally
  const node = await startNode(dataDir, { SARHAD_RISK_TICK_SECONDS: '0' });
  let stopped = false;
  try {
    const token = await reporterToken(node.base);
    const points = await borderPoints(node.base, token);
    const auth = { authorization: `Bearer ${token}` };
    let n = 0;
    const body = () => {
      const [lon, lat] = points[n++ % points.length]!;
      return JSON.stringify({
        category: CATEGORIES[n % CATEGORIES.length],
        severity: 'low',
        occurredAt: new Date(Date.now() - (n % 720) * 3_600_000 - 60_000).toISOString(),
        location: { lat: lat + ((n % 7) - 3) * 0.001, lon: lon + ((n % 5) - 2) * 0.001 },
        narrative: { text: `Bench report ${n}: two people seen crossing at dusk.`, lang: 'en' },
        involved: { persons: [{ role: 'suspect', count: 2 }] },
        grading: { reliability: 'B', credibility: 2 },
        submit: true,
      });
    };
    const health = await load({ url: `${node.base}/healthz`, connections: CONNECTIONS, duration: DURATION_S }, 'GET /healthz');
    const ingest = await load(
      {
        url: `${node.base}/api/events`,
        connections: CONNECTIONS,
        duration: DURATION_S,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => ({ ...req, body: body(), headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() } }),
          },
        ],
      },
      'POST /api/events',
    );
    if (ingest.non2xx > 0 || health.non2xx > 0) throw new Error(`non-2xx answers during the run (ingest ${ingest.non2xx}, healthz ${health.non2xx})`);
    await node.stop();
    stopped = true;

    // The raw limit: the rows the API wrote, inserted again (new ids) into the same file, one commit each.
    const db = new Sqlite(node.dbFile);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const rows = db.prepare(`select * from events where body_json like '%Bench report%' order by created_at`).all() as Record<string, unknown>[];
    const columns = Object.keys(rows[0]!);
    const insert = db.prepare(`insert into events (${columns.join(',')}) values (${columns.map((c) => `@${c}`).join(',')})`);
    const copies = rows.map((r) => ({ ...r, id: randomUUID() }));
    const t0 = performance.now();
    for (const r of copies) insert.run(r);
    const rawMs = performance.now() - t0;
    db.close();
    const rawRate = (copies.length / rawMs) * 1000;

    const created = ingest['2xx'];
    const apiRate = created / DURATION_S;
    const healthRate = health.requests.average;
    process.stdout.write('\nresults (same machine, same run, SQLite):\n');
    process.stdout.write(`  POST /api/events          ${apiRate.toFixed(0).padStart(8)} events/s   p50 ${ingest.latency.p50} ms   p99 ${ingest.latency.p99} ms   (${created} events)\n`);
    process.stdout.write(`  raw insert, same rows     ${rawRate.toFixed(0).padStart(8)} rows/s     (${copies.length} rows, one commit each)\n`);
    process.stdout.write(`  GET /healthz              ${healthRate.toFixed(0).padStart(8)} req/s      p50 ${health.latency.p50} ms   p99 ${health.latency.p99} ms\n`);
    const r1 = apiRate / rawRate;
    const r2 = apiRate / healthRate;
    process.stdout.write(`  ratio ingest / raw insert: ${r1.toFixed(3)}   goal ≥ 0.3: ${r1 >= 0.3 ? 'met' : 'NOT met'}\n`);
    process.stdout.write(`  ratio ingest / healthz:    ${r2.toFixed(3)}   goal ≥ 0.4: ${r2 >= 0.4 ? 'met' : 'NOT met'}\n`);
    process.stdout.write(`  machine: ${loadAverage()}\n`);
  } finally {
    if (!stopped) await node.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
