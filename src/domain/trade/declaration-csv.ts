import { CsvError, parseCsv } from '../names/csv.ts';
import type { DeclarationBody } from './declaration.ts';

/**
 * Declarations as CSV (RFC 4180, the project's parser in domain/names/csv.ts): one row per
 * goods item, the declaration's own fields repeated on each of its rows and grouped by `ref`.
 * Lists inside a cell (seals, route) are separated by ";".
 */
export const DECLARATION_CSV_COLUMNS = [
  'ref', 'type', 'consignor_name', 'consignor_id', 'consignor_country', 'consignee_name', 'consignee_id', 'consignee_country',
  'vehicle_plate', 'vehicle_nationality', 'seals', 'route', 'exit_point_id', 'entry_point_id', 'destination_state', 'expected_arrival',
  'hs_code', 'description', 'quantity', 'unit', 'gross_mass_kg', 'value', 'currency', 'origin',
] as const;
type Column = (typeof DECLARATION_CSV_COLUMNS)[number];

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function declarationsToCsv(list: readonly (Pick<DeclarationBody, 'ref' | 'type' | 'consignor' | 'consignee' | 'vehicle' | 'seals' | 'route' | 'exitPointId' | 'entryPointId' | 'destinationState' | 'expectedArrival' | 'items'>)[]): string {
  const lines = [DECLARATION_CSV_COLUMNS.join(',')];
  for (const d of list) {
    for (const i of d.items) {
      const row: Record<Column, string> = {
        ref: d.ref, type: d.type,
        consignor_name: d.consignor.name, consignor_id: d.consignor.id, consignor_country: d.consignor.country,
        consignee_name: d.consignee.name, consignee_id: d.consignee.id, consignee_country: d.consignee.country,
        vehicle_plate: d.vehicle.plate, vehicle_nationality: d.vehicle.nationality,
        seals: d.seals.join(';'), route: d.route.join(';'),
        exit_point_id: d.exitPointId, entry_point_id: d.entryPointId ?? '', destination_state: d.destinationState, expected_arrival: d.expectedArrival,
        hs_code: i.hsCode, description: i.description, quantity: String(i.quantity), unit: i.unit, gross_mass_kg: String(i.grossMassKg),
        value: String(i.value), currency: i.currency, origin: i.origin,
      };
      lines.push(DECLARATION_CSV_COLUMNS.map((c) => quote(row[c])).join(','));
    }
  }
  return lines.join('\r\n') + '\r\n';
}

/** A number cell: empty or not a number stays a string, so that validation names the field. */
const num = (v: string): number | string => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);
const list = (v: string) => v.split(';').map((s) => s.trim()).filter(Boolean);

export interface CsvDeclaration {
  /** The declaration in the JSON input shape, unvalidated. */
  input: Record<string, unknown>;
  /** The data row (1 = first row after the header) of each goods item. */
  rows: number[];
}

/** Groups CSV rows into declaration inputs; structural problems throw CsvError with the line. */
export function declarationsFromCsv(text: string): CsvDeclaration[] {
  const rows = parseCsv(text);
  const header = rows[0]?.map((h) => h.trim().toLowerCase());
  if (!header) throw new CsvError('empty file', 1);
  for (const c of DECLARATION_CSV_COLUMNS) if (!header.includes(c)) throw new CsvError(`missing column "${c}"`, 1);
  for (const h of header) if (!(DECLARATION_CSV_COLUMNS as readonly string[]).includes(h)) throw new CsvError(`unknown column "${h}"`, 1);
  const at = Object.fromEntries(DECLARATION_CSV_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<Column, number>;
  const byRef = new Map<string, CsvDeclaration>();
  rows.slice(1).forEach((r, k) => {
    const rowNo = k + 1;
    if (r.length !== header.length) throw new CsvError(`expected ${header.length} fields, got ${r.length}`, rowNo + 1);
    const f = (c: Column) => r[at[c]]!.trim();
    const item = { hsCode: f('hs_code'), description: f('description'), quantity: num(f('quantity')), unit: f('unit'), grossMassKg: num(f('gross_mass_kg')), value: num(f('value')), currency: f('currency'), origin: f('origin') };
    const ref = f('ref');
    const existing = byRef.get(ref);
    if (existing) {
      (existing.input.items as unknown[]).push(item);
      existing.rows.push(rowNo);
      return;
    }
    byRef.set(ref, {
      rows: [rowNo],
      input: {
        ref,
        type: f('type'),
        consignor: { name: f('consignor_name'), id: f('consignor_id'), country: f('consignor_country') },
        consignee: { name: f('consignee_name'), id: f('consignee_id'), country: f('consignee_country') },
        vehicle: { plate: f('vehicle_plate'), nationality: f('vehicle_nationality') },
        seals: list(f('seals')),
        route: list(f('route')),
        exitPointId: f('exit_point_id'),
        entryPointId: f('entry_point_id') || null,
        destinationState: f('destination_state'),
        expectedArrival: f('expected_arrival'),
        items: [item],
      },
    });
  });
  return [...byRef.values()];
}
