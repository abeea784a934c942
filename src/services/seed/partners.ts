import { randomUUID } from 'node:crypto';
import type { Subject } from '../../domain/policy/roles.ts';
import type { EquipmentBody, InitiativeBody, Place, TrainingBody } from '../../domain/partners/records.ts';
import { CLEAR_MARKING } from '../../domain/records/marking.ts';
import type { Scenario } from '../../domain/registry/scenario.ts';
import { findRecommendationByRef } from '../../store/partners.repository.ts';
import { idsByRef, listRecords } from '../../store/records.repository.ts';
import type { AppContext } from '../context.ts';
import { createRecommendation } from '../partners/recommendations.service.ts';
import { writeRecords, type WriteRecord } from '../records.service.ts';
import { dushanbeRecommendations } from './partners-recommendations.ts';

/**
 * The partners of the 2012 conference with ILLUSTRATIVE initiatives, trainings and equipment
 * (every record carries `illustrative: true`): plausible programmes named after the real ones,
 * with invented figures. Donor coordination for the Tajik–Afghan border ran from Dushanbe, so the
 * 3W register is kept by the Tajik node (initiatives for both banks); the other node receives it
 * by federation. Every node seeds the tracker of the 2012 recommendations (node-local).
 * Idempotent: a record is found by (partner, ref), a recommendation by ref.
 */
const MONTH = 30 * 86_400_000;

type I = Omit<InitiativeBody, 'places' | 'illustrative' | 'description' | 'start' | 'end'> & { places: string[]; start: number; end: number | null };
type T = Omit<TrainingBody, 'place' | 'illustrative' | 'initiativeId' | 'start' | 'end'> & { place: string | null; initiative: string | null; start: number; days: number };
type E = Omit<EquipmentBody, 'place' | 'illustrative' | 'initiativeId' | 'deliveredOn' | 'unit' | 'condition'> & { place: string | null; initiative: string | null; delivered: number; condition?: EquipmentBody['condition'] };

