/** Small RFC 4180 CSV parser (quoted fields, "" escapes, BOM, CRLF) with line-numbered errors. */
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

/** Parse a CSV with header `id,name[,birth_date,nationality]`. */
export function parseNameCsv(text: string): NameRecord[] {
  const rows = parseCsv(text);
  const header = rows[0]?.map((h) => h.trim().toLowerCase());
  if (!header || header[0] !== 'id' || header[1] !== 'name') throw new CsvError(`bad header: expected "id,name[,birth_date,nationality]", got "${rows[0]?.join(',') ?? ''}"`, 1);
  const allowed = ['id', 'name', 'birth_date', 'nationality'];
  for (const h of header) if (!allowed.includes(h)) throw new CsvError(`unknown column "${h}"`, 1);
  const out: NameRecord[] = [];
  // recompute physical line numbers: rows may contain quoted newlines, so count them
  let line = 2 + (rows[0]!.join(',').split('\n').length - 1);
  for (const r of rows.slice(1)) {
    if (r.length !== header.length) throw new CsvError(`expected ${header.length} fields, got ${r.length}`, line);
    const rec: NameRecord = { id: r[0]!.trim(), name: r[1]!.trim(), line };
    if (!rec.id) throw new CsvError('empty id', line);
    const bi = header.indexOf('birth_date');
    const ni = header.indexOf('nationality');
    if (bi >= 0 && r[bi]!.trim()) rec.birth_date = r[bi]!.trim();
    if (ni >= 0 && r[ni]!.trim()) rec.nationality = r[ni]!.trim();
    out.push(rec);
    line += 1 + r.join(',').split('\n').length - 1;
  }
  return out;
}
