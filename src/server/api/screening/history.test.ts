import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';

/**
 * Screening history per unit (docs/screening.md): desk officers see their unit's screenings,
 * validators and commanders their agency's; outcomes filter; the traveller never appears, not
 * in the answer and not in the audit of the read.
 */
describe.each(await testDialects())('screening history (%s)', { timeout: 120_000 }, (dialect) => {
  let node: TestNode;
  let analyst: ApiClient;
  let customs: ApiClient;
  let reporter: ApiClient;
  let validator: ApiClient;
  let alertId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    node = await startTestNode(dialect);
    [analyst, customs, reporter, validator] = await Promise.all([node.as('tj.analyst'), node.as('tj.customs'), node.as('tj.reporter'), node.as('tj.validator')]);
    const a = await analyst.post('/api/alerts', {
      subject: { kind: 'person', names: [{ name: 'Бахтиёр Шарипов', quality: 'good' }], birthDates: [], nationalities: ['TJ'], documents: ['P1199002'] },
      reason: 'History test alert',
      action: 'discreet_check',
    });
    alertId = a.body.id;
    ids.hit = (await customs.post('/api/screen', { name: 'Бахтиёр Шарипов', document: 'P1199002' })).body.id;
    ids.none = (await customs.post('/api/screen', { name: 'Someone Entirely Different' })).body.id;
    ids.confirmed = (await customs.post('/api/screen', { name: 'Bakhtiyor Sharipov' })).body.id;
    expect((await customs.post(`/api/screenings/${ids.confirmed}/hits/${alertId}/decision`, { decision: 'confirmed' })).status).toBe(200);
    ids.reporter = (await reporter.post('/api/screen', { name: 'Бахтиёр Шарипов' })).body.id;
  });
  afterAll(async () => node?.close());

  it('a desk officer sees the unit\'s screenings, newest first, with outcomes and never the traveller', async () => {
    const res = await customs.get('/api/screenings');
    expect(res.status, res.text).toBe(200);
    const mine = res.body.items.map((i: { id: string }) => i.id);
    expect(mine).toEqual(expect.arrayContaining([ids.hit, ids.none, ids.confirmed]));
    expect(mine).not.toContain(ids.reporter);
    expect(mine.indexOf(ids.confirmed)).toBeLessThan(mine.indexOf(ids.hit));
    const hit = res.body.items.find((i: { id: string }) => i.id === ids.hit);
    expect(hit).toMatchObject({ hasIdentifiers: true, hitCount: 1, officer: { username: 'tj.customs' } });
    expect(hit.hits[0]).toMatchObject({ alertId, listed: 'Бахтиёр Шарипов', decision: 'pending', hitReportId: null });
    expect(res.body.items.find((i: { id: string }) => i.id === ids.none)).toMatchObject({ hasIdentifiers: false, hitCount: 0, hits: [] });
    expect(res.text).not.toContain('Someone');
    expect(res.text).not.toContain('P1199002');
  });

  it('filters by outcome and pages', async () => {
    const confirmed = await customs.get('/api/screenings?outcome=confirmed');
    expect(confirmed.body.items.map((i: { id: string }) => i.id)).toEqual([ids.confirmed]);
    const none = await customs.get('/api/screenings?outcome=no_hit');
    expect(none.body.items.map((i: { id: string }) => i.id)).toEqual([ids.none]);
    const pending = await customs.get('/api/screenings?outcome=pending');
    expect(pending.body.items.map((i: { id: string }) => i.id)).toEqual([ids.hit]);
    const page = await customs.get('/api/screenings?limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(page.body.items).toHaveLength(1);
  });

  it('refuses another unit to a desk officer and bad filters, with stable codes', async () => {
    const other = await reporter.get(`/api/screenings?unitId=${'0'.repeat(8)}-0000-4000-8000-000000000000`);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('FORBIDDEN');
    for (const q of ['outcome=maybe', 'limit=0', 'limit=101', 'from=yesterday', 'nope=1']) {
      const res = await customs.get(`/api/screenings?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await analyst.get('/api/screenings')).status).toBe(403);
  });

  it('a validator oversees the agency\'s desks (border guard), not another agency\'s (customs)', async () => {
    const res = await validator.get('/api/screenings');
    const seen = res.body.items.map((i: { id: string }) => i.id);
    expect(seen).toContain(ids.reporter);
    expect(seen).not.toContain(ids.hit);
  });

  it('reading the history is audited with the count and the filter, never a name', async () => {
    await customs.get('/api/screenings?outcome=confirmed');
    await node.ctx.reads.flush();
    const rows = await node.ctx.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'personal_data.read').where('entity_type', '=', 'screening_history').execute();
    expect(rows.length).toBeGreaterThan(0);
    const text = JSON.stringify(rows);
    expect(text).toContain('confirmed');
    expect(text).not.toContain('Бахтиёр');
    expect(text).not.toContain('Sharipov');
  });
});
