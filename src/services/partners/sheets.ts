import type { EquipmentBody, InitiativeBody, TrainingBody } from '../../domain/partners/records.ts';

/**
 * The partner sheet (docs/partners.md): one workbook with the sheets Initiatives, Trainings and
 * Equipment, a header row, one record per row — the 3W layout coordination cells already
 * circulate. Places and agencies are registry refs (tj-post-ayvadzh, tj-af-03, tj-border-troops),
 * lists are separated by ";", trainees are "agency:female/male; …".
 */
export type SheetName = 'initiatives' | 'trainings' | 'equipment';
export const SHEETS: readonly SheetName[] = ['initiatives', 'trainings', 'equipment'];
export const SHEET_TITLES: Record<SheetName, string> = { initiatives: 'Initiatives', trainings: 'Trainings', equipment: 'Equipment' };

export interface Column {
  key: string;
  header: string;
  required: boolean;
  width: number;
}
const col = (key: string, header: string, required: boolean, width = 16): Column => ({ key, header, required, width });

export const COLUMNS: Record<SheetName, readonly Column[]> = {
  initiatives: [
    col('ref', 'Ref', true),
    col('partner', 'Partner', true, 12),
    col('title', 'Title', true, 40),
    col('state', 'State', true, 8),
    col('beneficiaries', 'Beneficiary agencies', false, 30),
    col('locations', 'Locations', false, 30),
    col('start', 'Start', true, 12),
    col('end', 'End', false, 12),
    col('budget', 'Budget', false, 14),
    col('currency', 'Currency', false, 10),
    col('status', 'Status', true, 12),
    col('outputs', 'Outputs', false, 40),
    col('description', 'Description', false, 40),
    col('illustrative', 'Illustrative', false, 12),
  ],
  trainings: [
    col('ref', 'Ref', true),
    col('partner', 'Partner', true, 12),
    col('initiative', 'Initiative ref', false),
    col('course', 'Course', true, 40),
    col('state', 'State', true, 8),
    col('location', 'Location', false, 24),
    col('start', 'Start', true, 12),
    col('end', 'End', true, 12),
    col('trainees', 'Trainees (agency:female/male)', true, 40),
    col('female', 'Women', false, 8),
    col('male', 'Men', false, 8),
    col('illustrative', 'Illustrative', false, 12),
  ],
  equipment: [
    col('ref', 'Ref', true),
    col('partner', 'Partner', true, 12),
    col('initiative', 'Initiative ref', false),
    col('kind', 'Kind', true, 16),
    col('quantity', 'Quantity', true, 10),
    col('unit', 'Unit', false, 8),
    col('condition', 'Condition', false, 14),
    col('state', 'State', true, 8),
    col('location', 'Location', false, 24),
    col('agency', 'Agency', false, 20),
    col('deliveredOn', 'Delivered on', true, 12),
    col('illustrative', 'Illustrative', false, 12),
  ],
};

export const list = (s: string) => s.split(/[;\n]/).map((x) => x.trim()).filter(Boolean);

/** "tj-border-troops:2/18; tj-customs:0/9" ⇄ [{agency, female, male}]. */
export function formatTrainees(t: TrainingBody['trainees']): string {
  return t.map((x) => `${x.agency}:${x.female}/${x.male}`).join('; ');
}
export function parseTrainees(s: string): TrainingBody['trainees'] | null {
  const out: TrainingBody['trainees'] = [];
  for (const part of list(s)) {
    const m = /^([a-z0-9][a-z0-9-]*)\s*:\s*(\d{1,6})\s*\/\s*(\d{1,6})$/.exec(part);
    if (!m) return null;
    out.push({ agency: m[1]!, female: Number(m[2]), male: Number(m[3]) });
  }
  return out;
}

type Cells = Record<string, string | number | boolean | null>;
const placeRef = (p: { ref: string | null; id: string } | null) => (p ? (p.ref ?? p.id) : '');

/** A record as a sheet row (export). `initiativeRef` resolves an initiative id to its ref. */
export function toRow(sheet: 'initiatives', b: InitiativeBody, initiativeRef: (id: string | null) => string): Cells;
export function toRow(sheet: 'trainings', b: TrainingBody, initiativeRef: (id: string | null) => string): Cells;
export function toRow(sheet: 'equipment', b: EquipmentBody, initiativeRef: (id: string | null) => string): Cells;
export function toRow(sheet: SheetName, b: InitiativeBody | TrainingBody | EquipmentBody, initiativeRef: (id: string | null) => string): Cells {
  if (sheet === 'initiatives') {
    const i = b as InitiativeBody;
    return { ref: i.ref, partner: i.partner, title: i.title, state: i.stateCode, beneficiaries: i.beneficiaries.join('; '), locations: i.places.map(placeRef).join('; '), start: i.start, end: i.end, budget: i.budget, currency: i.currency, status: i.status, outputs: i.outputs.join('; '), description: i.description, illustrative: i.illustrative ? 'yes' : '' };
  }
  if (sheet === 'trainings') {
    const t = b as TrainingBody;
    return { ref: t.ref, partner: t.partner, initiative: initiativeRef(t.initiativeId), course: t.course, state: t.stateCode, location: placeRef(t.place), start: t.start, end: t.end, trainees: formatTrainees(t.trainees), female: t.trainees.reduce((n, x) => n + x.female, 0), male: t.trainees.reduce((n, x) => n + x.male, 0), illustrative: t.illustrative ? 'yes' : '' };
  }
  const e = b as EquipmentBody;
  return { ref: e.ref, partner: e.partner, initiative: initiativeRef(e.initiativeId), kind: e.kind, quantity: e.quantity, unit: e.unit, condition: e.condition, state: e.stateCode, location: placeRef(e.place), agency: e.agency ?? '', deliveredOn: e.deliveredOn, illustrative: e.illustrative ? 'yes' : '' };
}
