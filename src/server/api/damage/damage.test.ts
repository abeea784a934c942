import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KHOROG_FLOOD } from '../warnings/fixtures.testing.ts';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';

describe.each(await testDialects())('damage, needs and resources over HTTP (%s)', { timeout: 120_000 }, (dialect) => {
  let tj: TestNode;
  let analyst: ApiClient;
  let reporter: ApiClient;
  let afLiaison: ApiClient;
  let customs: ApiClient;
  let warningId: string;

  beforeAll(async () => {
    tj = await startTestNode(dialect);
    [analyst, reporter, afLiaison, customs] = await Promise.all([tj.as('tj.analyst'), tj.as('tj.reporter'), tj.as('af.liaison'), tj.as('tj.customs')]);
    warningId = (await analyst.post('/api/warnings', KHOROG_FLOOD)).body.id;
  }, 120_000);
  afterAll(async () => tj?.close());

  it('reports linked to a warning, aggregated per section across both banks', async () => {
    const road = await reporter.post('/api/damage', { warningId, location: [71.53, 37.5], kind: 'road', level: 'destroyed', description: 'Mudflow cut the Pamir highway north of Khorog', peopleAffected: 120, peopleDisplaced: 30, needs: ['engineering', 'shelter'] });
    expect(road.status, road.text).toBe(201);
    expect(road.body).toMatchObject({ stateCode: 'TJ', warningId, marking: { tlp: 'CLEAR' } });
    expect(road.body.sectionId).toEqual(expect.any(String));
    const bridge = await afLiaison.post('/api/damage', { warningId, location: [71.5, 37.48], kind: 'bridge', level: 'major', description: 'Footbridge at Shighnan damaged', peopleAffected: 80, needs: ['boats', 'engineering'] });
    expect(bridge.status, bridge.text).toBe(201);
    expect(bridge.body.stateCode).toBe('AF');
    await reporter.post('/api/damage', { location: [68.6, 37.2], kind: 'building', level: 'minor', description: 'Unrelated: roof at Panji Poyon', peopleAffected: 5 });

    const list = await customs.get(`/api/damage?warning=${warningId}`);
    expect(list.body.items).toHaveLength(2);
    const summary = await customs.get(`/api/damage/summary?warning=${warningId}`);
    expect((await customs.get('/api/damage/summary')).body.items.length).toBeGreaterThanOrEqual(summary.body.items.length);
    expect(summary.status, summary.text).toBe(200);
    const total = summary.body.items.reduce((n: number, s: { peopleAffected: number }) => n + s.peopleAffected, 0);
    expect(total).toBe(200);
    const top = summary.body.items[0];
    expect(top.sectionName.en).toMatch(/Khorog/);
    expect(summary.body.items.flatMap((s: { states: string[] }) => s.states).sort()).toEqual(['AF', 'TJ']);
    expect(summary.body.items.reduce((n: number, s: { needs: { engineering?: number } }) => n + (s.needs.engineering ?? 0), 0)).toBe(2);
  });

  it('bad input writes nothing: unknown warning, displaced above affected, unknown kind', async () => {
    const before = (await customs.get('/api/damage')).body.items.length;
    expect((await reporter.post('/api/damage', { warningId: '00000000-0000-4000-8000-000000000000', location: null, kind: 'road', level: 'major', description: 'x road' })).status).toBe(400);
    expect((await reporter.post('/api/damage', { location: null, kind: 'road', level: 'major', description: 'x road', peopleAffected: 1, peopleDisplaced: 5 })).status).toBe(400);
    expect((await reporter.post('/api/damage', { location: null, kind: 'volcano', level: 'major', description: 'x road' })).status).toBe(400);
    expect((await customs.post('/api/damage', { location: null, kind: 'road', level: 'major', description: 'no role' })).status).toBe(403);
    expect((await customs.get('/api/damage')).body.items.length).toBe(before);
  });

  it('resources per side, and the gaps: no helicopter on either side', async () => {
    const before = (await customs.get('/api/resources')).body.gaps.find((g: { kind: string }) => g.kind === 'medical_team').byState;
    expect((await reporter.post('/api/resources', { kind: 'boat', quantity: 2 })).status).toBe(201);
    expect((await afLiaison.post('/api/resources', { kind: 'medical_team', quantity: 1 })).status).toBe(201);
    expect((await reporter.post('/api/resources', { kind: 'medical_team', quantity: 3, note: 'Khorog hospital' })).status).toBe(201);
    const view = await customs.get('/api/resources');
    expect(view.status, view.text).toBe(200);
    expect(view.body.states).toEqual(expect.arrayContaining(['AF', 'TJ']));
    const row = (k: string) => view.body.gaps.find((g: { kind: string }) => g.kind === k);
    expect(row('helicopter')).toMatchObject({ gapEverywhere: true });
    expect(row('boat')).toMatchObject({ gapEverywhere: false, missingIn: expect.arrayContaining(['AF']) });
    expect(row('medical_team').byState).toMatchObject({ TJ: (before.TJ ?? 0) + 3, AF: (before.AF ?? 0) + 1 });
    expect((await reporter.post('/api/resources', { kind: 'boat', quantity: -1 })).status).toBe(400);
  });
});
