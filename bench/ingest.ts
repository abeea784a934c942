/**
 * Ingest (issue #10): events/s through POST /api/events — validation, snapping to a section and
 * unit, idempotency, version history, outbox and audit — against, in the same run:
 *   - the raw insert rate of the same rows into the same SQLite file: every row a report wrote
 *     (its event, version, outbox entry, audit entries, idempotency key — counted below from the
 *     database, not assumed), copied with new ids, one commit per report as a request commits
 *     once, the app's pragmas; goal ratio ≥ 0.3;
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

/**
 * The tables a report's transaction writes rows into, with the column that ties a row to its
 * event (events.service.ts#createEvent → records.service writeRecords → appendAudit), and the
 * columns each copy needs new values in (unique ids; `seq` is left to SQLite). The audit head
 * (one row) is updated once per report as appendAudit does. Any other table that grows during the
 * run is printed: it is not part of a report's transaction (the risk model's snapshots, say).
 */
const REPORT_TABLES: Record<string, { link: string; fresh: string[]; omit: string[] }> = {
  events: { link: 'id', fresh: [], omit: [] },
  record_versions: { link: 'record_id', fresh: [], omit: [] },
  outbox: { link: 'record_id', fresh: ['id'], omit: ['seq'] },
  audit_log: { link: 'entity_id', fresh: ['id'], omit: ['seq'] },
  event_idempotency: { link: 'event_id', fresh: ['key'], omit: [] },
};

