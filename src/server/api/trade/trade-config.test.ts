import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';
import { crossingPoints, declaration } from './trade-fixtures.ts';

// The rules and markets editor's endpoints (docs/trade.md): what an analyst saves is what the
// engine applies to the next declaration; bad input answers 400 VALIDATION_FAILED with the field
// paths, a taken reference 409 CONFLICT, an unknown rule or market 404 NOT_FOUND.
describe.each(await testDialects())('trade editor API: selectivity rules and markets (%s)', (dialect) => {
  let node: TestNode;
  let customs: ApiClient;
  let analyst: ApiClient;
  let admin: ApiClient;
  let points: Map<string, string>;

  beforeAll(async () => {
    node = await startTestNode(dialect);
    [customs, analyst, admin] = await Promise.all([node.as('tj.customs'), node.as('tj.analyst'), node.as('admin')]);
    points = await crossingPoints(customs);
  }, 120_000);
  afterAll(async () => node?.close());

  const paths = (res: { body: { error: { details?: { path: string }[] } } }) => (res.body.error.details ?? []).map((d) => d.path);

  it('a rule saved by the analyst routes the next declaration; edited it routes differently; switched off it no longer fires', async () => {
    const trader = `TJ-TIN-${Date.now()}`;
    const rule = { id: `editor-${Date.now()}`, name: 'Editor: this trader, documents', lane: 'yellow', rate: 1, when: { traders: [trader] } };
    const created = await analyst.post('/api/selectivity/rules', rule);
    expect(created.status, created.text).toBe(200);
    const lodge = () => customs.post('/api/declarations', declaration(points, { consignor: { name: 'Editor Trading LLC', id: trader, country: 'TJ' } }));

    const first = await lodge();
    expect(first.status, first.text).toBe(201);
    expect(['yellow', 'red']).toContain(first.body.lane); // red only if the random draw picked it
    expect(first.body.laneRules).toContain(rule.id);

    const edited = await analyst.put(`/api/selectivity/rules/${rule.id}`, { ...rule, lane: 'red' });
    expect(edited.status, edited.text).toBe(200);
    const second = await lodge();
    expect(second.body.lane).toBe('red');
    expect(second.body.laneRules).toContain(rule.id);

    expect((await analyst.put(`/api/selectivity/rules/${rule.id}`, { ...rule, active: false })).status).toBe(200);
    const third = await lodge();
    expect(third.body.laneRules).not.toContain(rule.id);
    const listed = (await admin.get('/api/selectivity/rules')).body.items.find((r: { id: string }) => r.id === rule.id);
    expect(listed).toMatchObject({ active: false, lane: 'yellow', rate: 1 });

    const audit = await node.ctx.db.kysely.selectFrom('audit_log').select(['action']).where('entity_id', '=', rule.id).where('action', 'like', 'selectivity.%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['selectivity.rule_saved', 'selectivity.rule_updated', 'selectivity.rule_updated']);
  });

  it('refuses bad rules with stable codes and the field paths', async () => {
    const base = { id: `bad-${Date.now()}`, name: 'Bad', lane: 'red' };
    const empty = await analyst.post('/api/selectivity/rules', { ...base, when: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('VALIDATION_FAILED');
    expect(paths(empty)).toEqual(['when']);
    const hs = await analyst.post('/api/selectivity/rules', { ...base, when: { hsPrefixes: ['8469', '77'] } });
    expect(hs.body.error.code).toBe('VALIDATION_FAILED');
    expect(paths(hs)).toEqual(['when.hsPrefixes.0', 'when.hsPrefixes.1']);
    const band = await analyst.post('/api/selectivity/rules', { ...base, when: { valuePerKgUsd: { min: 5, max: 1 } } });
    expect(paths(band)).toEqual(['when.valuePerKgUsd.min']);
    const origin = await analyst.post('/api/selectivity/rules', { ...base, when: { origins: ['XX'] } });
    expect(paths(origin)).toEqual(['when.origins.0']);
    for (const rate of [0, 1.5, -1]) {
      const r = await analyst.post('/api/selectivity/rules', { ...base, rate, when: { hsPrefixes: ['25'] } });
      expect(r.status, String(rate)).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    }
    const lane = await analyst.post('/api/selectivity/rules', { ...base, lane: 'green', when: { hsPrefixes: ['25'] } });
    expect(lane.body.error.code).toBe('VALIDATION_FAILED');
    const missing = await analyst.put('/api/selectivity/rules/no-such-rule', { ...base, id: 'no-such-rule', when: { hsPrefixes: ['25'] } });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const renamed = await analyst.put('/api/selectivity/rules/no-such-rule', { ...base, when: { hsPrefixes: ['25'] } });
    expect(renamed.body.error.code).toBe('VALIDATION_FAILED');
    expect(paths(renamed)).toEqual(['id']);
    // Nothing of the above was stored.
    const ids = (await analyst.get('/api/selectivity/rules')).body.items.map((r: { id: string }) => r.id);
    expect(ids).not.toContain(base.id);
  });

  it('the administrator creates, edits and switches off a market; its days stay; bad input and taken refs are refused', async () => {
    const ref = `market-${Date.now()}`;
    const body = { ref, name: { en: 'Darvaz bazaar', ru: 'Базар Дарваз' }, unitId: points.get('tj-bcp-ruzvai'), weekday: 'sat', opens: '08:00', closes: '14:00' };
    const created = await admin.post('/api/markets', body);
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ ref, active: true, weekday: 'sat' });
    const id = created.body.id as string;
    expect((await customs.post(`/api/markets/${id}/days`, { day: '2026-11-28', tradersTj: 10, tradersAf: 12, visitors: 100, turnoverUsd: 1500 })).status).toBe(201);

    const dup = await analyst.post('/api/markets', body);
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('CONFLICT');

    const edited = await analyst.put(`/api/markets/${id}`, { ...body, opens: '09:00', active: false });
    expect(edited.status, edited.text).toBe(200);
    const listed = (await customs.get('/api/markets?from=2026-11-01&to=2026-12-01')).body.items.find((m: { id: string }) => m.id === id);
    expect(listed).toMatchObject({ active: false, opens: '09:00', totals: { marketDays: 1 } });

    const hours = await admin.post('/api/markets', { ...body, ref: `${ref}-b`, opens: '15:00', closes: '09:00' });
    expect(hours.status).toBe(400);
    expect(hours.body.error.code).toBe('VALIDATION_FAILED');
    expect(paths(hours)).toEqual(['closes']);
    const notPoint = await admin.post('/api/markets', { ...body, ref: `${ref}-c`, unitId: '00000000-0000-4000-8000-000000000000' });
    expect(paths(notPoint)).toEqual(['unitId']);
    const badRef = await admin.post('/api/markets', { ...body, ref: 'Not A Ref' });
    expect(badRef.body.error.code).toBe('VALIDATION_FAILED');
    const missing = await admin.put('/api/markets/00000000-0000-4000-8000-000000000000', body);
    expect(missing.status).toBe(404);
  });
});
