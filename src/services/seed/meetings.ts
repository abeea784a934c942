import { PICTURE_STATUSES } from '../../domain/events/event.ts';
import type { ActionItemBody, ActionStatus, MeetingBody, Participant } from '../../domain/meetings/meeting.ts';
import { inOperation, type JointOperationBody, type OperationReportBody } from '../../domain/meetings/operation.ts';
import type { Marking } from '../../domain/records/marking.ts';
import { findRecord, listRecords } from '../../store/records.repository.ts';
import type { AppContext } from '../context.ts';
import { computeFigures } from '../meetings/operations.service.ts';
import { participantsOf, registryIndex, type RegistryIndex } from '../meetings/participants.ts';
import { writeRecords, type WriteRecord } from '../records.service.ts';
import type { Actor } from '../users.service.ts';
import { prng, stableUuid } from './random.ts';

const SEEDER: Actor = { kind: 'system', name: 'seed' };
const DAY = 86_400_000;
const MARKING: Marking = { tlp: 'GREEN', releasableTo: { states: ['AF', 'TJ'], agencies: [], units: [] }, hops: 1 };

/** The BLOs facing each other (scenario refs) and the headquarters that meet quarterly. */
const BLO_PAIRS = [
  ['tj-blo-panji-poyon', 'af-blo-sher-khan-bandar'],
  ['tj-blo-ruzvai', 'af-blo-nusay'],
  ['tj-blo-tem', 'af-blo-demogan'],
  ['tj-blo-ishkashim', 'af-blo-ishkashim-afghanistan'],
] as const;
const HQ_PAIR = ['tj-hq-khorog', 'af-hq-faizabad'] as const;

const AGENDA = [
  'Exchange of monthly statistics (crossings, detentions, seizures)',
  'Incidents on the river since the last meeting',
  'Flood and mudflow season: gauges and evacuation routes',
  'Handover of detained persons and seized goods',
  'Joint patrol timetable',
  'Communications: radio channels and phone numbers of duty officers',
  'Border market days and trader crossings',
  'Follow-up of open action items',
];
const DECISIONS = [
  'Duty officers exchange phone numbers and confirm them by a test call every Monday.',
  'Both sides send their monthly statistics on the 5th of each month.',
  'Patrols on both banks are held at the same hours at the known inner-tube crossing points.',
  'Seized boats are returned through the BLO with a signed handover act.',
  'Water levels above the warning threshold are passed to the other side within one hour.',
  'The next meeting is held on the other side of the bridge.',
];
const ACTIONS = [
  'Send the list of duty officers and their phone numbers',
  'Share the gauge readings of the last flood season',
  'Prepare the handover act for the detained persons',
  'Check the reported crossing point at the river bend and report back',
  'Propose dates for a joint patrol',
  'Provide the radio frequencies for the joint operation',
  'Return the seized boat and engine',
  'Send photographs of the damaged border markers',
];

/** A stable UUID from a name: seeding again finds the same records. */
function stableId(name: string): string {
  return stableUuid(`sarhad-seed:meetings:${name}`);
}

const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const atUtc = (dayStart: number, hour: number) => new Date(dayStart + hour * 3_600_000).toISOString();

function unitByRef(index: RegistryIndex, ref: string) {
  const id = index.unitIdByRef.get(ref);
  return id ? index.units.get(id) : undefined;
}

/**
 * Half a year of BLO co-operation (docs/meetings.md "Demo"): monthly meetings of four BLO pairs
 * and quarterly headquarters meetings, with minutes, decisions and action items (closed on time,
 * late, dropped, open and overdue), the next meetings, and one joint operation built on the
 * busiest week of seeded events of one section, with daily reports and its after-action report.
 * Deterministic given the events; a node that has them already is left as it is.
 */
