import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communityReporterHidden } from '../domain/events/event.ts';
import { allows, serialize } from '../domain/policy/authorize.ts';
import { eventTarget } from '../domain/policy/events.policy.ts';
import { can } from '../domain/policy/permissions.ts';
import type { Subject } from '../domain/policy/roles.ts';
import { eventCollection } from '../server/api/events/events.routes.ts';
import { hoursAgo, report } from '../server/api/events/fixtures.ts';
import type { ApiClient } from '../server/testing/api-client.ts';
import { testDialects } from '../server/testing/databases.ts';
import { startTestNode, type TestNode } from '../server/testing/test-node.ts';
import { listRecords } from '../store/records.repository.ts';
import { findUserByUsername } from '../store/users.repository.ts';
import { subjectOf } from './auth.service.ts';
import { decisionKey } from './event-decisions.ts';
import { eventsQuerySchema, listEvents } from './events-query.service.ts';
import { withoutPersonalData, type SavedEvent } from './events.service.ts';

const READERS = ['tj.reporter', 'tj.validator', 'tj.commander', 'tj.analyst', 'tj.customs', 'partner.observer', 'af.liaison', 'af.customs'] as const;

/** The list as it was decided before event-decisions.ts: the policy asked for every single event. */
function perEvent(subject: Subject, localNode: string, events: SavedEvent[]) {
  return events
    .filter((e) => allows(subject, 'events:read', eventTarget(localNode, e)))
    .sort((a, b) => (a.body.occurredAt === b.body.occurredAt ? (a.id < b.id ? 1 : -1) : a.body.occurredAt < b.body.occurredAt ? 1 : -1))
    .map((e) => {
      const otherSide = subject.stateCode !== e.owner.state || subject.roles.includes('partner_observer');
      const seen = otherSide ? communityReporterHidden(e.body) : e.body;
      const { location, ...body } = can(subject, 'alerts:read') ? seen : withoutPersonalData(seen);
      return {
        type: 'Feature',
        id: e.id,
        geometry: { type: 'Point', coordinates: [location.lon, location.lat] },
        properties: {
          ...body,
          version: e.version,
          marking: e.marking,
          ownerNode: e.owner.node,
          ownerState: e.owner.state,
          ownerAgencyId: e.owner.agencyId,
          ownerUnitId: e.owner.unitId,
          createdBy: e.createdBy,
          createdAt: e.createdAt,
          updatedAt: e.updatedAt,
          abilities: serialize(subject, eventTarget(localNode, e)),
        },
      };
    });
}