// Start/end in months from now (negative: past).
const INITIATIVES: I[] = [
  { ref: 'BOMCA-9', partner: 'EU', title: 'Border Management Programme in Central Asia, phase 9', stateCode: 'TJ', beneficiaries: ['tj-border-troops', 'tj-customs'], places: ['tj-hq-dushanbe', 'tj-blo-panji-poyon', 'tj-blo-tem'], start: -30, end: 18, budget: 6_000_000, currency: 'EUR', status: 'ongoing', outputs: ['BLO procedures agreed', 'Risk analysis units trained'] },
  { ref: 'BOMNAF-3', partner: 'UNDP', title: 'Border Management Northern Afghanistan (EU-funded, UNDP-implemented)', stateCode: 'AF', beneficiaries: ['af-border-police', 'af-customs'], places: ['af-blo-sher-khan-bandar', 'af-post-dasht-e-archi', 'af-post-shighnan'], start: -28, end: 6, budget: 4_500_000, currency: 'EUR', status: 'ongoing', outputs: ['Border posts refurbished', 'Patrol vehicles delivered'] },
  { ref: 'JP-BP-2022', partner: 'JAPAN', title: 'Construction and equipment of border posts on the Tajik–Afghan border', stateCode: 'TJ', beneficiaries: ['tj-border-troops'], places: ['tj-post-panj', 'tj-post-chubek', 'tj-af-06'], start: -36, end: -2, budget: 1_200_000_000, currency: 'JPY', status: 'completed', outputs: ['Two border posts rebuilt', 'Vehicles and radios delivered'] },
  { ref: 'UNOPS-BP-AF', partner: 'UNOPS', title: 'Border post construction in Badakhshan (Japan-funded)', stateCode: 'AF', beneficiaries: ['af-border-police'], places: ['af-post-khwahan', 'af-post-shighnan'], start: -20, end: 4, budget: 3_100_000, currency: 'USD', status: 'ongoing', outputs: ['Khwahan border post rebuilt'] },
  { ref: 'BMSC-2025', partner: 'OSCE', title: 'OSCE Border Management Staff College: courses for both sides', stateCode: 'TJ', beneficiaries: ['tj-border-troops', 'tj-customs', 'tj-drug-control'], places: ['tj-hq-dushanbe'], start: -24, end: 12, budget: 2_300_000, currency: 'EUR', status: 'ongoing', outputs: ['Staff courses', 'Women border officers course'] },
  { ref: 'UNODC-BLO', partner: 'UNODC', title: 'Border Liaison Offices and counter-narcotics interdiction', stateCode: 'TJ', beneficiaries: ['tj-drug-control', 'tj-border-troops'], places: ['tj-blo-panji-poyon', 'tj-blo-ruzvai', 'tj-blo-ishkashim'], start: -40, end: 8, budget: 1_800_000, currency: 'USD', status: 'ongoing', outputs: ['BLO pairs equipped', 'Drug identification kits'] },
  { ref: 'UNODC-BLO-AF', partner: 'UNODC', title: 'Border Liaison Offices, Afghan side', stateCode: 'AF', beneficiaries: ['af-counter-narcotics', 'af-border-police'], places: ['af-blo-sher-khan-bandar', 'af-blo-nusay'], start: -40, end: 8, budget: 900_000, currency: 'USD', status: 'suspended', outputs: ['BLO offices refurbished'] },
  { ref: 'EXBS-TJ', partner: 'USA', title: 'Export Control and Related Border Security: equipment and outposts', stateCode: 'TJ', beneficiaries: ['tj-border-troops', 'tj-customs'], places: ['tj-af-03', 'tj-af-15', 'tj-bcp-panji-poyon'], start: -48, end: 12, budget: 9_500_000, currency: 'USD', status: 'ongoing', outputs: ['Night vision and boats delivered', 'X-ray scanner at Panji Poyon'] },
  { ref: 'RU-PV-2024', partner: 'RUSSIA', title: 'Training and equipment of the Tajik Border Troops', stateCode: 'TJ', beneficiaries: ['tj-border-troops'], places: ['tj-af-01', 'tj-af-08'], start: -18, end: 18, budget: 400_000_000, currency: 'RUB', status: 'ongoing', outputs: ['Officers trained', 'Vehicles delivered'] },
  { ref: 'GIZ-CBT', partner: 'GIZ', title: 'Cross-border trade and border markets in Badakhshan', stateCode: 'TJ', beneficiaries: ['tj-customs'], places: ['tj-bcp-tem', 'tj-bcp-ishkashim', 'tj-bcp-ruzvai'], start: -14, end: 10, budget: 1_500_000, currency: 'EUR', status: 'ongoing', outputs: ['Border market days reopened'] },
  { ref: 'AKF-BRIDGES', partner: 'AKDN', title: 'Cross-border bridges and markets on the Panj', stateCode: 'TJ', beneficiaries: ['tj-customs', 'tj-border-troops'], places: ['tj-bcp-tem', 'tj-bcp-ishkashim', 'tj-bcp-khumrogi'], start: -60, end: null, budget: null, currency: null, status: 'ongoing', outputs: ['Bridges maintained', 'Markets run weekly'] },
  { ref: 'ME-DRR', partner: 'MISSION_EAST', title: 'Community disaster risk reduction in border villages', stateCode: 'TJ', beneficiaries: ['tj-emergencies'], places: ['tj-af-14', 'tj-af-15'], start: -10, end: 14, budget: 650_000, currency: 'EUR', status: 'ongoing', outputs: ['Village response teams'] },
  { ref: 'JP-AF-SCAN', partner: 'JAPAN', title: 'Scanners for the Afghan customs at Sher Khan Bandar', stateCode: 'AF', beneficiaries: ['af-customs'], places: ['af-bcp-sher-khan-bandar'], start: 2, end: 14, budget: 350_000_000, currency: 'JPY', status: 'planned', outputs: [] },
];

