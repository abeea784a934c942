import ExcelJS from 'exceljs';
import type { ApiClient } from '../../testing/api-client.ts';

/** A partner workbook built like the partners' own sheets: header row, one record per row. */
export async function partnerWorkbook(sheets: Record<string, (string | number | Date | null | { formula: string })[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r.map((c) => (c && typeof c === 'object' && 'formula' in c ? { formula: c.formula, result: 7 } : c)));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Raw bytes of a GET (the api client decodes text). */
export async function rawGet(client: ApiClient, path: string): Promise<{ status: number; type: string | null; headers: Headers; bytes: Buffer }> {
  const res = await fetch(client.baseUrl + path, { headers: client.cookie ? { cookie: client.cookie } : {} });
  return { status: res.status, type: res.headers.get('content-type'), headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

export function upload(client: ApiClient, bytes: Uint8Array, type = XLSX, query = '') {
  return client.request('POST', `/api/initiatives/import${query}`, undefined, { headers: { 'content-type': type }, rawBody: new Uint8Array(bytes) as Uint8Array<ArrayBuffer> });
}

/**
 * A ZIP whose directory says one entry `xl/workbook.xml` of 2 bytes compressed unpacks to 1 GB:
 * the shape of a zip bomb, refused from the directory alone (nothing is inflated).
 */
export function zipBomb(): Buffer {
  const name = Buffer.from('xl/workbook.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(2, 18);
  local.writeUInt32LE(1_000_000_000, 22);
  local.writeUInt16LE(name.length, 26);
  const data = Buffer.from([0x03, 0x00]);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(2, 20);
  central.writeUInt32LE(1_000_000_000, 24);
  central.writeUInt16LE(name.length, 28);
  const dirOffset = local.length + name.length + data.length;
  const dir = Buffer.concat([central, name]);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(dir.length, 12);
  eocd.writeUInt32LE(dirOffset, 16);
  return Buffer.concat([local, name, data, dir, eocd]);
}