export async function seedMeetings(ctx: AppContext, now = new Date()): Promise<{ meetings: number; actions: number }> {
  const db = ctx.db.kysely;
  if (await findRecord(db, 'meeting', stableId('blo-0-m0'))) return { meetings: 0, actions: 0 };
  const index = await registryIndex(db);
  const rnd = prng(20261202);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const meetings: WriteRecord<'meeting'>[] = [];
  const items: WriteRecord<'action_item'>[] = [];
  const updates: WriteRecord<'action_update'>[] = [];
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;

  const pairs = [...BLO_PAIRS.map((p, i) => ({ key: `blo-${i}`, refs: p, every: 30, kind: 'blo' as const })), { key: 'hq', refs: HQ_PAIR, every: 90, kind: 'headquarters' as const }];
  for (const pair of pairs) {
    const units = pair.refs.map((r) => unitByRef(index, r));
    if (units.some((u) => !u)) continue;
    const participants: Participant[] = participantsOf(index, units.map((u) => u!.id));
    const names = units.map((u) => u!.body.name.en ?? u!.body.ref ?? '');
    // From about six months ago to the next one ahead.
    for (let k = 0, start = today - 178 * DAY + Math.floor(rnd() * 10) * DAY; start < today + 40 * DAY; k++, start += pair.every * DAY) {
      const past = start < today;
      const host = k % 2;
      const cancelled = past && rnd() < 0.08;
      const id = stableId(`${pair.key}-m${k}`);
      const body: MeetingBody = {
        title: `${pair.kind === 'blo' ? 'BLO meeting' : 'Border commanders meeting'}: ${names[0]} – ${names[1]}`,
        kind: pair.kind,
        status: cancelled ? 'cancelled' : past ? 'held' : 'scheduled',
        startsAt: atUtc(start, 5),
        endsAt: atUtc(start, 7),
        timeZone: host === 0 ? 'Asia/Dushanbe' : 'Asia/Kabul',
        location: names[host]!,
        participants,
        agenda: [AGENDA[0]!, pick(AGENDA.slice(1)), AGENDA[AGENDA.length - 1]!],
        attendance: past && !cancelled
          ? participants.flatMap((p) => [
              { unitRef: p.unitRef, stateCode: p.stateCode, position: pair.kind === 'blo' ? 'Head of the BLO' : 'Commander', name: null, present: true },
              { unitRef: p.unitRef, stateCode: p.stateCode, position: 'Liaison officer', name: null, present: rnd() < 0.85 },
            ])
          : [],
        minutes: past && !cancelled ? `The sides reviewed the month's incidents and statistics. ${pick(DECISIONS)} Open items from the previous meeting were reviewed.` : null,
        decisions: past && !cancelled ? [pick(DECISIONS), pick(DECISIONS)].filter((d, i, a) => a.indexOf(d) === i) : [],
        operationId: null,
      };
      meetings.push({ type: 'meeting', id, body, marking: MARKING });
      if (!past || cancelled) continue;
      const n = 2 + Math.floor(rnd() * 2);
      for (let j = 0; j < n; j++) {
        const owner = participants[(host + j) % participants.length]!;
        const due = start + (14 + Math.floor(rnd() * 17)) * DAY;
        const itemId = stableId(`${pair.key}-m${k}-a${j}`);
        const item: ActionItemBody = {
          meetingId: id,
          title: pick(ACTIONS),
          owner: { kind: 'unit', id: owner.unitId, unitRef: owner.unitRef, stateCode: owner.stateCode, label: index.units.get(owner.unitId)?.body.name.en ?? owner.unitRef ?? '' },
          dueDate: isoDay(due),
          status: 'open',
        };
        items.push({ type: 'action_item', id: itemId, body: item, marking: MARKING });
        // Most are closed on time, some late, a few dropped; recent ones stay open (some overdue).
        const r = rnd();
        const closeAt = (t: number, status: ActionStatus) => {
          if (t >= now.getTime()) return;
          updates.push({ type: 'action_update', id: stableId(`${itemId}-u`), body: { actionItemId: itemId, meetingId: id, status, at: new Date(t).toISOString(), note: null, byState: owner.stateCode }, marking: MARKING });
        };
        if (r < 0.55) closeAt(due - Math.floor(rnd() * 6) * DAY + 9 * 3_600_000, 'done');
        else if (r < 0.75) closeAt(due + (2 + Math.floor(rnd() * 12)) * DAY, 'done');
        else if (r < 0.83) closeAt(due - 3 * DAY, 'dropped');
      }
    }
  }
  await writeRecords(ctx, SEEDER, meetings);
  await writeRecords(ctx, SEEDER, items);
  await writeRecords(ctx, SEEDER, updates);
  await seedOperation(ctx, index, today);
  return { meetings: meetings.length, actions: items.length };
}