const TRAININGS: T[] = [
  { ref: 'BMSC-C1', partner: 'OSCE', initiative: 'BMSC-2025', course: 'Border security and management staff course', stateCode: 'TJ', place: 'tj-hq-dushanbe', start: -11, days: 28, trainees: [{ agency: 'tj-border-troops', female: 3, male: 17 }, { agency: 'af-border-police', female: 1, male: 9 }] },
  { ref: 'BMSC-W1', partner: 'OSCE', initiative: 'BMSC-2025', course: 'Women in border management', stateCode: 'TJ', place: 'tj-hq-dushanbe', start: -8, days: 10, trainees: [{ agency: 'tj-border-troops', female: 12, male: 0 }, { agency: 'tj-customs', female: 8, male: 0 }, { agency: 'af-customs', female: 5, male: 0 }] },
  { ref: 'BMSC-C2', partner: 'OSCE', initiative: 'BMSC-2025', course: 'Risk analysis for border units', stateCode: 'TJ', place: 'tj-hq-dushanbe', start: -3, days: 14, trainees: [{ agency: 'tj-border-troops', female: 2, male: 14 }] },
  { ref: 'BLO-T1', partner: 'UNODC', initiative: 'UNODC-BLO', course: 'Drug identification and precursor control', stateCode: 'TJ', place: 'tj-blo-panji-poyon', start: -9, days: 5, trainees: [{ agency: 'tj-drug-control', female: 1, male: 11 }, { agency: 'af-counter-narcotics', female: 0, male: 8 }] },
  { ref: 'BLO-T2', partner: 'UNODC', initiative: 'UNODC-BLO', course: 'BLO information exchange procedures', stateCode: 'TJ', place: 'tj-blo-tem', start: -5, days: 3, trainees: [{ agency: 'tj-border-troops', female: 0, male: 6 }, { agency: 'af-border-police', female: 0, male: 6 }] },
  { ref: 'BOMCA-T1', partner: 'EU', initiative: 'BOMCA-9', course: 'Integrated border management at crossing points', stateCode: 'TJ', place: 'tj-bcp-panji-poyon', start: -7, days: 5, trainees: [{ agency: 'tj-customs', female: 4, male: 16 }] },
  { ref: 'BOMNAF-T1', partner: 'UNDP', initiative: 'BOMNAF-3', course: 'Patrolling and surveillance', stateCode: 'AF', place: 'af-post-dasht-e-archi', start: -6, days: 10, trainees: [{ agency: 'af-border-police', female: 0, male: 24 }] },
  { ref: 'RU-T1', partner: 'RUSSIA', initiative: 'RU-PV-2024', course: 'Mountain patrol and night operations', stateCode: 'TJ', place: 'tj-hq-khorog', start: -4, days: 21, trainees: [{ agency: 'tj-border-troops', female: 0, male: 30 }] },
  { ref: 'EXBS-T1', partner: 'USA', initiative: 'EXBS-TJ', course: 'Operation of X-ray scanners', stateCode: 'TJ', place: 'tj-bcp-panji-poyon', start: -2, days: 5, trainees: [{ agency: 'tj-customs', female: 3, male: 9 }] },
  { ref: 'ME-T1', partner: 'MISSION_EAST', initiative: 'ME-DRR', course: 'Village first responders', stateCode: 'TJ', place: 'tj-af-15', start: -1, days: 4, trainees: [{ agency: 'tj-emergencies', female: 9, male: 11 }] },
];

