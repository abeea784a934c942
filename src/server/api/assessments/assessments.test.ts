import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRecords } from '../../../store/records.repository.ts';
import { riskEngine } from '../../../services/risk.service.ts';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { openStream } from '../../testing/sse.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

/** A heroin seizure on the Panj near Panji Poyon (Khatlon / Kunduz). */
const seizure = (over: Record<string, unknown> = {}) => ({
  category: 'smuggling_narcotics',
  severity: 'medium',
  occurredAt: daysAgo(1),
  location: { lat: 37.215, lon: 68.62 },
  narrative: { text: 'Heroin seized from a courier who crossed the Panj by inner tube.', lang: 'en' },
  involved: { persons: [{ role: 'suspect', count: 1 }], goods: [{ description: 'heroin', quantity: 4, unit: 'kg' }] },
  grading: { reliability: 'A', credibility: 2 },
  submit: true,
  ...over,
});

interface Feature {
  id: string;
  properties: { ref: string; impactLevel: string | null; assessment: Record<string, any> };
}

describe.each(await testDialects())('threat assessments over HTTP (%s)', (dialect) => {
  let node: TestNode;
  let reporter: ApiClient;
  let validator: ApiClient;
  let analyst: ApiClient;
  let liaison: ApiClient;
  let observer: ApiClient;

  const settle = () => riskEngine(node.ctx).settled();
  const sections = async (client: ApiClient = reporter) => {
    await settle();
    const res = await client.get('/api/sections');
    expect(res.status).toBe(200);
    return res.body.features as Feature[];
  };
  const sectionOf = async (id: string) => (await sections()).find((f) => f.id === id)!;
  const count = async (table: 'risk_overrides' | 'assessment_snapshots' | 'assessments') =>
    Number((await node.ctx.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  async function publish(body: Record<string, unknown>) {
    const created = await reporter.request('POST', '/api/events', body);
    expect(created.status, created.text).toBe(201);
    const e = created.body as { id: string; properties: { version: number; sectionId: string } };
    const v = await validator.request('POST', `/api/events/${e.id}/validate`, {}, { headers: { 'if-match': `"${e.properties.version}"` } });
    expect(v.status, v.text).toBe(200);
    const p = await validator.request('POST', `/api/events/${e.id}/publish`, {}, { headers: { 'if-match': `"${e.properties.version + 1}"` } });
    expect(p.status, p.text).toBe(200);
    return { id: e.id, sectionId: e.properties.sectionId };
  }

  beforeAll(async () => {
    node = await startTestNode(dialect);
    [reporter, validator, analyst, liaison, observer] = await Promise.all([
      node.as('tj.reporter'),
      node.as('tj.validator'),
      node.as('tj.analyst'),
      node.as('af.liaison'),
      node.as('partner.observer'),
    ]);
  }, 120_000);
  afterAll(async () => node?.close());

  it('every section feature carries its assessment; without events every section is low', async () => {
    const features = await sections(observer);
    expect(features.length).toBe(24);
    for (const f of features) {
      expect(f.properties.impactLevel).toBe('low');
      expect(f.properties.assessment).toMatchObject({ level: 'low', computedLevel: 'low', score: 0, override: null, explanation: [{ key: 'no_events' }] });
      expect(Date.parse(f.properties.assessment.computedAt)).toBeGreaterThan(Date.now() - 60_000);
    }
    // the first evaluation of the day stored a daily snapshot per section, and seeding backfilled 30 days
    const history = await reporter.get(`/api/assessments?from=${encodeURIComponent(daysAgo(31))}`);
    expect(history.status).toBe(200);
    const daily = history.body.items.filter((s: { cause: string }) => s.cause === 'daily');
    expect(daily).toHaveLength(24 * 31);
    expect(new Set(daily.map((s: { at: string }) => s.at.slice(0, 10))).size).toBe(31);
    // seeding again adds nothing
    expect(await riskEngine(node.ctx).backfill(30)).toBe(0);
  });

  let hot: string;

  it('three graded-A heroin seizures in a week make the section high, explained, announced live and shared with a notice', async () => {
    const stream = await openStream(node.url, observer.cookie);
    try {
      const first = await publish(seizure({ occurredAt: daysAgo(6) }));
      hot = first.sectionId;
      // one seizure in an exposed river section is not yet high
      expect(['low', 'medium']).toContain((await sectionOf(hot)).properties.assessment.level);
      await publish(seizure({ occurredAt: daysAgo(3) }));
      await publish(seizure({ occurredAt: daysAgo(1) }));
      const f = await sectionOf(hot);
      expect(f.properties.ref).toBe('tj-af-03');
      expect(f.properties.impactLevel).toBe('high');
      const a = f.properties.assessment;
      expect(a).toMatchObject({ level: 'high', computedLevel: 'high', override: null });
      expect(a.explanation[0]).toMatchObject({ key: 'events', params: { category: 'smuggling_narcotics', count: 3, days: 6, detail: 'heroin' } });
      expect(a.explanation[0].share).toBeCloseTo(1, 5);
      expect(a.explanation[0].params.near.en).toMatch(/Panji Poyon/);
      expect(a.explanation.some((x: { key: string }) => x.key.startsWith('factor.'))).toBe(true);

      // the level change reaches the live stream as an assessment record
      const announced = await stream.waitFor((e) => e.event === 'record' && (e.data as { type: string }).type === 'assessment', 5000);
      const [record] = await listRecords(node.ctx.db.kysely, 'assessment', { section_id: hot });
      expect((announced.data as { id: string }).id).toBe(record!.id);
      expect(record!.body).toMatchObject({ level: 'high', computedLevel: 'high', sectionRef: 'tj-af-03' });
      // rose to medium or higher: the counterpart units across the river are named
      expect(record!.body.notice).toMatchObject({ to: 'high', states: ['AF'] });
      expect(record!.body.notice!.unitRefs).toEqual(expect.arrayContaining(['af-bcp-sher-khan-bandar', 'af-post-qala-i-zal']));
      expect(record!.body.notice!.unitRefs.every((r) => r.startsWith('af-'))).toBe(true);
      expect(record!.marking).toMatchObject({ tlp: 'GREEN', hops: 1 });
      // outbox: the federation picks it up under the agreements
      const outbox = await node.ctx.db.kysely.selectFrom('outbox').select(['type', 'record_id']).where('record_id', '=', record!.id).execute();
      expect(outbox.length).toBeGreaterThanOrEqual(1);
    } finally {
      stream.close();
    }
    const history = await reporter.get(`/api/assessments?section=${hot}`);
    expect(history.body.items.map((s: { level: string; cause: string }) => `${s.cause}:${s.level}`)).toEqual(expect.arrayContaining(['daily:low', 'change:high']));
  });

  it('the same events as F6 rumours do not raise a section', async () => {
    const rumour = { grading: { reliability: 'F', credibility: 6 }, location: { lat: 37.03, lon: 68.05 } };
    const e = await publish(seizure({ ...rumour, occurredAt: daysAgo(5) }));
    await publish(seizure({ ...rumour, occurredAt: daysAgo(3) }));
    await publish(seizure({ ...rumour, occurredAt: daysAgo(1) }));
    expect(e.sectionId).not.toBe(hot);
    const f = await sectionOf(e.sectionId);
    expect(f.properties.assessment.level).toBe('low');
    expect(f.properties.assessment.score).toBeGreaterThan(0);
  });

  it('an analyst overrides with a reason and an expiry: both levels visible, audited; the override wins until withdrawn', async () => {
    const before = await count('risk_overrides');
    const bad = [
      { level: 'critical', reason: 'x', expiresAt: daysAgo(-1) },
      { level: 'severe', reason: 'convoy expected', expiresAt: daysAgo(-1) },
      { level: 'critical', reason: 'convoy expected', expiresAt: daysAgo(1) },
      { level: 'critical', reason: 'convoy expected', expiresAt: daysAgo(-91) },
      { level: 'critical', reason: 'convoy expected', expiresAt: 'tomorrow' },
    ];
    for (const b of bad) {
      const res = await analyst.request('POST', '/api/assessments/overrides', { section: hot, ...b });
      expect(res.status, JSON.stringify(b)).toBe(400);
      expect(res.body.error.code).toMatch(/VALIDATION/);
    }
    expect((await reporter.request('POST', '/api/assessments/overrides', { section: hot, level: 'critical', reason: 'convoy expected', expiresAt: daysAgo(-1) })).status).toBe(403);
    expect((await liaison.request('POST', '/api/assessments/overrides', { section: hot, level: 'critical', reason: 'convoy expected', expiresAt: daysAgo(-1) })).status).toBe(403);
    expect(await count('risk_overrides')).toBe(before);

    const set = await analyst.request('POST', '/api/assessments/overrides', { section: hot, level: 'critical', reason: 'Convoy expected at the ford', expiresAt: daysAgo(-2) });
    expect(set.status, set.text).toBe(201);
    expect(set.body.assessment).toMatchObject({ level: 'critical', computedLevel: 'high', override: { level: 'critical', reason: 'Convoy expected at the ford' } });
    const f = await sectionOf(hot);
    expect(f.properties.impactLevel).toBe('critical');
    expect(f.properties.assessment).toMatchObject({ level: 'critical', computedLevel: 'high' });
    expect(f.properties.assessment.explanation[0]).toMatchObject({ key: 'override', params: { level: 'critical' } });
    const audit = await node.ctx.db.kysely.selectFrom('audit_log').select(['action', 'detail_json']).where('entity_id', '=', hot).where('action', 'like', 'assessment.%').execute();
    expect(audit.map((x) => x.action)).toEqual(['assessment.override_set']);
    expect(JSON.parse(audit[0]!.detail_json)).toMatchObject({ level: 'critical', computedLevel: 'high' });
    const [record] = await listRecords(node.ctx.db.kysely, 'assessment', { section_id: hot });
    expect(record!.body).toMatchObject({ level: 'critical', computedLevel: 'high', override: { level: 'critical' } });

    const list = await observer.get(`/api/assessments/overrides?section=${hot}`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ status: 'active', level: 'critical' });

    const cleared = await analyst.request('DELETE', `/api/assessments/overrides/${set.body.override.id}`);
    expect(cleared.status, cleared.text).toBe(200);
    expect(cleared.body.assessment).toMatchObject({ level: 'high', override: null });
    expect((await analyst.request('DELETE', `/api/assessments/overrides/${set.body.override.id}`)).status).toBe(409);
    expect((await sectionOf(hot)).properties.assessment.level).toBe('high');
  });

  it('an override ends by itself at its expiry', async () => {
    const set = await analyst.request('POST', '/api/assessments/overrides', { section: hot, level: 'low', reason: 'Patrol reinforced', expiresAt: new Date(Date.now() + 1500).toISOString() });
    expect(set.status, set.text).toBe(201);
    expect((await sectionOf(hot)).properties.assessment.level).toBe('low');
    await new Promise((r) => setTimeout(r, 1700));
    expect((await sectionOf(hot)).properties.assessment).toMatchObject({ level: 'high', override: null });
  });

  it('the report\'s seizure totals are the seizure records (kg normalised), equal to a hand count', async () => {
    // the report of yesterday (UTC): "that day" is yesterday, the week the 7 days to its end
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const at = (daysBefore: number, hour = 12) => new Date(Date.parse(`${yesterday}T00:00:00Z`) - daysBefore * 86_400_000 + hour * 3_600_000).toISOString();
    const add = async (eventId: string, s: Record<string, unknown>) => {
      const res = await reporter.post(`/api/events/${eventId}/seizures`, { concealment: 'backpack', conveyance: 'on_foot', detectionMethod: 'patrol', ...s });
      expect(res.status, res.text).toBe(201);
    };
    const a = await publish(seizure({ occurredAt: at(0, 6), location: { lat: 37.6, lon: 69.9 } }));
    await add(a.id, { itemKind: 'narcotics', substance: 'heroin', quantity: { value: 2.5, unit: 'kg' }, seizedAt: at(0, 6) });
    await add(a.id, { itemKind: 'narcotics', substance: 'heroin', quantity: { value: 800, unit: 'g' }, seizedAt: at(0, 7) });
    const b = await publish(seizure({ occurredAt: at(3), location: { lat: 37.6, lon: 69.9 } }));
    await add(b.id, { itemKind: 'narcotics', substance: 'opium', quantity: { value: 12, unit: 'kg' }, seizedAt: at(3) });
    await add(b.id, { itemKind: 'ammunition', substance: 'ammunition', quantity: { value: 150, unit: 'rounds' }, seizedAt: at(3) });
    // outside the week (7 days before the day) and on a draft event: not counted
    await add(b.id, { itemKind: 'narcotics', substance: 'opium', quantity: { value: 40, unit: 'kg' }, seizedAt: at(7) });
    const draft = await reporter.post('/api/events', seizure({ occurredAt: at(1), submit: false }));
    expect(draft.status, draft.text).toBe(201);
    await add(draft.body.id, { itemKind: 'narcotics', substance: 'heroin', quantity: { value: 50, unit: 'kg' }, seizedAt: at(1) });

    const report = await validator.get(`/api/assessments/report?date=${yesterday}`);
    expect(report.status, report.text).toBe(200);
    // by hand: heroin 2.5 + 0.8 = 3.3 kg in 2 seizures that day; opium 12 kg and 150 rounds in the week
    const expected = [
      { itemKind: 'narcotics', substance: 'opium', day: { seizures: 0, kg: 0, counts: {} }, week: { seizures: 1, kg: 12, counts: {} } },
      { itemKind: 'narcotics', substance: 'heroin', day: { seizures: 2, kg: 3.3, counts: {} }, week: { seizures: 2, kg: 3.3, counts: {} } },
      { itemKind: 'ammunition', substance: 'ammunition', day: { seizures: 0, kg: 0, counts: {} }, week: { seizures: 1, kg: 0, counts: { rounds: 150 } } },
    ];
    expect(report.body.seizures.border).toEqual(expected);
    expect(report.body.seizures.states).toEqual([{ code: 'TJ', items: expected }]);
    // seizures of events the reader may not read are not in their totals
    expect((await liaison.get(`/api/assessments/report?date=${yesterday}`)).body.seizures.border).toEqual([]);
  });

  it('current assessments, history bounds and the daily situation report', async () => {
    const current = await observer.get('/api/assessments/current');
    expect(current.status).toBe(200);
    const row = current.body.items.find((x: { sectionId: string }) => x.sectionId === hot);
    expect(row).toMatchObject({ sectionRef: 'tj-af-03', assessment: { level: 'high' }, abilities: { override: false } });
    expect(row.anomaly).toMatchObject({ count: 3 });
    expect((await analyst.get('/api/assessments/current')).body.items[0].abilities).toEqual({ override: true });

    expect((await reporter.get('/api/assessments?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z')).status).toBe(400);
    expect((await reporter.get('/api/assessments?section=nope')).status).toBe(400);
    expect((await reporter.get(`/api/assessments?to=${encodeURIComponent(daysAgo(400))}`)).body.items).toEqual([]);

    const report = await liaison.get('/api/assessments/report');
    expect(report.status, report.text).toBe(200);
    expect(report.body.states.map((s: { code: string }) => s.code)).toEqual(['AF', 'TJ', 'UZ'].filter((c) => report.body.states.some((s: { code: string }) => s.code === c)));
    expect(report.body.border.levels.high).toBeGreaterThanOrEqual(1);
    expect(report.body.topEvents[0]).toMatchObject({ sectionId: hot, category: 'smuggling_narcotics', count: 3 });
    expect((await liaison.get('/api/assessments/report?date=2099-01-01')).status).toBe(400);
    expect((await liaison.get('/api/assessments/report?date=yesterday')).status).toBe(400);
  });
});