/** One joint operation on the section and week with the most published events of the half year (crossings and narcotics first). */
async function seedOperation(ctx: AppContext, index: RegistryIndex, today: number) {
  const db = ctx.db.kysely;
  const events = (await listRecords(db, 'event')).filter((e) => (PICTURE_STATUSES as readonly string[]).includes(e.body.status));
  const sections = await listRecords(db, 'section');
  let best: { section: (typeof sections)[number]; area: JointOperationBody['area']; start: number; count: number } | null = null;
  for (const section of sections) {
    const line = section.body.geometry.coordinates as [number, number][];
    const lons = line.map((p) => p[0]);
    const lats = line.map((p) => p[1]);
    const [w, e, s, n] = [Math.min(...lons) - 0.03, Math.max(...lons) + 0.03, Math.min(...lats) - 0.03, Math.max(...lats) + 0.03];
    const area = { type: 'Polygon' as const, coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]] as [number, number][]] };
    const inArea = events.filter((ev) => inOperation({ area, startDate: '1970-01-01', endDate: '2999-12-31' }, ev.body));
    for (let start = today - 170 * DAY; start < today - 20 * DAY; start += 7 * DAY) {
      const span = { area, startDate: isoDay(start), endDate: isoDay(start + 6 * DAY) };
      // Crossings and narcotics weigh more: that is what a joint operation on the river is for.
      const count = inArea.filter((ev) => inOperation(span, ev.body)).reduce((n, ev) => n + (ev.body.category === 'illegal_crossing' ? 4 : ev.body.category === 'smuggling_narcotics' ? 3 : 1), 0);
      if (!best || count > best.count) best = { section, area, start, count };
    }
  }
  if (!best) return;
  const units = [...index.units.values()].filter((u) => u.body.sectionId === best.section.id && u.body.kind !== 'crossing_point');
  const blo = BLO_PAIRS[0].map((r) => unitByRef(index, r)).filter((u) => u !== undefined);
  const chosen = [...units, ...blo].filter((u, i, a) => a.findIndex((x) => x.id === u.id) === i);
  const name = best.section.body.name.en ?? best.section.body.ref ?? 'the river';
  const body: JointOperationBody = {
    name: `Operation Clear Water (${name})`,
    aim: `Stop the crossings of narcotics couriers on the ${best.section.body.riverName ?? 'Panj'} along ${name} by simultaneous patrols on both banks, and hand over detained persons through the BLO.`,
    area: best.area,
    startDate: isoDay(best.start),
    endDate: isoDay(best.start + 6 * DAY),
    status: 'completed',
    participants: participantsOf(index, chosen.map((u) => u.id)),
    communicationPlan: 'VHF channel 4 between the patrols; the BLOs call each other at 08:00, 14:00 and 20:00; incidents are reported at once by phone and as events in Sarhad.',
  };
  const opId = stableId('operation-0');
  await writeRecords(ctx, SEEDER, [{ type: 'joint_operation', id: opId, body, marking: MARKING }]);
  const reports: WriteRecord<'operation_report'>[] = [];
  const allSeizures = await listRecords(db, 'seizure');
  for (let d = 0; d < 7; d++) {
    const dayStart = best.start + d * DAY;
    const span = { area: best.area, startDate: isoDay(dayStart), endDate: isoDay(dayStart) };
    const linked = events.filter((ev) => inOperation(span, ev.body));
    const seizures = allSeizures.filter((s) => linked.some((e) => e.id === s.body.eventId));
    const rep: OperationReportBody = {
      operationId: opId,
      kind: 'daily',
      day: isoDay(dayStart),
      summary: linked.length ? `${linked.length} incident(s) handled by the patrols; see the linked events.` : 'Patrols on both banks as planned; no incidents.',
      eventIds: linked.map((e) => e.id),
      seizureIds: seizures.map((s) => s.id),
      figures: null,
      lessons: null,
    };
    reports.push({ type: 'operation_report', id: stableId(`operation-0-day-${d}`), body: rep, marking: MARKING });
  }
  await writeRecords(ctx, SEEDER, reports);
  const op = (await findRecord(db, 'joint_operation', opId))!;
  const saved = await listRecords(db, 'operation_report', { operation_id: opId });
  const figures = await computeFigures(ctx, op, saved);
  await writeRecords(ctx, SEEDER, [
    {
      type: 'operation_report',
      id: stableId('operation-0-aar'),
      body: { operationId: opId, kind: 'after_action', day: body.endDate, summary: 'The operation met its aim: the known crossing points were covered on both banks at the same hours.', eventIds: [], seizureIds: [], figures, lessons: 'Radio contact between the patrols failed twice at night; the BLO phones worked. Keep a spare satellite phone at each BLO.' },
      marking: MARKING,
    },
  ]);
}
