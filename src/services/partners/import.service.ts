import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { allows, authorize } from '../../domain/policy/authorize.ts';
import { partnersTarget } from '../../domain/policy/partners.policy.ts';
import type { Subject } from '../../domain/policy/roles.ts';
import { equipmentBodySchema, initiativeBodySchema, trainingBodySchema, type Place } from '../../domain/partners/records.ts';
import { CLEAR_MARKING } from '../../domain/records/marking.ts';
import { isIso4217 } from '../../domain/trade/currency.ts';
import { AppError } from '../../errors.ts';
import { listRecords, type SavedRecord } from '../../store/records.repository.ts';
import type { Trx } from '../../store/transaction.ts';
import type { AppContext } from '../context.ts';
import { writeRecords, type WriteRecord } from '../records.service.ts';
import { COLUMNS, list, parseTrainees, SHEETS, SHEET_TITLES, type SheetName } from './sheets.ts';
import { checkXlsxZip, parseCsv } from './zip-guard.ts';

/**
 * Import of a partner sheet (docs/partners.md). Every row is checked in full before anything is
 * written; the good rows are then written in one transaction and the bad ones reported with
 * their sheet, row number (as the spreadsheet shows it) and a stable code. A row is never half
 * written: it becomes one record, or none. (partner, ref) finds the record to update, so
 * importing the same sheet twice changes nothing.
 */
export const ROW_CODES = [
  'ROW_MISSING_FIELD',
  'ROW_INVALID_VALUE',
  'ROW_INVALID_DATE',
  'ROW_INVALID_CURRENCY',
  'ROW_UNKNOWN_PLACE',
  'ROW_UNKNOWN_AGENCY',
  'ROW_UNKNOWN_INITIATIVE',
  'ROW_FORMULA',
  'ROW_DUPLICATE_REF',
  'ROW_NOT_OWNER',
] as const;
export type RowCode = (typeof ROW_CODES)[number];
export interface RowProblem {
  sheet: SheetName;
  row: number;
  code: RowCode;
  field: string | null;
  message: string;
}
export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: RowProblem[];
}

export const MAX_ROWS_PER_SHEET = 5000;
type Cell = string | number | boolean | Date | null | { formula: true };
type Table = { sheet: SheetName; rows: { n: number; cells: Record<string, Cell> }[] };

class RowError extends Error {
  constructor(
    readonly code: RowCode,
    readonly field: string | null,
    message: string,
  ) {
    super(message);
  }
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    // A formula's cached result could say anything: formulas are refused, never evaluated.
    if ('formula' in v || 'sharedFormula' in v) return { formula: true };
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String((v as { text: unknown }).text);
    if ('error' in v) return null;
  }
  return String(v);
}

/** Header row → column keys, for the sheet's known columns; a missing required column is a layout error. */
function keysOf(sheet: SheetName, header: string[]): (string | null)[] {
  const norm = (s: string) => s.trim().toLowerCase();
  const keys = header.map((h) => COLUMNS[sheet].find((c) => norm(c.header) === norm(h) || norm(c.key) === norm(h))?.key ?? null);
  const missing = COLUMNS[sheet].filter((c) => c.required && !keys.includes(c.key));
  if (missing.length) throw new AppError('SPREADSHEET_LAYOUT', `Sheet ${SHEET_TITLES[sheet]} lacks the column(s) ${missing.map((c) => c.header).join(', ')}`, { sheet, missing: missing.map((c) => c.header) });
  return keys;
}

