import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBodySchema } from '../../domain/events/event.ts';
import { seizureBodySchema } from '../../domain/events/seizure.ts';
import type { ActionItemBody, MeetingBody, Participant } from '../../domain/meetings/meeting.ts';
import type { Marking } from '../../domain/records/marking.ts';
import type { ApiClient } from '../../server/testing/api-client.ts';
import { testDialects } from '../../server/testing/databases.ts';
import { startTestNode, type TestNode } from '../../server/testing/test-node.ts';
import { writeRecords } from '../records.service.ts';
import { meetingFigures } from './meeting-figures.ts';

const DAY = 86_400_000;
const NOW = Date.now();
const at = (d: number, hour = 8) => {
  const t = new Date(NOW + d * DAY);
  t.setUTCHours(hour, 0, 0, 0);
  return t.toISOString();
};
const day = (d: number) => at(d).slice(0, 10);
const SEED = { kind: 'system', name: 'test' } as const;
const GREEN: Marking = { tlp: 'GREEN', releasableTo: { states: [], agencies: [], units: [] }, hops: 1 };
/** Around Panji Poyon / Sher Khan Bandar. */
const AREA = { type: 'Polygon', coordinates: [[[68.5, 37.1], [68.75, 37.1], [68.75, 37.3], [68.5, 37.3], [68.5, 37.1]]] };
const IN = { lat: 37.2, lon: 68.6 };
const OUT = { lat: 37.5, lon: 71.5 };

function event(category: string, d: number, location: { lat: number; lon: number }, persons: { role: string; count: number }[], status = 'published') {
  return eventBodySchema.parse({
    category,
    severity: 'medium',
    status,
    occurredAt: at(d),
    detectedAt: null,
    reportedAt: at(d, 9),
    location,
    sectionId: null,
    unitId: null,
    borderDistanceKm: null,
    reportingUnitId: null,
    narrative: { text: 'Fixture', lang: 'en' },
    involved: { persons: persons.map((p) => ({ ...p, nationality: null, names: [], documents: [] })), vehicles: [], goods: [] },
    grading: { reliability: 'B', credibility: 2 },
    source: 'officer',
    communityReportId: null,
    followUpOf: null,
    returnComment: null,
    validatedBy: status === 'draft' ? null : 'test',
    firstPublishedAt: status === 'draft' ? null : at(d, 10),
    closure: status === 'closed' ? { outcome: 'resolved', at: at(d, 12), comment: null } : null,
  });
}
function seizure(eventId: string, itemKind: string, substance: string, value: number, unit: string, quantityKg: number | null) {
  return seizureBodySchema.parse({ eventId, itemKind, substance, description: null, quantity: { value, unit, currency: null }, quantityKg, concealment: 'none', concealmentDetail: null, conveyance: 'on_foot', route: { origin: null, transit: [], destination: null }, detectionMethod: 'joint_operation', seizedAt: at(-4), persons: [] });
}