function tableCounts(file: string): Map<string, number> {
  const db = new Sqlite(file, { readonly: true });
  try {
    const tables = db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`).all() as { name: string }[];
    return new Map(tables.map((t) => [t.name, (db.prepare(`select count(*) as n from "${t.name}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

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
    const cpu0 = node.cpuSeconds();
    const health = await load({ url: `${node.base}/healthz`, connections: CONNECTIONS, duration: DURATION_S }, 'GET /healthz');
    const cpu1 = node.cpuSeconds();
    const before = tableCounts(node.dbFile); // a reader beside the running node (WAL)
    const cpu2 = node.cpuSeconds();
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
    const cpu3 = node.cpuSeconds();
    if (ingest.non2xx > 0 || health.non2xx > 0) throw new Error(`non-2xx answers during the run (ingest ${ingest.non2xx}, healthz ${health.non2xx})`);
    await node.stop();
    stopped = true;

    const created = ingest['2xx'];
    const after = tableCounts(node.dbFile);
    const grown = [...after].map(([t, n]) => [t, n - (before.get(t) ?? 0)] as const).filter(([, d]) => d > 0);

    // The raw limit: every row the API wrote for each report, inserted again (new ids) into the
    // same file, one transaction (one commit) per report.
    const db = new Sqlite(node.dbFile);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const events = db.prepare(`select id from events where body_json like '%Bench report%' order by created_at`).all() as { id: string }[];
    // (a few more than `created`: requests still in flight when the clock stopped were answered uncounted)
    const perReport = new Map<string, number>();
    const tables = Object.entries(REPORT_TABLES).map(([table, how]) => {
      const select = db.prepare(`select * from "${table}" where "${how.link}" = ?`);
      const rowsOf = events.map((e) => (select.all(e.id) as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.entries(r).filter(([c]) => !how.omit.includes(c)))));
      const n = rowsOf.reduce((a, r) => a + r.length, 0);
      perReport.set(table, n / events.length);
      const columns = Object.keys(rowsOf.find((r) => r.length > 0)?.[0] ?? {});
      const insert = columns.length ? db.prepare(`insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values (${columns.map((c) => `@${c}`).join(',')})`) : null;
      return { table, how, rowsOf, insert };
    });
    // every row the run added to these tables should belong to a report: the copies write as many
    const untied = grown.filter(([t, d]) => perReport.has(t) && Math.round(perReport.get(t)! * events.length) !== d);
    const copies = events.map((_, i) => {
      const id = randomUUID();
      return tables.map(({ how, rowsOf, insert }) => ({
        insert,
        rows: rowsOf[i]!.map((r) => ({ ...r, [how.link]: id, ...Object.fromEntries(how.fresh.map((c) => [c, randomUUID()])) })),
      }));
    });
    const head = db.prepare(`update audit_head set seq = (select max(seq) from audit_log), hash = ? where id = (select id from audit_head limit 1)`);
    const writeReport = db.transaction((report: (typeof copies)[number]) => {
      for (const t of report) for (const r of t.rows) t.insert!.run(r);
      head.run(randomUUID());
    });
    const rowsPerReport = [...perReport.values()].reduce((a, b) => a + b, 0);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const report of copies) writeReport(report);
    const rawCpu = process.cpuUsage(c0);
    const rawMs = performance.now() - t0;
    db.close();
    const rawRate = (copies.length / rawMs) * 1000;

    const apiRate = created / DURATION_S;
    const healthRate = health.requests.average;
    process.stdout.write('\nresults (same machine, same run, SQLite):\n');
    process.stdout.write(`  POST /api/events          ${apiRate.toFixed(0).padStart(8)} events/s   p50 ${ingest.latency.p50} ms   p99 ${ingest.latency.p99} ms   (${created} events)\n`);
    process.stdout.write(`  raw insert, same rows     ${rawRate.toFixed(0).padStart(8)} reports/s  (${copies.length} reports × ${rowsPerReport} rows + the audit head, one commit per report)\n`);
    process.stdout.write(`    rows per report: ${[...perReport].map(([t, n]) => `${t} ${n}`).join(', ')}\n`);
    for (const [t, d] of untied) process.stdout.write(`    ${t}: +${d} during the run, ${Math.round(perReport.get(t)! * events.length)} of them tied to a report (only those are copied; the rest is other work, e.g. an audit checkpoint)\n`);
    const other = grown.filter(([t]) => !(t in REPORT_TABLES));
    if (other.length) process.stdout.write(`    also grew during the run (outside a report's transaction, not copied): ${other.map(([t, d]) => `${t} +${d}`).join(', ')}\n`);
    process.stdout.write(`  GET /healthz              ${healthRate.toFixed(0).padStart(8)} req/s      p50 ${health.latency.p50} ms   p99 ${health.latency.p99} ms\n`);
    const r1 = apiRate / rawRate;
    const r2 = apiRate / healthRate;
    process.stdout.write(`  ratio ingest / raw insert: ${r1.toFixed(3)}   goal ≥ 0.3: ${r1 >= 0.3 ? 'met' : 'NOT met'}\n`);
    process.stdout.write(`  ratio ingest / healthz:    ${r2.toFixed(3)}   goal ≥ 0.4: ${r2 >= 0.4 ? 'met' : 'NOT met'}\n`);
    // CPU per request: what each costs the node's process, whatever else the machine is doing
    if (cpu0 !== null && cpu1 !== null && cpu2 !== null && cpu3 !== null) {
      const ingestMs = ((cpu3 - cpu2) * 1000) / created;
      const healthMs = ((cpu1 - cpu0) * 1000) / health.requests.total;
      const rawCpuMs = (rawCpu.user + rawCpu.system) / 1000 / copies.length;
      process.stdout.write(`  CPU per request (the node's user + system time / answers): POST ${ingestMs.toFixed(2)} ms, healthz ${healthMs.toFixed(3)} ms; raw ${rawCpuMs.toFixed(2)} ms per report\n`);
      process.stdout.write(`  CPU ratios: raw / POST ${(rawCpuMs / ingestMs).toFixed(3)}   healthz / POST ${(healthMs / ingestMs).toFixed(3)}\n`);
    }
    process.stdout.write(`  machine: ${loadAverage()}\n`);
  } finally {
    if (!stopped) await node.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
