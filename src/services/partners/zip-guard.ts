import { AppError } from '../../errors.ts';

/**
 * Looks at an upload's ZIP central directory before any unzipping (docs/partners.md): it must be
 * a ZIP holding `xl/workbook.xml` (an XLSX), with few entries, and what it says it unpacks to
 * must stay small in total and in ratio — a zip bomb is refused before exceljs inflates it.
 * ZIP64 archives are refused: no partner sheet needs 4 GB.
 */
export interface ZipLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
  maxRatio: number;
}
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 500, maxUncompressedBytes: 64 * 1024 * 1024, maxRatio: 200 };

export function checkXlsxZip(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): void {
  const notXlsx = (why: string) => new AppError('NOT_A_SPREADSHEET', `Not an XLSX workbook: ${why}`);
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) throw notXlsx('no ZIP signature');
  // End of central directory: the last 22 bytes plus at most a 64 KiB comment.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notXlsx('no ZIP directory');
  const entries = buf.readUInt16LE(eocd + 10);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || dirOffset === 0xffffffff) throw new AppError('SPREADSHEET_TOO_LARGE', 'ZIP64 archives are not accepted');
  if (entries > limits.maxEntries) throw new AppError('SPREADSHEET_TOO_LARGE', `The workbook has ${entries} parts (at most ${limits.maxEntries})`);
  let p = dirOffset;
  let total = 0;
  let hasWorkbook = false;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw notXlsx('damaged ZIP directory');
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (size === 0xffffffff || compressed === 0xffffffff) throw new AppError('SPREADSHEET_TOO_LARGE', 'ZIP64 archives are not accepted');
    if (size > 1024 * 1024 && size / Math.max(1, compressed) > limits.maxRatio) throw new AppError('SPREADSHEET_TOO_LARGE', `${name} would unpack ${Math.round(size / Math.max(1, compressed))} times its size`);
    total += size;
    if (name === 'xl/workbook.xml') hasWorkbook = true;
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  if (total > limits.maxUncompressedBytes) throw new AppError('SPREADSHEET_TOO_LARGE', `The workbook would unpack to ${total} bytes (at most ${limits.maxUncompressedBytes})`);
  if (!hasWorkbook) throw notXlsx('a ZIP without xl/workbook.xml');
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF or LF) into rows of strings; a BOM is dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** One CSV cell; text a spreadsheet would run as a formula (=, +, -, @) is prefixed with '. */
export function csvCell(v: unknown): string {
  if (typeof v === 'number') return String(v);
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
