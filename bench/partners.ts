/**
 * Partners benchmark: importing a partner workbook of N initiative rows (default 5,000, the
 * per-sheet limit) through POST /api/initiatives/import on a real SQLite node — ZIP check, parse,
 * row checks against the registry, one transaction of N record writes (version, outbox, audit) —
 * against the raw limit measured in the same run: exceljs only loading the same workbook. Then
 * the progress report as HTML and as PDF (a chromium start and print), absolute.
 *
 * Env: PARTNERS_BENCH_ROWS (default 5000).
 */
import { availableParallelism, loadavg } from 'node:os';
import ExcelJS from 'exceljs';
import { rawGet, upload } from '../src/server/api/partners/fixtures.testing.ts';
import { startTestNode } from '../src/server/testing/test-node.ts';

export default async function main(): Promise<void> {
  const N = Number(process.env.PARTNERS_BENCH_ROWS ?? 5000);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Initiatives');
  ws.addRow(['Ref', 'Partner', 'Title', 'State', 'Beneficiary agencies', 'Locations', 'Start', 'End', 'Budget', 'Currency', 'Status', 'Outputs']);
  for (let i = 0; i < N; i++) ws.addRow([`B-${i}`, i % 2 ? 'EU' : 'OSCE', `Bench initiative ${i}`, 'TJ', 'tj-border-troops', 'tj-post-zorkul; tj-af-21', '2026-01-10', '2026-12-31', 1000 + i, 'EUR', 'ongoing', 'Output a; Output b']);
  const sheet = Buffer.from(await wb.xlsx.writeBuffer());

  const t0 = performance.now();
  await new ExcelJS.Workbook().xlsx.load(sheet as unknown as ArrayBuffer);
  const parseMs = performance.now() - t0;

  const node = await startTestNode('sqlite');
  try {
    const client = await node.as('tj.commander');
    const t1 = performance.now();
    const res = await upload(client, sheet);
    const importMs = performance.now() - t1;
    if (res.status !== 200 || res.body.created !== N) throw new Error(`import: ${res.status} ${res.text.slice(0, 300)}`);
    const t2 = performance.now();
    await upload(client, sheet);
    const againMs = performance.now() - t2;
    const t3 = performance.now();
    const html = await client.get('/api/reports/progress?format=html');
    const htmlMs = performance.now() - t3;
    const t4 = performance.now();
    const pdf = await rawGet(client, '/api/reports/progress?format=pdf&lang=ps');
    const pdfMs = performance.now() - t4;
    if (html.status !== 200 || pdf.status !== 200) throw new Error('report failed');
    const f = (n: number) => n.toFixed(0).padStart(7);
    console.log(`partners import, ${N} rows, ${(sheet.length / 1024).toFixed(0)} KiB workbook (${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(2)})`);
    console.log(`  raw limit: exceljs load only     ${f(parseMs)} ms`);
    console.log(`  import (check + parse + write)   ${f(importMs)} ms  = ${(importMs / parseMs).toFixed(1)}× raw, ${((N / importMs) * 1000).toFixed(0)} rows/s`);
    console.log(`  same sheet again (all unchanged) ${f(againMs)} ms  = ${(againMs / parseMs).toFixed(1)}× raw`);
    console.log(`  progress report HTML             ${f(htmlMs)} ms  (${(html.text.length / 1024).toFixed(0)} KiB, fonts inlined)`);
    console.log(`  progress report PDF (chromium)   ${f(pdfMs)} ms  (${(pdf.bytes.length / 1024).toFixed(0)} KiB)`);
  } finally {
    await node.close();
  }
}