// Some posts get vehicles, some do not: the gaps view shows the rest (e.g. Zorkul, Vrang, Yazgulom).
const EQUIPMENT: E[] = [
  { ref: 'EQ-JP-1', partner: 'JAPAN', initiative: 'JP-BP-2022', kind: 'vehicle', quantity: 2, stateCode: 'TJ', place: 'tj-post-panj', agency: 'tj-border-troops', delivered: -6 },
  { ref: 'EQ-JP-2', partner: 'JAPAN', initiative: 'JP-BP-2022', kind: 'vehicle', quantity: 2, stateCode: 'TJ', place: 'tj-post-chubek', agency: 'tj-border-troops', delivered: -6 },
  { ref: 'EQ-JP-3', partner: 'JAPAN', initiative: 'JP-BP-2022', kind: 'radio', quantity: 12, stateCode: 'TJ', place: 'tj-post-panj', agency: 'tj-border-troops', delivered: -6 },
  { ref: 'EQ-RU-1', partner: 'RUSSIA', initiative: 'RU-PV-2024', kind: 'vehicle', quantity: 3, stateCode: 'TJ', place: 'tj-post-ayvadzh', agency: 'tj-border-troops', delivered: -9 },
  { ref: 'EQ-RU-2', partner: 'RUSSIA', initiative: 'RU-PV-2024', kind: 'vehicle', quantity: 2, stateCode: 'TJ', place: 'tj-post-andarob', agency: 'tj-border-troops', delivered: -9, condition: 'needs_repair' },
  { ref: 'EQ-US-1', partner: 'USA', initiative: 'EXBS-TJ', kind: 'night_vision', quantity: 20, stateCode: 'TJ', place: 'tj-af-03', agency: 'tj-border-troops', delivered: -12 },
  { ref: 'EQ-US-2', partner: 'USA', initiative: 'EXBS-TJ', kind: 'night_vision', quantity: 10, stateCode: 'TJ', place: 'tj-post-porshinev', agency: 'tj-border-troops', delivered: -8 },
  { ref: 'EQ-US-3', partner: 'USA', initiative: 'EXBS-TJ', kind: 'boat', quantity: 4, stateCode: 'TJ', place: 'tj-af-03', agency: 'tj-border-troops', delivered: -12 },
  { ref: 'EQ-US-4', partner: 'USA', initiative: 'EXBS-TJ', kind: 'x-ray_scanner', quantity: 1, stateCode: 'TJ', place: 'tj-bcp-panji-poyon', agency: 'tj-customs', delivered: -3 },
  { ref: 'EQ-US-5', partner: 'USA', initiative: 'EXBS-TJ', kind: 'vehicle', quantity: 2, stateCode: 'TJ', place: 'tj-post-porshinev', agency: 'tj-border-troops', delivered: -4 },
  { ref: 'EQ-US-6', partner: 'USA', initiative: 'EXBS-TJ', kind: 'thermal_camera', quantity: 6, stateCode: 'TJ', place: 'tj-af-15', agency: 'tj-border-troops', delivered: -4 },
  { ref: 'EQ-EU-1', partner: 'EU', initiative: 'BOMCA-9', kind: 'radio', quantity: 16, stateCode: 'TJ', place: 'tj-blo-panji-poyon', agency: 'tj-border-troops', delivered: -10 },
  { ref: 'EQ-EU-2', partner: 'EU', initiative: 'BOMCA-9', kind: 'computer', quantity: 8, stateCode: 'TJ', place: 'tj-blo-tem', agency: 'tj-border-troops', delivered: -10 },
  { ref: 'EQ-UNDP-1', partner: 'UNDP', initiative: 'BOMNAF-3', kind: 'vehicle', quantity: 4, stateCode: 'AF', place: 'af-post-dasht-e-archi', agency: 'af-border-police', delivered: -7 },
  { ref: 'EQ-UNDP-2', partner: 'UNDP', initiative: 'BOMNAF-3', kind: 'vehicle', quantity: 2, stateCode: 'AF', place: 'af-post-shighnan', agency: 'af-border-police', delivered: -5 },
  { ref: 'EQ-UNDP-3', partner: 'UNDP', initiative: 'BOMNAF-3', kind: 'night_vision', quantity: 8, stateCode: 'AF', place: 'af-post-dasht-e-archi', agency: 'af-border-police', delivered: -7 },
  { ref: 'EQ-UNODC-1', partner: 'UNODC', initiative: 'UNODC-BLO', kind: 'drug_test_kit', quantity: 40, stateCode: 'TJ', place: 'tj-blo-panji-poyon', agency: 'tj-drug-control', delivered: -9 },
  { ref: 'EQ-UNOPS-1', partner: 'UNOPS', initiative: 'UNOPS-BP-AF', kind: 'building', quantity: 1, stateCode: 'AF', place: 'af-post-khwahan', agency: 'af-border-police', delivered: -2 },
  { ref: 'EQ-ME-1', partner: 'MISSION_EAST', initiative: 'ME-DRR', kind: 'generator', quantity: 5, stateCode: 'TJ', place: 'tj-af-14', agency: 'tj-emergencies', delivered: -1 },
];