describe.each(await testDialects())('joint operation figures and co-operation figures per pair, against a hand count (%s)', { timeout: 120_000 }, (dialect) => {
  let node: TestNode;
  let commander: ApiClient;
  let bloPair: string[];
  const ids = { e1: randomUUID(), e2: randomUUID(), e3: randomUUID(), e4: randomUUID(), e5: randomUUID(), e6: randomUUID(), s5: randomUUID() };

  beforeAll(async () => {
    node = await startTestNode(dialect);
    commander = await node.as('tj.commander');
    const units = (await commander.get('/api/units')).body.items as { id: string; ref: string }[];
    bloPair = ['tj-blo-panji-poyon', 'af-blo-sher-khan-bandar'].map((ref) => units.find((u) => u.ref === ref)!.id);
    await writeRecords(node.ctx, SEED, [
      // In the area and period, published: counted.
      { type: 'event', id: ids.e1, body: event('illegal_crossing', -5, IN, [{ role: 'suspect', count: 3 }, { role: 'witness', count: 1 }]), marking: GREEN },
      { type: 'event', id: ids.e2, body: event('smuggling_narcotics', -4, IN, [{ role: 'suspect', count: 2 }]), marking: GREEN },
      { type: 'event', id: ids.e3, body: event('detention', -3, IN, [{ role: 'migrant', count: 4 }], 'closed'), marking: GREEN },
      // Outside the area, but linked in a daily report: counted.
      { type: 'event', id: ids.e4, body: event('illegal_crossing', -3, OUT, [{ role: 'suspect', count: 1 }]), marking: GREEN },
      // In the area but before the operation: not counted (its seizure is linked by hand, so that one is).
      { type: 'event', id: ids.e5, body: event('smuggling_arms', -20, IN, [{ role: 'suspect', count: 1 }]), marking: GREEN },
      // In the area and period but still a draft: not in the picture, not counted.
      { type: 'event', id: ids.e6, body: event('smuggling_goods', -2, IN, [{ role: 'suspect', count: 5 }], 'draft'), marking: GREEN },
      { type: 'seizure', body: seizure(ids.e2, 'narcotics', 'heroin', 12.5, 'kg', 12.5), marking: GREEN },
      { type: 'seizure', body: seizure(ids.e2, 'narcotics', 'hashish', 3000, 'g', 3), marking: GREEN },
      { type: 'seizure', body: seizure(ids.e4, 'ammunition', 'ammunition', 500, 'rounds', null), marking: GREEN },
      { type: 'seizure', id: ids.s5, body: seizure(ids.e5, 'weapons', 'firearm', 2, 'pieces', null), marking: GREEN },
      { type: 'seizure', body: seizure(ids.e6, 'goods', 'cigarettes', 40, 'kg', 40), marking: GREEN },
    ]);
  }, 120_000);
  afterAll(async () => node?.close());

  const plan = (over: Record<string, unknown> = {}) => ({ name: 'Operation Spring Panj', aim: 'Close the inner-tube crossings below Panji Poyon', area: AREA, startDate: day(-7), endDate: day(-1), participantUnitIds: bloPair, communicationPlan: 'VHF channel 4; BLO phones hourly', ...over });

  it('after-action figures equal the hand count', async () => {
    const op = await commander.post('/api/operations', plan());
    expect(op.status, op.text).toBe(201);
    const daily = await commander.post(`/api/operations/${op.body.id}/reports`, { day: day(-3), summary: 'Crossing stopped upstream; weapons from the March cache handed over.', eventIds: [ids.e4], seizureIds: [ids.s5] });
    expect(daily.status, daily.text).toBe(201);
    const aar = await commander.post(`/api/operations/${op.body.id}/after-action`, { summary: 'Objectives met', lessons: 'Night patrols on both banks at once' });
    expect(aar.status, aar.text).toBe(201);
    const hand = {
      events: 4,
      eventsByCategory: { illegal_crossing: 2, smuggling_narcotics: 1, detention: 1 },
      seizures: 4,
      seizuresByKind: { narcotics: { count: 2, kg: 15.5 }, ammunition: { count: 1, kg: 0 }, weapons: { count: 1, kg: 0 } },
      seizedKg: 15.5,
      illegalCrossingsPrevented: 2,
      // suspects and migrants of crossings and detentions: 3 (e1) + 4 (e3) + 1 (e4)
      personsDetained: 8,
    };
    expect(aar.body.figures).toEqual(hand);
    const detail = (await commander.get(`/api/operations/${op.body.id}`)).body;
    expect(detail.figures).toEqual(hand);
    expect(detail.reports.map((r: { kind: string }) => r.kind)).toEqual(['daily', 'after_action']);
  });

  it('bad plans answer with stable codes', async () => {
    const open = { type: 'Polygon', coordinates: [[[68.5, 37.1], [68.75, 37.1], [68.75, 37.3], [68.5, 37.3]]] };
    const bowtie = { type: 'Polygon', coordinates: [[[68.5, 37.1], [68.75, 37.3], [68.75, 37.1], [68.5, 37.3], [68.5, 37.1]]] };
    for (const area of [open, bowtie, { type: 'Point', coordinates: [68.5, 37.1] }, 'north of the river', { type: 'Polygon', coordinates: [[[200, 37.1], [68.75, 37.1], [68.75, 37.3], [200, 37.1]]] }]) {
      const res = await commander.post('/api/operations', plan({ area }));
      expect([res.status, res.body.error.code], JSON.stringify(area)).toEqual([400, 'INVALID_AREA']);
    }
    const reversed = await commander.post('/api/operations', plan({ startDate: day(3), endDate: day(1) }));
    expect([reversed.status, reversed.body.error.code]).toEqual([400, 'END_BEFORE_START']);
  });

  it('meetings held, action items due and closed on time, joint operations per pair', async () => {
    const index = new Map(((await commander.get('/api/units')).body.items as { id: string; ref: string; agencyId: string; stateCode: string }[]).map((u) => [u.ref, u]));
    const p = (ref: string): Participant => {
      const u = index.get(ref)!;
      return { unitId: u.id, unitRef: ref, agencyId: u.agencyId, agencyRef: null, stateCode: u.stateCode };
    };
    const afTj = [p('tj-blo-panji-poyon'), p('af-blo-sher-khan-bandar')];
    const uz = { unitId: randomUUID(), unitRef: 'uz-blo-termez', agencyId: randomUUID(), agencyRef: null, stateCode: 'UZ' };
    const meeting = (d: number, status: MeetingBody['status'], participants: Participant[]): MeetingBody => ({ title: `Meeting ${d}`, kind: 'blo', status, startsAt: at(d, 5), endsAt: at(d, 7), timeZone: 'Asia/Dushanbe', location: 'BLO', participants, agenda: [], attendance: [], minutes: null, decisions: [], operationId: null });
    const m = { m1: randomUUID(), m2: randomUUID(), m3: randomUUID(), m4: randomUUID(), m5: randomUUID(), m6: randomUUID() };
    const item = (meetingId: string, due: number): ActionItemBody => ({ meetingId, title: `Due ${due}`, owner: { kind: 'unit', id: afTj[1]!.unitId, unitRef: 'af-blo-sher-khan-bandar', stateCode: 'AF', label: 'Sher Khan Bandar BLO' }, dueDate: day(due), status: 'open' });
    const i = { i1: randomUUID(), i2: randomUUID(), i3: randomUUID(), i4: randomUUID(), i5: randomUUID(), i6: randomUUID(), i7: randomUUID() };
    const update = (actionItemId: string, meetingId: string, status: 'open' | 'done' | 'dropped', d: number) => ({ type: 'action_update' as const, body: { actionItemId, meetingId, status, at: at(d, 12), note: null, byState: 'AF' }, marking: GREEN });
    await writeRecords(node.ctx, SEED, [
      { type: 'meeting', id: m.m1, body: meeting(-40, 'held', afTj), marking: GREEN }, // held
      { type: 'meeting', id: m.m2, body: meeting(-20, 'scheduled', afTj), marking: GREEN }, // over, so held
      { type: 'meeting', id: m.m3, body: meeting(-10, 'cancelled', afTj), marking: GREEN }, // cancelled
      { type: 'meeting', id: m.m4, body: meeting(5, 'scheduled', afTj), marking: GREEN }, // upcoming
      { type: 'meeting', id: m.m5, body: meeting(-15, 'held', [afTj[0]!, uz]), marking: GREEN }, // TJ-UZ
      { type: 'meeting', id: m.m6, body: meeting(-200, 'held', afTj), marking: GREEN }, // before the range
    ]);
    await writeRecords(node.ctx, SEED, [
      { type: 'action_item', id: i.i1, body: item(m.m1, -35), marking: GREEN }, // done the day before: on time
      { type: 'action_item', id: i.i2, body: item(m.m1, -30), marking: GREEN }, // done 5 days late
      { type: 'action_item', id: i.i3, body: item(m.m1, -5), marking: GREEN }, // still open
      { type: 'action_item', id: i.i4, body: item(m.m1, 10), marking: GREEN }, // due later in the range
      { type: 'action_item', id: i.i5, body: item(m.m1, -100), marking: GREEN }, // due before the range
      { type: 'action_item', id: i.i6, body: item(m.m2, -15), marking: GREEN }, // dropped
      { type: 'action_item', id: i.i7, body: item(m.m2, -17), marking: GREEN }, // closed, then reopened
    ]);
    await writeRecords(node.ctx, SEED, [update(i.i1, m.m1, 'done', -36), update(i.i2, m.m1, 'done', -25), update(i.i6, m.m2, 'dropped', -16), update(i.i7, m.m2, 'done', -19), update(i.i7, m.m2, 'open', -18)]);
    // The operation of the first test (AF-TJ, in range) and a cancelled one.
    const cancelled = (await commander.post('/api/operations', plan({ name: 'Called off' }))).body;
    expect((await commander.patch(`/api/operations/${cancelled.id}`, { version: 1, status: 'cancelled' })).status).toBe(200);

    const figures = await meetingFigures(node.ctx, { from: day(-90), to: day(30) });
    expect(figures).toEqual({
      'AF-TJ': { meetingsHeld: 2, actionItemsDue: 6, actionItemsClosedOnTime: 1, jointOperations: 1 },
      'TJ-UZ': { meetingsHeld: 1, actionItemsDue: 0, actionItemsClosedOnTime: 0, jointOperations: 0 },
    });
  });
});