function tableOf(sheet: SheetName, raw: Cell[][]): Table {
  const nonEmpty = raw.findIndex((r) => r.some((c) => c !== null && c !== ''));
  if (nonEmpty < 0) return { sheet, rows: [] };
  const keys = keysOf(sheet, raw[nonEmpty]!.map((c) => (c === null || typeof c === 'object' ? '' : String(c))));
  const rows: Table['rows'] = [];
  for (let i = nonEmpty + 1; i < raw.length; i++) {
    const r = raw[i]!;
    if (!r.some((c) => c !== null && c !== '')) continue;
    const cells: Record<string, Cell> = {};
    keys.forEach((k, j) => {
      if (k) cells[k] = r[j] ?? null;
    });
    rows.push({ n: i + 1, cells });
  }
  if (rows.length > MAX_ROWS_PER_SHEET) throw new AppError('SPREADSHEET_TOO_LARGE', `Sheet ${SHEET_TITLES[sheet]} has ${rows.length} rows (at most ${MAX_ROWS_PER_SHEET})`);
  return { sheet, rows };
}

/** An XLSX workbook (checked before unzipping) into its known sheets. */
export async function readWorkbook(buf: Buffer): Promise<Table[]> {
  checkXlsxZip(buf);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError('NOT_A_SPREADSHEET', 'The workbook could not be read');
  }
  const tables: Table[] = [];
  for (const sheet of SHEETS) {
    const ws = wb.worksheets.find((w) => w.name.trim().toLowerCase() === sheet);
    if (!ws) continue;
    if (ws.rowCount > MAX_ROWS_PER_SHEET + 50) throw new AppError('SPREADSHEET_TOO_LARGE', `Sheet ${ws.name} has ${ws.rowCount} rows (at most ${MAX_ROWS_PER_SHEET})`);
    const raw: Cell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        cells[c - 1] = cellValue(cell.value);
      });
      raw[n - 1] = Array.from({ length: cells.length }, (_, i) => cells[i] ?? null);
    });
    tables.push(tableOf(sheet, Array.from({ length: raw.length }, (_, i) => raw[i] ?? [])));
  }
  if (tables.length === 0) throw new AppError('SPREADSHEET_LAYOUT', 'The workbook has none of the sheets Initiatives, Trainings, Equipment');
  return tables;
}

export function readCsv(text: string, sheet: SheetName): Table[] {
  if (text.includes('\u0000')) throw new AppError('NOT_A_SPREADSHEET', 'Not a CSV text');
  // A leading ' was put there to stop a spreadsheet running the text as a formula (csvCell).
  const raw = parseCsv(text).map((r) => r.map((c): Cell => (c === '' ? null : c.replace(/^'(?=[=+\-@])/, ''))));
  if (raw.length > MAX_ROWS_PER_SHEET + 1) throw new AppError('SPREADSHEET_TOO_LARGE', `The CSV has ${raw.length - 1} rows (at most ${MAX_ROWS_PER_SHEET})`);
  return [tableOf(sheet, raw)];
}

// ---- cells → bodies --------------------------------------------------------------------

function str(cells: Record<string, Cell>, key: string, required: boolean): string | null {
  const v = cells[key];
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) throw new RowError('ROW_FORMULA', key, `${key}: formulas are not accepted, type the value`);
  const s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
  if (!s && required) throw new RowError('ROW_MISSING_FIELD', key, `${key} is required`);
  return s || null;
}
function date(cells: Record<string, Cell>, key: string, required: boolean): string | null {
  const s = str(cells, key, required);
  if (s === null) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(s)) || new Date(s).toISOString().slice(0, 10) !== s) throw new RowError('ROW_INVALID_DATE', key, `${key}: "${s}" is not a date (YYYY-MM-DD)`);
  return s;
}
function num(cells: Record<string, Cell>, key: string, required: boolean): number | null {
  const s = str(cells, key, required);
  if (s === null) return null;
  const n = Number(s.replace(/[\s,](?=\d{3}\b)/g, ''));
  if (!Number.isFinite(n)) throw new RowError('ROW_INVALID_VALUE', key, `${key}: "${s}" is not a number`);
  return n;
}
const yes = (s: string | null) => s !== null && /^(yes|true|1|x|да|ҳа|بله|هو)$/i.test(s);

interface Registry {
  places: Map<string, Place>;
  agencies: Set<string>;
}

function place(reg: Registry, key: string, ref: string): Place {
  const p = reg.places.get(ref);
  if (!p) throw new RowError('ROW_UNKNOWN_PLACE', key, `${key}: "${ref}" is no unit or section of the registry`);
  return p;
}
function agency(reg: Registry, key: string, ref: string): string {
  if (!reg.agencies.has(ref)) throw new RowError('ROW_UNKNOWN_AGENCY', key, `${key}: "${ref}" is no agency of the registry`);
  return ref;
}

/** A zod failure as a row problem: the first issue, by field. */
function schemaCheck<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, body: unknown): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const i = r.error.issues[0]!;
  const field = i.path.map(String).join('.') || null;
  throw new RowError(field === 'currency' ? 'ROW_INVALID_CURRENCY' : 'ROW_INVALID_VALUE', field, `${field ?? 'row'}: ${i.message}`);
}

