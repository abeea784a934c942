/**
 * Regenerates the heading runs of src/domain/trade/hs2022-headings.json from the source CSV
 * (datasets/harmonized-system, data/harmonized-system.csv: section,hscode,description,parent,level;
 * level 4 rows are headings). Titles are kept from the existing file (they are shortened by hand).
 *
 *   npx tsx scripts/hs2022-headings.ts path/to/harmonized-system.csv [--write]
 *
 * Without --write it prints the chapters whose runs differ; chapter 99 (a Comtrade code, not WCO HS)
 * is left out.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseCsv } from '../src/domain/names/csv.ts';

const [csvPath, flag] = process.argv.slice(2);
if (!csvPath) throw new Error('usage: npx tsx scripts/hs2022-headings.ts harmonized-system.csv [--write]');
const jsonPath = new URL('../src/domain/trade/hs2022-headings.json', import.meta.url);
const data = JSON.parse(readFileSync(jsonPath, 'utf8')) as { headingCount: number; chapters: Record<string, [string, string]> };

const byChapter = new Map<string, number[]>();
for (const [, code, , , level] of parseCsv(readFileSync(csvPath, 'utf8')).slice(1)) {
  if (level !== '4' || !/^\d{4}$/.test(code ?? '') || code!.startsWith('99')) continue;
  const list = byChapter.get(code!.slice(0, 2)) ?? [];
  list.push(Number(code!.slice(2)));
  byChapter.set(code!.slice(0, 2), list);
}

const pad = (n: number) => String(n).padStart(2, '0');
function runs(ns: number[]): string {
  const sorted = [...new Set(ns)].sort((a, b) => a - b);
  const out: string[] = [];
  let start = sorted[0]!;
  let end = start;
  for (const n of sorted.slice(1)) {
    if (n === end + 1) { end = n; continue; }
    out.push(start === end ? pad(start) : `${pad(start)}-${pad(end)}`);
    start = end = n;
  }
  out.push(start === end ? pad(start) : `${pad(start)}-${pad(end)}`);
  return out.join(',');
}

let total = 0;
for (const [chapter, headings] of [...byChapter].sort()) {
  total += headings.length;
  const exact = runs(headings);
  const entry = data.chapters[chapter];
  if (!entry) { console.log(`${chapter}: missing from the JSON (add a title)`); continue; }
  if (entry[1] !== exact) console.log(`${chapter}: ${entry[1]} -> ${exact}`);
  entry[1] = exact;
}
for (const chapter of Object.keys(data.chapters)) if (!byChapter.has(chapter)) console.log(`${chapter}: not in the source`);
console.log(`${total} headings in the source`);
if (flag === '--write') {
  data.headingCount = total;
  writeFileSync(jsonPath, `${JSON.stringify(data, null, 2)}\n`);
}