describe.each(await testDialects())('the list decides once per owner/marking/status and answers as per-event decisions (%s)', (dialect) => {
  let node: TestNode;
  let reporter: ApiClient;
  let validator: ApiClient;
  let commander: ApiClient;
  let hour = 1;

  const step = (client: ApiClient, id: string, transition: string, version: number, body: Record<string, unknown> = {}) =>
    client.request('POST', `/api/events/${id}/${transition}`, body, { headers: { 'if-match': `"${version}"` } });
  async function create(client: ApiClient, over: Record<string, unknown>) {
    const res = await client.request('POST', '/api/events', report({ occurredAt: hoursAgo(hour++), ...over }));
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string; properties: { version: number } };
  }
  async function publish(id: string, version: number) {
    expect((await step(validator, id, 'validate', version)).status).toBe(200);
    expect((await step(validator, id, 'publish', version + 1)).status).toBe(200);
  }
  const published = async (over: Record<string, unknown>) => {
    const e = await create(reporter, { ...over, submit: true });
    await publish(e.id, e.properties.version);
    return e.id;
  };
  const subject = async (username: string) => subjectOf((await findUserByUsername(node.ctx.db.kysely, username))!);

  beforeAll(async () => {
    node = await startTestNode(dialect);
    [reporter, validator, commander] = await Promise.all([node.as('tj.reporter'), node.as('tj.validator'), node.as('tj.commander')]);
    const partnerAgency = (await subject('partner.observer')).agencyId;
    const personal = { involved: { persons: [{ role: 'suspect', count: 1, nationality: 'AF', names: ['Abdul Example'], documents: ['P1234567'] }], vehicles: [{ kind: 'car', count: 1, plate: '01 TJ 123', description: null }], goods: [] } };
    // Published: every marking, some twice (so decisions are shared), one with personal data.
    for (const tlp of ['GREEN', 'AMBER']) for (let i = 0; i < 2; i++) await published({ marking: { tlp }, ...(i === 0 ? personal : {}) });
    await published({ marking: { tlp: 'AMBER', releasableTo: { states: ['AF'] } } });
    await published({ marking: { tlp: 'AMBER', releasableTo: { agencies: [partnerAgency] } } });
    await published({ marking: { tlp: 'AMBER+STRICT' } });
    // Closed by its author.
    const closed = await published({ marking: { tlp: 'GREEN' } });
    expect((await step(reporter, closed, 'close', 3, { outcome: 'resolved' })).status).toBe(200);
    // Still in the workflow: a draft, submitted ones (one RED: only its author and unit see it), a validator's own RED draft.
    await create(reporter, { marking: { tlp: 'AMBER' } });
    await create(reporter, { marking: { tlp: 'RED' }, submit: true });
    await create(reporter, { marking: { tlp: 'GREEN' }, submit: true });
    await create(validator, { marking: { tlp: 'RED' } });
    // A community report made an event: the other side gets it blurred, without the report's id.
    const form = { text: 'Boats on the river at night', lang: 'en', location: { lat: 37.2312, lon: 68.6421 }, category: 'smuggling_goods', occurredAt: hoursAgo(hour++) };
    const sent = await node.anonymous().request('POST', '/api/community/reports', form, { headers: { 'x-forwarded-for': '10.7.7.7' } });
    expect(sent.status, sent.text).toBe(202);
    const conv = await validator.post(`/api/community/reports/${sent.body.id}/convert`, { severity: 'high', sharedPrecisionKm: 10, marking: { tlp: 'GREEN' } });
    expect(conv.status, conv.text).toBe(201);
    expect((await step(commander, conv.body.id, 'validate', 1)).status).toBe(200);
    expect((await step(commander, conv.body.id, 'publish', 2)).status).toBe(200);
  }, 180_000);
  afterAll(async () => node?.close());

  it('every reader gets exactly the events, redactions and abilities that per-event decisions give', async () => {
    const stored = await listRecords(node.ctx.db.kysely, 'event');
    expect(stored).toHaveLength(13);
    const seen = new Map<string, number>();
    for (const username of READERS) {
      const client = await node.as(username);
      const s = await subject(username);
      for (const query of ['status=all&limit=10000', 'limit=10000']) {
        const res = await client.get(`/api/events?${query}`);
        expect(res.status, res.text).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
        const expected = perEvent(s, node.ctx.node.id, query.startsWith('status=all') ? stored : stored.filter((e) => ['published', 'closed'].includes(e.body.status)));
        expect(res.body.features, `${username} ${query}`).toEqual(JSON.parse(JSON.stringify(expected)));
        expect(res.body.numberReturned).toBe(expected.length);
        // what the response schema (the zod serializer this path no longer runs) would have sent
        expect(eventCollection.parse(res.body)).toEqual(res.body);
      }
      seen.set(username, (await client.get('/api/events?status=all&limit=10000')).body.features.length);
    }
    // the page really is mixed: readers see different sets
    expect(seen.get('tj.reporter')).toBe(12); // not the validator's own draft
    expect(seen.get('tj.validator')).toBe(12); // not the reporter's RED report
    // the other side: GREEN (3, one closed), the community event, and AMBER released to their state or agency
    expect(seen.get('partner.observer')).toBe(5);
    expect(seen.get('af.liaison')).toBe(5);
  });

  it('redactions: names and plates only for readers cleared for personal data; the community reporter hidden from the other side', async () => {
    const own = (await validator.get('/api/events?limit=10000')).body.features as { properties: Record<string, any>; geometry: { coordinates: number[] } }[];
    const theirs = (await (await node.as('af.liaison')).get('/api/events?limit=10000')).body.features as typeof own;
    const observer = (await (await node.as('partner.observer')).get('/api/events?limit=10000')).body.features as typeof own;
    const named = (fs: typeof own) => fs.find((f) => f.properties.involved.persons[0]?.names.length > 0 || f.properties.involved.vehicles[0]?.plate);
    expect(named(own)).toBeDefined();
    expect(named(observer)).toBeUndefined();
    const community = (fs: typeof own) => fs.find((f) => f.properties.source === 'community')!;
    expect(community(own).properties.communityReportId).not.toBeNull();
    expect(community(own).geometry.coordinates).toEqual([68.6421, 37.2312]);
    for (const fs of [theirs, observer]) {
      expect(community(fs).properties.communityReportId).toBeNull();
      expect(community(fs).geometry.coordinates).not.toEqual([68.6421, 37.2312]);
    }
  });

  it('the policy runs once per distinct decision key on a page, not once per event', async () => {
    const s = await subject('tj.reporter');
    const page = await listEvents(node.ctx, s, eventsQuerySchema.parse({ status: 'all', limit: '10000' }));
    const stored = await listRecords(node.ctx.db.kysely, 'event');
    const keys = new Set(stored.map((e) => decisionKey(s, e)));
    expect(page.decisions.size).toBe(keys.size);
    expect(page.decisions.size).toBeLessThan(stored.length);
  });
});