type AnyKind = 'initiative' | 'training' | 'equipment';
const KIND_OF: Record<SheetName, AnyKind> = { initiatives: 'initiative', trainings: 'training', equipment: 'equipment' };

/** Reads, checks and writes the tables; returns what happened to every row. */
export async function importTables(ctx: AppContext, subject: Subject, tables: Table[]): Promise<ImportReport> {
  authorize(subject, 'partners:write');
  const report: ImportReport = { rows: tables.reduce((n, t) => n + t.rows.length, 0), created: 0, updated: 0, unchanged: 0, rejected: [] };
  const order = [...tables].sort((a, b) => SHEETS.indexOf(a.sheet) - SHEETS.indexOf(b.sheet));
  const results = await writeRecords<AnyKind>(ctx, { kind: 'user', subject }, async (trx: Trx) => {
    const [units, sections, agencies] = await Promise.all([listRecords(trx, 'unit'), listRecords(trx, 'section'), listRecords(trx, 'agency')]);
    const reg: Registry = { places: new Map(), agencies: new Set(agencies.map((a) => a.body.ref).filter((r): r is string => !!r)) };
    for (const s of sections) for (const k of [s.id, s.body.ref]) if (k) reg.places.set(k, { type: 'section', id: s.id, ref: s.body.ref ?? null });
    for (const u of units) for (const k of [u.id, u.body.ref]) if (k) reg.places.set(k, { type: 'unit', id: u.id, ref: u.body.ref ?? null });
    const existing = {
      initiative: await listRecords(trx, 'initiative'),
      training: await listRecords(trx, 'training'),
      equipment: await listRecords(trx, 'equipment'),
    } as { [K in AnyKind]: SavedRecord<K>[] };
    const byKey = Object.fromEntries((Object.keys(existing) as AnyKind[]).map((k) => [k, new Map((existing[k] as SavedRecord<AnyKind>[]).map((r) => [`${(r.body as { partner: string }).partner}/${(r.body as { ref: string }).ref}`, r]))])) as Record<AnyKind, Map<string, SavedRecord<AnyKind>>>;
    // (partner/ref) → id of initiatives, including those this file creates (ids given up front).
    const initiativeIds = new Map(existing.initiative.map((r) => [`${r.body.partner}/${r.body.ref}`, r.id]));
    const writes: WriteRecord<AnyKind>[] = [];
    for (const table of order) {
      const kind = KIND_OF[table.sheet];
      const seen = new Set<string>();
      for (const { n, cells } of table.rows) {
        try {
          const ref = str(cells, 'ref', true)!;
          const partner = str(cells, 'partner', true)!.toUpperCase().replace(/[\s-]+/g, '_');
          const key = `${partner}/${ref}`;
          if (seen.has(key)) throw new RowError('ROW_DUPLICATE_REF', 'ref', `ref ${ref} of ${partner} appears twice in the sheet`);
          seen.add(key);
          const illustrative = yes(str(cells, 'illustrative', false));
          const stateCode = (str(cells, 'state', true) ?? '').toUpperCase();
          const initiativeOf = () => {
            const r = str(cells, 'initiative', false);
            if (!r) return null;
            const id = initiativeIds.get(`${partner}/${r}`);
            if (!id) throw new RowError('ROW_UNKNOWN_INITIATIVE', 'initiative', `initiative ${r} of ${partner} is neither in the sheet nor on this node`);
            return id;
          };
          let body: unknown;
          if (kind === 'initiative') {
            const currency = str(cells, 'currency', false)?.toUpperCase() ?? null;
            if (currency !== null && !isIso4217(currency)) throw new RowError('ROW_INVALID_CURRENCY', 'currency', `currency: "${currency}" is not an ISO 4217 code`);
            body = schemaCheck(initiativeBodySchema, {
              ref, partner, stateCode, illustrative,
              title: str(cells, 'title', true),
              description: str(cells, 'description', false) ?? '',
              beneficiaries: list(str(cells, 'beneficiaries', false) ?? '').map((a) => agency(reg, 'beneficiaries', a)),
              places: list(str(cells, 'locations', false) ?? '').map((p) => place(reg, 'locations', p)),
              start: date(cells, 'start', true),
              end: date(cells, 'end', false),
              budget: num(cells, 'budget', false),
              currency,
              status: (str(cells, 'status', true) ?? '').toLowerCase(),
              outputs: list(str(cells, 'outputs', false) ?? ''),
            });
          } else if (kind === 'training') {
            const trainees = parseTrainees(str(cells, 'trainees', true)!);
            if (!trainees) throw new RowError('ROW_INVALID_VALUE', 'trainees', 'trainees: write agency:women/men; … (e.g. tj-border-troops:2/18)');
            trainees.forEach((t) => agency(reg, 'trainees', t.agency));
            const loc = str(cells, 'location', false);
            body = schemaCheck(trainingBodySchema, { ref, partner, stateCode, illustrative, initiativeId: initiativeOf(), course: str(cells, 'course', true), place: loc ? place(reg, 'location', loc) : null, start: date(cells, 'start', true), end: date(cells, 'end', true), trainees });
          } else {
            const loc = str(cells, 'location', false);
            const ag = str(cells, 'agency', false);
            body = schemaCheck(equipmentBodySchema, {
              ref, partner, stateCode, illustrative,
              initiativeId: initiativeOf(),
              kind: (str(cells, 'kind', true) ?? '').toLowerCase().replace(/\s+/g, '_'),
              quantity: num(cells, 'quantity', true),
              unit: (str(cells, 'unit', false) ?? 'piece').toLowerCase(),
              condition: (str(cells, 'condition', false) ?? 'new').toLowerCase().replace(/\s+/g, '_'),
              place: loc ? place(reg, 'location', loc) : null,
              agency: ag ? agency(reg, 'agency', ag) : null,
              deliveredOn: date(cells, 'deliveredOn', true),
            });
          }
          const current = byKey[kind].get(key);
          if (current && !allows(subject, 'partners:write', partnersTarget(ctx.node.id, current))) throw new RowError('ROW_NOT_OWNER', 'ref', `${key} belongs to ${current.owner.state} on ${current.owner.node}: only its owner changes it`);
          const id = current?.id ?? randomUUID();
          if (kind === 'initiative') initiativeIds.set(key, id);
          writes.push({ type: kind, id, body: body as never, marking: current?.marking ?? CLEAR_MARKING });
        } catch (e) {
          if (!(e instanceof RowError)) throw e;
          report.rejected.push({ sheet: table.sheet, row: n, code: e.code, field: e.field, message: e.message });
        }
      }
    }
    return writes;
  });
  for (const r of results) {
    if (!r.change) report.unchanged += 1;
    else if (r.change.op === 'create') report.created += 1;
    else report.updated += 1;
  }
  return report;
}