const day = (now: Date, months: number) => new Date(now.getTime() + months * MONTH).toISOString().slice(0, 10);

export async function seedPartners(ctx: AppContext, scenario: Scenario, now = new Date()): Promise<{ records: number; recommendations: number }> {
  const out = { records: 0, recommendations: 0 };
  if (scenario.id !== 'tj-af') return out;
  for (const r of dushanbeRecommendations((m) => day(now, m))) {
    if (await findRecommendationByRef(ctx.db.kysely, r.ref)) continue;
    await createRecommendation(ctx, { system: 'seed' }, r, now);
    out.recommendations += 1;
  }
  if (ctx.node.stateCode !== 'TJ') return out;
  const agencies = await idsByRef(ctx.db.kysely, 'agency');
  const hq = agencies.get('tj-border-troops');
  if (!hq) return out;
  const subject: Subject = { userId: 'system:seed', roles: [], stateCode: 'TJ', agencyId: hq, unitId: null };
  const results = await writeRecords(ctx, { kind: 'user', subject }, async (trx) => {
    const [units, sections, inits, trs, eqs] = await Promise.all([idsByRef(trx, 'unit'), idsByRef(trx, 'section'), listRecords(trx, 'initiative'), listRecords(trx, 'training'), listRecords(trx, 'equipment')]);
    const place = (ref: string | null): Place | null => {
      if (!ref) return null;
      const u = units.get(ref);
      if (u) return { type: 'unit', id: u, ref };
      const s = sections.get(ref);
      return s ? { type: 'section', id: s, ref } : null;
    };
    const has = (list: { body: { partner: string; ref: string } }[], partner: string, ref: string) => list.some((x) => x.body.partner === partner && x.body.ref === ref);
    const initiativeIds = new Map(inits.map((i) => [`${i.body.partner}/${i.body.ref}`, i.id]));
    const writes: WriteRecord<'initiative' | 'training' | 'equipment'>[] = [];
    for (const i of INITIATIVES) {
      if (has(inits, i.partner, i.ref)) continue;
      const id = randomUUID();
      initiativeIds.set(`${i.partner}/${i.ref}`, id);
      const body: InitiativeBody = { ...i, description: 'Illustrative demonstration record: plausible, not the partner’s figures.', places: i.places.map(place).filter((p): p is Place => p !== null), start: day(now, i.start), end: i.end === null ? null : day(now, i.end), illustrative: true };
      writes.push({ type: 'initiative', id, body, marking: CLEAR_MARKING });
    }
    // Trainings of a course that ended in a month are dated so each month of the last year has some.
    for (const t of TRAININGS) {
      if (has(trs, t.partner, t.ref)) continue;
      const start = day(now, t.start);
      const body: TrainingBody = { ref: t.ref, partner: t.partner, course: t.course, stateCode: t.stateCode, trainees: t.trainees, initiativeId: t.initiative ? (initiativeIds.get(`${t.partner}/${t.initiative}`) ?? null) : null, place: place(t.place), start, end: new Date(Date.parse(start) + t.days * 86_400_000).toISOString().slice(0, 10), illustrative: true };
      writes.push({ type: 'training', body, marking: CLEAR_MARKING });
    }
    for (const e of EQUIPMENT) {
      if (has(eqs, e.partner, e.ref)) continue;
      const body: EquipmentBody = { ref: e.ref, partner: e.partner, kind: e.kind, quantity: e.quantity, unit: e.kind === 'building' ? 'unit' : 'piece', condition: e.condition ?? 'serviceable', stateCode: e.stateCode, agency: e.agency, initiativeId: e.initiative ? (initiativeIds.get(`${e.partner}/${e.initiative}`) ?? null) : null, place: place(e.place), deliveredOn: day(now, e.delivered), illustrative: true };
      writes.push({ type: 'equipment', body, marking: CLEAR_MARKING });
    }
    return writes;
  });
  out.records = results.length;
  return out;
}
