/** Small RFC 4180 CSV parser (quoted fields, "" escapes, BOM, CRLF) with line-numbered errors. */
import { formatGregorianDate, parseGregorianDate } from './birth-date.ts';
import type { WatchlistEntry } from './types.ts';

export class CsvError extends Error {
  constructor(message: string, readonly line: number) { super(`line ${line}: ${message}`); }
}

/** Parse CSV text into rows of fields. */
export function parseCsv(text: string): string[][] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let line = 1;
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  let quoteLine = 1;
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++;
        const n = s[i];
        if (n !== undefined && n !== ',' && n !== '\r' && n !== '\n') throw new CsvError('unexpected character after closing quote', line);
        continue;
      }
      if (c === '\n') line++;
      field += c; i++; continue;
    }
    if (c === '"') {
      if (fieldStarted && field !== '') throw new CsvError('quote inside an unquoted field', line);
      quoted = true; fieldStarted = true; quoteLine = line; i++; continue;
    }
    if (c === ',') { row.push(field); field = ''; fieldStarted = false; i++; continue; }
    if (c === '\r' || c === '\n') {
      row.push(field); rows.push(row); row = []; field = ''; fieldStarted = false;
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1; line++; continue;
    }
    field += c; fieldStarted = true; i++;
  }
  if (quoted) throw new CsvError('unterminated quoted field', quoteLine);
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

export interface NameRecord { id: string; name: string; birth_date?: string; nationality?: string; line: number }

const NAME_COLUMNS = ['id', 'name', 'birth_date', 'nationality'] as const;

/** Parse a CSV with header `id,name[,birth_date,nationality]` (columns in any order, each once). */
export function parseNameCsv(text: string): NameRecord[] {
  const rows = parseCsv(text);
  const header = rows[0]?.map((h) => h.trim().toLowerCase());
  if (!header || !header.includes('id') || !header.includes('name')) throw new CsvError(`bad header: expected "id,name[,birth_date,nationality]", got "${rows[0]?.join(',') ?? ''}"`, 1);
  for (const h of header) if (!(NAME_COLUMNS as readonly string[]).includes(h)) throw new CsvError(`unknown column "${h}"`, 1);
  for (const h of NAME_COLUMNS) if (header.indexOf(h) !== header.lastIndexOf(h)) throw new CsvError(`column "${h}" given twice`, 1);
  const col = Object.fromEntries(NAME_COLUMNS.map((h) => [h, header.indexOf(h)])) as Record<(typeof NAME_COLUMNS)[number], number>;
  const out: NameRecord[] = [];
  // recompute physical line numbers: rows may contain quoted newlines, so count them
  let line = 2 + (rows[0]!.join(',').split('\n').length - 1);
  for (const r of rows.slice(1)) {
    if (r.length !== header.length) throw new CsvError(`expected ${header.length} fields, got ${r.length}`, line);
    const field = (c: number): string => (c >= 0 ? r[c]!.trim() : '');
    const rec: NameRecord = { id: field(col.id), name: field(col.name), line };
    if (!rec.id) throw new CsvError('empty id', line);
    if (!rec.name) throw new CsvError('empty name', line);
    const birth = field(col.birth_date);
    if (birth) {
      const d = normalizeBirthDate(birth);
      if (!d) throw new CsvError(`bad birth_date "${birth}": expected YYYY, YYYY-MM, YYYY-MM-DD or DD.MM.YYYY`, line);
      rec.birth_date = d;
    }
    const nationality = field(col.nationality);
    if (nationality) rec.nationality = nationality;
    out.push(rec);
    line += 1 + r.join(',').split('\n').length - 1;
  }
  return out;
}

/** A birth date as written in a file, to 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; undefined if it is not a real date. */
export function normalizeBirthDate(s: string): string | undefined {
  const d = parseGregorianDate(s);
  return d && formatGregorianDate(d);
}

/**
 * Watch-list rows to entries: rows that share an id are one person under several names
 * (aliases), with every birth date and nationality given on any of them.
 */
export function watchlistFromRecords(records: NameRecord[]): WatchlistEntry[] {
  const byId = new Map<string, { names: string[]; dates: string[]; nats: string[] }>();
  for (const r of records) {
    let e = byId.get(r.id);
    if (!e) { e = { names: [], dates: [], nats: [] }; byId.set(r.id, e); }
    if (!e.names.includes(r.name)) e.names.push(r.name);
    if (r.birth_date && !e.dates.includes(r.birth_date)) e.dates.push(r.birth_date);
    if (r.nationality && !e.nats.includes(r.nationality)) e.nats.push(r.nationality);
  }
  return [...byId].map(([id, e]) => ({
    id,
    names: e.names,
    ...(e.dates.length ? { birthDate: e.dates.map((date) => ({ date })) } : {}),
    ...(e.nats.length ? { nationality: e.nats.length === 1 ? e.nats[0]! : e.nats } : {}),
  }));
}
