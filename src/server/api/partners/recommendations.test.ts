import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';

describe.each(await testDialects())('recommendations tracker over HTTP (%s)', { timeout: 120_000 }, (dialect) => {
  let tj: TestNode;
  let commander: ApiClient;
  let analyst: ApiClient;
  let observer: ApiClient;

  beforeAll(async () => {
    tj = await startTestNode(dialect);
    [commander, analyst, observer] = await Promise.all([tj.as('tj.commander'), tj.as('tj.analyst'), tj.as('partner.observer')]);
  }, 120_000);
  afterAll(async () => tj?.close());

  it('holds the seven tracked items of the 2012 text, with late actions computed', async () => {
    const res = await observer.get('/api/recommendations');
    expect(res.status, res.text).toBe(200);
    const refs = res.body.items.map((r: { ref: string }) => r.ref);
    expect(refs.filter((r: string) => r.startsWith('dushanbe-2012.'))).toHaveLength(7);
    const lesson3 = res.body.items.find((r: { ref: string }) => r.ref === 'dushanbe-2012.lesson-3');
    expect(lesson3.text).toContain('no helicopters are available for border management');
    expect(lesson3.late).toEqual(['helicopter']);
    expect(res.body.items.find((r: { ref: string }) => r.ref === 'dushanbe-2012.way-forward-3').status).toBe('done');
  });

  it('a later meeting adds a commitment; actions and evidence change by version; every change audited', async () => {
    const created = await commander.post('/api/recommendations', {
      ref: 'som-2026.c1',
      meeting: 'Japan–EU Senior Officials’ Meeting',
      meetingDate: '2026-10-15',
      kind: 'commitment',
      title: { en: 'Joint patrol plan for the Panj in winter', ru: 'План совместного патрулирования Пянджа зимой' },
      text: 'Both border services agree a winter patrol plan.',
      source: 'Minutes of the meeting',
      status: 'not_started',
      actions: [{ id: 'plan', text: 'Draft the plan', owner: 'TJ Border Troops', deadline: '2026-11-01', status: 'planned' }],
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ version: 1, late: ['plan'] });
    const id = created.body.id;
    const done = await commander.request('PATCH', `/api/recommendations/${id}`, { status: 'done', actions: [{ id: 'plan', text: 'Draft the plan', owner: 'TJ Border Troops', deadline: '2026-11-01', status: 'done', evidence: [{ text: 'Plan signed at the BLO', at: '2026-11-20' }] }] }, { headers: { 'if-match': '"1"' } });
    expect(done.status, done.text).toBe(200);
    expect(done.body).toMatchObject({ version: 2, status: 'done', late: [] });
    expect(done.body.actions[0].evidence[0]).toMatchObject({ text: 'Plan signed at the BLO', url: null, indicator: null });
    const stale = await commander.request('PATCH', `/api/recommendations/${id}`, { status: 'late' }, { headers: { 'if-match': '"1"' } });
    expect([stale.status, stale.body.error.code]).toEqual([412, 'VERSION_CONFLICT']);
    expect((await commander.patch(`/api/recommendations/${id}`, { status: 'late' })).body.error.code).toBe('PRECONDITION_REQUIRED');
    const audit = await tj.ctx.db.kysely.selectFrom('audit_log').select(['action', 'entity_id']).where('entity_id', '=', id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['recommendation.created', 'recommendation.updated']);
  });

  it('who may change the tracker, and bad input', async () => {
    const item = (await observer.get('/api/recommendations')).body.items[0];
    expect((await analyst.request('PATCH', `/api/recommendations/${item.id}`, { status: 'done' }, { headers: { 'if-match': `"${item.version}"` } })).status).toBe(403);
    expect((await observer.post('/api/recommendations', {})).body.error.code).toBe('FORBIDDEN');
    const bad = (body: object) => commander.post('/api/recommendations', { ref: 'som-2026.bad', meeting: 'M', meetingDate: '2026-10-15', kind: 'commitment', title: { en: 'T' }, text: 'T', source: 'S', status: 'not_started', ...body });
    expect((await bad({ status: 'maybe' })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await bad({ title: { ru: 'Только русский' } })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await bad({ meetingDate: '2026-02-30' })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await bad({ actions: [{ id: 'a', text: 'x', owner: 'o', deadline: null, status: 'planned' }, { id: 'a', text: 'y', owner: 'o', deadline: null, status: 'planned' }] })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await bad({ actions: [{ id: 'a', text: 'x', owner: 'o', deadline: null, status: 'planned', evidence: [{ text: 'e', url: 'javascript:alert(1)', at: '2026-01-01' }] }] })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await bad({ ref: 'dushanbe-2012.lesson-1' })).body.error.code).toBe('CONFLICT');
  });
});
