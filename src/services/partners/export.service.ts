import ExcelJS from 'exceljs';
import type { Subject } from '../../domain/policy/roles.ts';
import type { AppContext } from '../context.ts';
import { readPartnerRecords } from './partners.service.ts';
import { COLUMNS, SHEETS, SHEET_TITLES, toRow, type SheetName } from './sheets.ts';
import { csvCell } from './zip-guard.ts';

/** Rows of every sheet the subject may read, in the import layout (export → edit → import round-trips). */
async function rowsOf(ctx: AppContext, subject: Subject): Promise<Record<SheetName, Record<string, unknown>[]>> {
  const [inits, trainings, equipment] = await Promise.all([readPartnerRecords(ctx, subject, 'initiative'), readPartnerRecords(ctx, subject, 'training'), readPartnerRecords(ctx, subject, 'equipment')]);
  const refOf = new Map(inits.map((i) => [i.record.id, i.record.body.ref]));
  const initiativeRef = (id: string | null) => (id ? (refOf.get(id) ?? '') : '');
  const byRef = <T extends { record: { body: { partner: string; ref: string } } }>(a: T, b: T) => a.record.body.partner.localeCompare(b.record.body.partner) || a.record.body.ref.localeCompare(b.record.body.ref);
  return {
    initiatives: inits.sort(byRef).map((r) => toRow('initiatives', r.record.body, initiativeRef)),
    trainings: trainings.sort(byRef).map((r) => toRow('trainings', r.record.body, initiativeRef)),
    equipment: equipment.sort(byRef).map((r) => toRow('equipment', r.record.body, initiativeRef)),
  };
}

export async function exportXlsx(ctx: AppContext, subject: Subject): Promise<Buffer> {
  const rows = await rowsOf(ctx, subject);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sarhad';
  wb.created = new Date();
  for (const sheet of SHEETS) {
    const ws = wb.addWorksheet(SHEET_TITLES[sheet], { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = COLUMNS[sheet].map((c) => ({ header: c.header, key: c.key, width: c.width }));
    ws.getRow(1).font = { bold: true };
    // Values only, as strings and numbers: nothing a spreadsheet would run as a formula.
    for (const r of rows[sheet]) ws.addRow(Object.fromEntries(COLUMNS[sheet].map((c) => [c.key, r[c.key] ?? null])));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function exportCsv(ctx: AppContext, subject: Subject, sheet: SheetName): Promise<string> {
  const rows = (await rowsOf(ctx, subject))[sheet];
  const cols = COLUMNS[sheet];
  return [cols.map((c) => csvCell(c.header)).join(','), ...rows.map((r) => cols.map((c) => csvCell(r[c.key])).join(','))].join('\r\n') + '\r\n';
}
