import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, ApiResponse } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { openStream } from '../../testing/sse.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';

import { verifyAuditChain } from '../../../store/audit.repository.ts';
import { eventFeature } from './events.routes.ts';
import { hoursAgo, report } from './fixtures.ts';

describe.each(await testDialects())('events over HTTP (%s)', (dialect) => {
  let node: TestNode;
  let reporter: ApiClient;
  let validator: ApiClient;
  let commander: ApiClient;
  let observer: ApiClient;
  let liaison: ApiClient;

  const count = async (table: 'events' | 'event_idempotency' | 'record_versions' | 'outbox') =>
    Number((await node.ctx.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const auditOf = (id: string) => node.ctx.db.kysely.selectFrom('audit_log').select(['action', 'actor', 'detail_json']).where('entity_id', '=', id).orderBy('seq').execute();
  const step = (client: ApiClient, id: string, transition: string, version: number, body: Record<string, unknown> = {}) =>
    client.request('POST', `/api/events/${id}/${transition}`, body, { headers: { 'if-match': `"${version}"` } });

  async function create(client: ApiClient, body: unknown, headers: Record<string, string> = {}) {
    const res = await client.request('POST', '/api/events', body, { headers });
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string; properties: Record<string, any>; geometry: { coordinates: [number, number] } };
  }

  /** reporter → submitted → validated → published: the event as the validator last saw it. */
  async function published(over: Record<string, unknown> = {}) {
    const e = await create(reporter, report({ submit: true, ...over }));
    expect((await step(validator, e.id, 'validate', e.properties.version)).status).toBe(200);
    const pub = await step(validator, e.id, 'publish', e.properties.version + 1);
    expect(pub.status, pub.text).toBe(200);
    return pub.body as { id: string; properties: Record<string, any> };
  }

  beforeAll(async () => {
    node = await startTestNode(dialect);
    [reporter, validator, commander, observer, liaison] = await Promise.all([
      node.as('tj.reporter'),
      node.as('tj.validator'),
      node.as('tj.commander'),
      node.as('partner.observer'),
      node.as('af.liaison'),
    ]);
  }, 120_000);
  afterAll(async () => node?.close());

  it('a report is snapped to its border section and the nearest unit of the reporter’s side, and answered as GeoJSON', async () => {
    const e = await create(reporter, report());
    expect(e).toMatchObject({ type: 'Feature', geometry: { type: 'Point', coordinates: [68.62, 37.215] } });
    const p = e.properties;
    expect(p.status).toBe('draft');
    expect(p.sectionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(p.borderDistanceKm).toBeLessThan(5);
    const units = (await reporter.get('/api/units')).body.items as { id: string; ref: string }[];
    const unit = units.find((u) => u.id === p.unitId)!;
    // The nearest TJ unit to 68.62/37.215 is at Panji Poyon (the crossing point and BLO share the spot).
    expect(unit.ref).toMatch(/^tj-(bcp|blo)-panji-poyon$/);
    const sections = (await reporter.get('/api/sections')).body.features as { id: string; properties: { name: { en: string } } }[];
    expect(sections.find((s) => s.id === p.sectionId)).toBeDefined();
    expect(p.reportingUnitId).toBe((await reporter.get('/api/auth/me')).body.user.unitId);
    expect(p.reportedAt <= new Date().toISOString()).toBe(true);
    expect(p.grading).toEqual({ reliability: 'B', credibility: 2 });
    expect(p.marking.tlp).toBe('AMBER');
    expect(p.abilities).toMatchObject({ update: true, submit: true, validate: false });
    // what the response schema (the zod serializer this path no longer runs) would have sent
    expect(eventFeature.parse(e)).toEqual(e);
  });

  it('the same Idempotency-Key sent 3 times makes one event; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED', async () => {
    const key = randomUUID();
    const body = report({ submit: true });
    const before = await count('events');
    const answers = await Promise.all([1, 2, 3].map(() => reporter.request('POST', '/api/events', body, { headers: { 'idempotency-key': key } })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(2);
    expect(await count('events')).toBe(before + 1);
    const other = await reporter.request('POST', '/api/events', { ...body, severity: 'low' }, { headers: { 'idempotency-key': key } });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count('events')).toBe(before + 1);
    // Keys are per user: another reporter's identical key is theirs.
    const mine = await validator.request('POST', '/api/events', body, { headers: { 'idempotency-key': key } });
    expect(mine.status).toBe(201);
    expect(mine.body.id).not.toBe(answers[0]!.body.id);
    // concurrent reports, each with its entries and the head moved once per transaction: the chain holds
    expect(await verifyAuditChain(node.ctx.db)).toMatchObject({ ok: true, problem: null });
  });

  it('bad input is refused with a clear error and nothing is written', async () => {
    const before = await Promise.all([count('events'), count('record_versions'), count('outbox'), count('event_idempotency')]);
    const cases: [unknown, number, string][] = [
      // Dushanbe: ~130 km from the Panj.
      [report({ location: { lat: 38.56, lon: 68.78 } }), 400, 'LOCATION_OUT_OF_AREA'],
      [report({ occurredAt: new Date(Date.now() + 86_400_000).toISOString() }), 400, 'DATE_IN_FUTURE'],
      [report({ reportedAt: new Date(Date.now() + 3_600_000).toISOString() }), 400, 'DATE_IN_FUTURE'],
      [report({ detectedAt: hoursAgo(10) }), 400, 'VALIDATION_FAILED'],
      [report({ occurredAt: '1826-01-01T00:00:00Z' }), 400, 'VALIDATION_FAILED'],
      [report({ involved: { goods: [{ description: 'hashish', quantity: -12, unit: 'kg' }] } }), 400, 'VALIDATION_FAILED'],
      [report({ involved: { goods: [{ description: 'hashish', quantity: 1e12, unit: 'kg' }] } }), 400, 'VALIDATION_FAILED'],
      [report({ involved: { persons: [{ role: 'suspect', count: 0 }] } }), 400, 'VALIDATION_FAILED'],
      [report({ category: 'ufo' }), 400, 'VALIDATION_FAILED'],
      [report({ grading: { reliability: 'G', credibility: 7 } }), 400, 'VALIDATION_FAILED'],
      [report({ location: { lat: 137, lon: 68 } }), 400, 'VALIDATION_FAILED'],
      [report({ narrative: { text: '   ', lang: 'en' } }), 400, 'VALIDATION_FAILED'],
      [report({ narrative: { text: 'x', lang: 'de' } }), 400, 'VALIDATION_FAILED'],
      [report({ reportingUnitId: randomUUID() }), 400, 'VALIDATION_FAILED'],
      [report({ followUpOf: randomUUID() }), 400, 'VALIDATION_FAILED'],
      [report({ status: 'published' }), 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const res = await reporter.request('POST', '/api/events', body, { headers: { 'idempotency-key': randomUUID() } });
      expect(res.status, `${JSON.stringify(body).slice(0, 200)} → ${res.text}`).toBe(status);
      expect(res.body.error.code).toBe(code);
    }
    const far = await reporter.post('/api/events', report({ location: { lat: 38.56, lon: 68.78 } }));
    expect(far.body.error.message).toMatch(/km from the nearest border section/);
    expect(far.body.error.details.distanceKm).toBeGreaterThan(100);
    const short = await reporter.request('POST', '/api/events', report(), { headers: { 'idempotency-key': 'x' } });
    expect(short.status).toBe(400);
    expect(await Promise.all([count('events'), count('record_versions'), count('outbox'), count('event_idempotency')])).toEqual(before);
  });

  it('a narrative with script tags is stored and returned as the text it was, in any of the five languages', async () => {
    const texts = [
      ['en', '<script>alert(1)</script><img src=x onerror=alert(2)> crossing at night'],
      ['fa', 'دو نفر از دریای پنج عبور کردند <b>bold</b>'],
      ['ps', 'دوه کسان د پنج سیند څخه تېر شول ۍ'],
      ['tg', 'Ду нафар аз дарёи Панҷ гузаштанд'],
      ['ru', 'Двое пересекли реку Пяндж'],
    ] as const;
    for (const [lang, text] of texts) {
      const e = await create(reporter, report({ narrative: { text, lang } }));
      const back = await reporter.get(`/api/events/${e.id}`);
      expect(back.headers.get('content-type')).toMatch(/^application\/json/);
      expect(back.body.properties.narrative).toEqual({ text, lang });
    }
  });

  it('workflow: a reporter cannot validate; a validator of the owning agency validates and publishes; every step is audited', async () => {
    const e = await create(reporter, report());
    const sub = await step(reporter, e.id, 'submit', 1);
    expect(sub.status, sub.text).toBe(200);
    expect(sub.body.properties.status).toBe('submitted');
    const self = await step(reporter, e.id, 'validate', 2);
    expect(self.status).toBe(403);
    expect((await step(reporter, e.id, 'publish', 2)).status).toBe(403);
    // af.liaison (another state) does not even see the submitted report.
    expect((await step(liaison, e.id, 'validate', 2)).status).toBe(403);
    expect((await liaison.get(`/api/events/${e.id}`)).status).toBe(404);
    // Publishing is only from validated.
    const early = await step(validator, e.id, 'publish', 2);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('INVALID_TRANSITION');
    expect((await validator.request('POST', `/api/events/${e.id}/validate`, {})).status).toBe(428);
    expect((await step(validator, e.id, 'validate', 1)).status).toBe(412);
    const val = await step(validator, e.id, 'validate', 2);
    expect(val.status, val.text).toBe(200);
    expect(val.body.properties).toMatchObject({ status: 'validated', validatedBy: expect.any(String) });
    const pub = await step(validator, e.id, 'publish', 3);
    expect(pub.body.properties.status).toBe('published');
    expect(pub.body.properties.firstPublishedAt).toEqual(expect.any(String));
    const actions = (await auditOf(e.id)).map((a) => a.action);
    expect(actions).toEqual(['record.create', 'event.submit', 'record.update', 'event.validate', 'record.update', 'event.publish', 'record.update']);
  });

  it('a validator who wrote the report cannot validate it (four eyes); a commander can', async () => {
    const e = await create(validator, report({ submit: true }));
    expect((await step(validator, e.id, 'validate', 1)).status).toBe(403);
    expect((await step(commander, e.id, 'validate', 1)).status).toBe(200);
  });

  it('returned with a comment, corrected by the author (a new version with history), submitted again', async () => {
    const e = await create(reporter, report({ submit: true }));
    const noComment = await step(validator, e.id, 'return', 1);
    expect(noComment.status).toBe(400);
    const ret = await step(validator, e.id, 'return', 1, { comment: 'Which crossing point? Add the quantity seized.' });
    expect(ret.body.properties).toMatchObject({ status: 'returned', returnComment: 'Which crossing point? Add the quantity seized.' });
    const fix = await reporter.request('PATCH', `/api/events/${e.id}`, { severity: 'critical', note: 'quantity added' }, { headers: { 'if-match': '"2"' } });
    expect(fix.status, fix.text).toBe(200);
    expect(fix.body.properties.severity).toBe('critical');
    const again = await step(reporter, e.id, 'submit', 3);
    expect(again.body.properties).toMatchObject({ status: 'submitted', returnComment: null });
    const history = await reporter.get(`/api/events/${e.id}/history`);
    expect(history.body.items.map((h: { status: string }) => h.status)).toEqual(['submitted', 'returned', 'returned', 'submitted']);
    expect(history.body.items[1].body.severity).toBe('high');
    expect(history.body.items[2].body.severity).toBe('critical');
    // The author may no longer change it once submitted.
    expect((await reporter.request('PATCH', `/api/events/${e.id}`, { severity: 'low' }, { headers: { 'if-match': '"4"' } })).status).toBe(403);
  });

  it('a published event is corrected by a validator, closed by its author; a closed event is not corrected', async () => {
    const e = await published();
    const v = e.properties.version;
    const moved = await validator.request('PATCH', `/api/events/${e.id}`, { location: { lat: 37.6, lon: 69.7 }, note: 'position from GPS' }, { headers: { 'if-match': `"${v}"` } });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.properties.sectionId).not.toBe(e.properties.sectionId);
    expect(moved.body.properties.status).toBe('published');
    expect((await step(reporter, e.id, 'close', v + 1)).status).toBe(400);
    const closed = await step(reporter, e.id, 'close', v + 1, { outcome: 'resolved', comment: 'Suspects detained, goods seized.' });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body.properties.closure).toMatchObject({ outcome: 'resolved', comment: 'Suspects detained, goods seized.' });
    expect((await validator.request('PATCH', `/api/events/${e.id}`, { severity: 'low' }, { headers: { 'if-match': `"${v + 2}"` } })).body.error.code).toBe('INVALID_TRANSITION');
  });

  it('a partner observer sees only published events released to them; names of persons never', async () => {
    const green = await published({ marking: { tlp: 'GREEN' }, involved: { persons: [{ role: 'suspect', count: 1, names: ['Karim Nazarov'] }] } });
    const amber = await published();
    const draftGreen = await create(reporter, report({ marking: { tlp: 'GREEN' } }));
    const list = await observer.get('/api/events?status=all&limit=10000');
    expect(list.status).toBe(200);
    const ids = list.body.features.map((f: { id: string }) => f.id);
    expect(ids).toContain(green.id);
    expect(ids).not.toContain(amber.id);
    expect(ids).not.toContain(draftGreen.id);
    for (const f of list.body.features) expect(['published', 'closed']).toContain(f.properties.status);
    expect((await observer.get(`/api/events/${draftGreen.id}`)).status).toBe(404);
    const seen = await observer.get(`/api/events/${green.id}`);
    expect(seen.body.properties.involved.persons[0]).toMatchObject({ count: 1, names: [] });
    expect(seen.body.properties.abilities).toEqual({ update: false, submit: false, validate: false, return: false, publish: false, close: false });
    expect((await validator.get(`/api/events/${green.id}`)).body.properties.involved.persons[0].names).toEqual(['Karim Nazarov']);
    // POST is refused to observers.
    expect((await observer.post('/api/events', report())).status).toBe(403);
  });

  it('GET /api/events: only the picture by default, filters and keyset paging with next links', async () => {
    const a = await published({ category: 'flood', occurredAt: hoursAgo(30), location: { lat: 37.46, lon: 71.51 } });
    const b = await published({ category: 'flood', occurredAt: hoursAgo(31), location: { lat: 37.47, lon: 71.52 } });
    const c = await published({ category: 'mudflow', occurredAt: hoursAgo(32), location: { lat: 37.46, lon: 71.5 } });
    const draft = await create(reporter, report({ category: 'flood', occurredAt: hoursAgo(30.5), location: { lat: 37.46, lon: 71.51 } }));
    const where = `bbox=71.4,37.4,71.6,37.5&from=${encodeURIComponent(hoursAgo(40))}`;
    const q = `${where}&category=flood,mudflow`;
    const all = await reporter.get(`/api/events?${q}`);
    expect(all.status, all.text).toBe(200);
    expect(all.body.features.map((f: { id: string }) => f.id)).toEqual([a.id, b.id, c.id]);
    expect(all.body.next).toBeNull();
    const floods = await reporter.get(`/api/events?${where}&category=flood`);
    expect(floods.body.features.map((f: { id: string }) => f.id)).toEqual([a.id, b.id]);
    const withDrafts = await reporter.get(`/api/events?${q}&status=all`);
    expect(withDrafts.body.features.map((f: { id: string }) => f.id)).toEqual([a.id, draft.id, b.id, c.id]);
    const onlyDrafts = await reporter.get(`/api/events?${q}&status=draft`);
    expect(onlyDrafts.body.features.map((f: { id: string }) => f.id)).toEqual([draft.id]);
    // Pages of 1, following the next link.
    const seen: string[] = [];
    let url: string | null = `/api/events?${q}&limit=1`;
    while (url) {
      const page: ApiResponse = await reporter.get(url);
      expect(page.status, page.text).toBe(200);
      seen.push(...page.body.features.map((f: { id: string }) => f.id));
      url = page.body.links.find((l: { rel: string }) => l.rel === 'next')?.href ?? null;
      expect(seen.length).toBeLessThan(10);
    }
    expect(seen).toEqual([a.id, b.id, c.id]);
    for (const bad of ['bbox=1,2,3', 'bbox=71,38,72,37', 'category=ufo', 'limit=0', 'limit=100001', 'cursor=nonsense', 'from=yesterday', 'status=gone', 'unknown=1']) {
      const res = await reporter.get(`/api/events?${bad}`);
      expect(res.status, bad).toBe(400);
    }
  });

  it('follow-up reports point at the first report', async () => {
    const first = await published();
    const follow = await create(reporter, report({ followUpOf: first.id, category: 'detention', narrative: { text: 'Both detained.', lang: 'en' } }));
    expect(follow.properties.followUpOf).toBe(first.id);
    const second = await create(reporter, report({ followUpOf: follow.id, narrative: { text: 'Handed to the Drug Control Agency.', lang: 'en' } }));
    expect(second.properties.followUpOf).toBe(first.id);
    const list = await reporter.get(`/api/events?followUpOf=${first.id}&status=all`);
    expect(list.body.features.map((f: { id: string }) => f.id).sort()).toEqual([follow.id, second.id].sort());
  });

  it('the live stream announces a published event to the partner observer, never the draft before it', async () => {
    const stream = await openStream(node.url, observer.cookie);
    const about = (id: string) => (m: { data: unknown }) => (m.data as { id?: string } | null)?.id === id;
    try {
      const e = await create(reporter, report({ submit: true, marking: { tlp: 'GREEN' } }));
      await step(validator, e.id, 'validate', 1);
      await step(validator, e.id, 'publish', 2);
      const heard = await stream.waitFor(about(e.id), 5000);
      expect(heard.data).toMatchObject({ type: 'event', id: e.id, version: 3 });
      expect(stream.events.filter(about(e.id)).map((m) => (m.data as { version: number }).version)).toEqual([3]);
    } finally {
      stream.close();
    }
  });

  it('the reporting delay per unit flags events first shared more than 24 h after detection', async () => {
    const late = await published({ occurredAt: hoursAgo(50), location: { lat: 37.6, lon: 69.7 } });
    const quick = await published({ occurredAt: hoursAgo(3), location: { lat: 37.6, lon: 69.7 } });
    const detectedLate = await published({ occurredAt: hoursAgo(80), detectedAt: hoursAgo(10), location: { lat: 37.6, lon: 69.7 } });
    const res = await validator.get(`/api/events/stats/reporting-delay?from=${encodeURIComponent(hoursAgo(100))}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.limitHours).toBe(24);
    const unitId = (await reporter.get('/api/auth/me')).body.user.unitId;
    const unit = res.body.units.find((u: { unitId: string }) => u.unitId === unitId);
    const lateIds = unit.late.map((l: { eventId: string }) => l.eventId);
    expect(lateIds).toContain(late.id);
    expect(lateIds).not.toContain(quick.id);
    // Delay counts from detection, not occurrence.
    expect(lateIds).not.toContain(detectedLate.id);
    expect(unit.late.find((l: { eventId: string }) => l.eventId === late.id).hours).toBeGreaterThan(49);
    expect(unit.overLimit).toBeGreaterThanOrEqual(1);
    expect(unit.withinLimitShare).toBeLessThan(1);
    expect((await validator.get('/api/events/stats/reporting-delay?from=2026-13-01')).status).toBe(400);
  });

  it('CSV export: the same filters, formulas defused', async () => {
    const e = await published({ category: 'avalanche', narrative: { text: '=HYPERLINK("http://x") avalanche, "big"', lang: 'en' }, location: { lat: 37.04, lon: 72.66 } });
    const res = await reporter.get(`/api/events/export.csv?category=avalanche&bbox=72.5,36.9,72.8,37.2`);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,occurredAt,reportedAt,category/);
    const line = lines.find((l) => l.startsWith(e.id))!;
    expect(line).toContain('avalanche');
    expect(line).toContain(`"'=HYPERLINK(""http://x"") avalanche, ""big"""`);
    expect((await reporter.get('/api/events/export.csv?bbox=1,2')).status).toBe(400);
  });
});
