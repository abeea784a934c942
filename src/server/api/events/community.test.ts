import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blurLocation } from '../../../domain/events/event.ts';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';

const form = (over: Record<string, unknown> = {}) => ({
  text: 'Ду мошин шабона дар соҳили дарё борҳоро фаровардиҳанд',
  lang: 'tg',
  location: { lat: 37.2312, lon: 68.6421 },
  category: 'smuggling_goods',
  contact: '+992 900 00 00 00',
  ...over,
});

describe.each(await testDialects())('community reports over HTTP (%s)', (dialect) => {
  let node: TestNode;
  let reporter: ApiClient;
  let validator: ApiClient;
  let liaison: ApiClient;
  let observer: ApiClient;
  const count = async () => Number((await node.ctx.db.kysely.selectFrom('community_reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    node = await startTestNode(dialect, { communityReportsPerHour: 4 });
    [reporter, validator, liaison, observer] = await Promise.all([node.as('tj.reporter'), node.as('tj.validator'), node.as('af.liaison'), node.as('partner.observer')]);
  }, 120_000);
  afterAll(async () => node?.close());

  it('anyone sends the form without an account; far points and future dates are refused; the hourly limit holds', async () => {
    const anon = node.anonymous();
    const ok = await anon.post('/api/community/reports', form());
    expect(ok.status, ok.text).toBe(202);
    expect(ok.body).toEqual({ id: expect.any(String), status: 'received' });
    const before = await count();
    const far = await anon.post('/api/community/reports', form({ location: { lat: 38.56, lon: 68.78 } }));
    expect(far.body.error.code).toBe('LOCATION_OUT_OF_AREA');
    const future = await anon.post('/api/community/reports', form({ occurredAt: new Date(Date.now() + 86_400_000).toISOString() }));
    expect(future.body.error.code).toBe('DATE_IN_FUTURE');
    expect((await anon.post('/api/community/reports', form({ text: '<' }))).status).toBe(400);
    expect(await count()).toBe(before);
    for (let i = 0; i < 3; i++) expect((await anon.post('/api/community/reports', form())).status).toBe(202);
    const limited = await anon.post('/api/community/reports', form());
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(limited.headers.get('retry-after')).toBe('3600');
    // A focal point signed in counts on their own account.
    expect((await reporter.post('/api/community/reports', form())).status).toBe(202);
  });

  it('the triage queue is for officers of this node’s state; the other side never sees it', async () => {
    const queue = await validator.get('/api/community/reports');
    expect(queue.status).toBe(200);
    expect(queue.body.items.length).toBeGreaterThan(0);
    expect(queue.body.items[0]).toMatchObject({ status: 'new', contact: '+992 900 00 00 00', channel: expect.any(String) });
    expect((await liaison.get('/api/community/reports')).status).toBe(403);
    expect((await observer.get('/api/community/reports')).status).toBe(403);
    expect((await node.anonymous().get('/api/community/reports')).status).toBe(401);
  });

  it('an officer converts a report into a low-trust event that names no reporter; the other side sees it blurred', async () => {
    const { body } = await node.anonymous().request('POST', '/api/community/reports', form({ text: 'Armed men near the river <script>x</script>' }), { headers: { 'x-forwarded-for': '10.9.9.9' } });
    const id = body.id ?? (await validator.get('/api/community/reports')).body.items[0].id;
    const conv = await validator.post(`/api/community/reports/${id}/convert`, { severity: 'high', sharedPrecisionKm: 10, marking: { tlp: 'GREEN' } });
    expect(conv.status, conv.text).toBe(201);
    const p = conv.body.properties;
    expect(p).toMatchObject({ source: 'community', communityReportId: id, grading: { reliability: 'F', credibility: 6 }, status: 'submitted', sharedPrecisionKm: 10, category: 'smuggling_goods' });
    expect(p.createdBy).toBe((await validator.get('/api/auth/me')).body.user.id);
    expect(JSON.stringify(conv.body)).not.toMatch(/\+992/);
    expect((await validator.post(`/api/community/reports/${id}/convert`, { severity: 'high' })).body.error.code).toBe('CONFLICT');
    // Published by another validator (four eyes: a commander), then seen by the other side.
    const commander = await node.as('tj.commander');
    expect((await commander.post(`/api/events/${conv.body.id}/validate`, { version: 1 })).status).toBe(200);
    expect((await commander.post(`/api/events/${conv.body.id}/publish`, { version: 2 })).status).toBe(200);
    const theirs = await liaison.get(`/api/events/${conv.body.id}`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.properties.communityReportId).toBeNull();
    const exact = conv.body.geometry.coordinates as [number, number];
    const blurred = blurLocation({ lon: exact[0], lat: exact[1] }, 10);
    expect(theirs.body.geometry.coordinates).toEqual([blurred.lon, blurred.lat]);
    expect((await observer.get(`/api/events/${conv.body.id}`)).body.properties.communityReportId).toBeNull();
    // Our own side sees the exact point and the link.
    expect((await reporter.get(`/api/events/${conv.body.id}`)).body.geometry.coordinates).toEqual(exact);
    const done = await validator.get('/api/community/reports?status=converted');
    expect(done.body.items.find((r: { id: string }) => r.id === id)).toMatchObject({ eventId: conv.body.id });
  });

  it('an officer dismisses a report with a reason', async () => {
    const { body } = await reporter.post('/api/community/reports', form({ text: 'Lights on the Afghan bank again' }));
    expect((await reporter.post(`/api/community/reports/${body.id}/dismiss`, {})).status).toBe(400);
    expect((await liaison.post(`/api/community/reports/${body.id}/dismiss`, { reason: 'not ours' })).status).toBe(403);
    expect((await reporter.post(`/api/community/reports/${body.id}/dismiss`, { reason: 'fishermen, known' })).status).toBe(204);
    const dismissed = await validator.get('/api/community/reports?status=dismissed');
    expect(dismissed.body.items.find((r: { id: string }) => r.id === body.id)).toMatchObject({ dismissReason: 'fishermen, known' });
  });
});
