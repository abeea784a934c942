import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const LANGS = ['en', 'fa', 'ps', 'ru', 'tg'];
const USERS = ['admin', 'tj.reporter', 'tj.validator', 'tj.analyst', 'tj.commander', 'tj.customs', 'af.liaison', 'af.customs', 'partner.observer'];
const name = (en: string) => ({ en, ru: `${en} ру`, tg: `${en} тҷ`, fa: `${en} فا`, ps: `${en} پښ` });

const validSection = (en: string) => ({
  type: 'Feature',
  geometry: { type: 'LineString', coordinates: [[69.0, 37.0], [69.1, 37.0], [69.1, 37.1]] },
  properties: { scenario: 'tj-af', order: 100, name: name(en), terrain: 'river_plain', riverName: 'Panj', provinces: { TJ: 'Khatlon', AF: 'Kunduz' }, patrolCoverage: 0.4 },
});

describe.each(await testDialects())('registry API over HTTP (%s)', (dialect) => {
  let node: TestNode;
  const c: Record<string, ApiClient> = {};
  let borderGuardId: string;

  beforeAll(async () => {
    node = await startTestNode(dialect);
    for (const u of USERS) c[u] = await node.as(u);
    const agencies = (await c.admin!.get('/api/agencies')).body.items as { id: string; ref: string }[];
    borderGuardId = agencies.find((a) => a.ref === 'tj-border-troops')!.id;
  });
  afterAll(async () => node?.close());

  const count = async (table: 'units' | 'sections' | 'audit_log' | 'outbox') =>
    Number((await node.ctx.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const newUnit = (en: string, marking?: unknown) => ({
    agencyId: borderGuardId,
    kind: 'border_post',
    name: name(en),
    location: [69.5, 37.3],
    ...(marking ? { marking } : {}),
  });

  it.each(USERS)('GET /api/sections is an RFC 7946 FeatureCollection of LineStrings for %s', async (user) => {
    const res = await c[user]!.get('/api/sections');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    expect(res.body.type).toBe('FeatureCollection');
    const features = res.body.features as any[];
    expect(features.length).toBeGreaterThanOrEqual(20);
    expect(features.length).toBeLessThanOrEqual(30);
    for (const f of features) {
      expect(f.type).toBe('Feature');
      expect(f.id).toMatch(UUID);
      expect(f.properties.id).toBe(f.id);
      expect(f.geometry.type).toBe('LineString');
      expect(f.geometry.coordinates.length).toBeGreaterThanOrEqual(2);
      for (const [lon, lat, ...rest] of f.geometry.coordinates) {
        expect(rest).toEqual([]);
        // Tajik–Afghan border: lon 67–76 E, lat 36–39 N; swapped order would fail here.
        expect(lon).toBeGreaterThan(67);
        expect(lon).toBeLessThan(76);
        expect(lat).toBeGreaterThan(36);
        expect(lat).toBeLessThan(39);
      }
      expect(Object.keys(f.properties.name).sort()).toEqual(LANGS);
      for (const l of LANGS) expect(f.properties.name[l].trim().length).toBeGreaterThan(0);
      expect(f.properties.lengthKm).toBeGreaterThan(0);
      expect(['low', 'medium', 'high', 'critical', null]).toContain(f.properties.impactLevel);
    }
    const orders = features.map((f) => f.properties.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
  });

  it('anonymous requests to the registry are 401 UNAUTHENTICATED', async () => {
    for (const path of ['/api/sections', '/api/units', '/api/states', '/api/agencies', '/api/communities']) {
      const res = await node.anonymous().get(path);
      expect(res.status, path).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('?kind=crossing_point returns only crossing points, each paired with one of the other state', async () => {
    const all = (await c['tj.analyst']!.get('/api/units')).body.items as any[];
    const byId = new Map(all.map((u) => [u.id, u]));
    const res = await c['tj.analyst']!.get('/api/units?kind=crossing_point');
    expect(res.status).toBe(200);
    const items = res.body.items as any[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThan(all.length);
    for (const u of items) {
      expect(u.kind).toBe('crossing_point');
      expect(u.pairedWithId).toMatch(UUID);
      const other = byId.get(u.pairedWithId);
      expect(other, `${u.ref} pairs with a known unit`).toBeDefined();
      expect(other.kind).toBe('crossing_point');
      expect(other.stateCode).not.toBe(u.stateCode);
      expect(other.pairedWithId).toBe(u.id);
    }
    expect(new Set(items.map((u) => u.stateCode))).toEqual(new Set(['TJ', 'AF']));
  });

  it('an unknown unit kind is 400 VALIDATION_FAILED', async () => {
    const res = await c['tj.analyst']!.get('/api/units?kind=castle');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('POST /api/units as administrator creates version 1, visible in GET', async () => {
    const res = await c.admin!.post('/api/units', { ...newUnit('Post Alpha'), locode: 'TJXAA' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 1, agencyId: borderGuardId, stateCode: 'TJ', kind: 'border_post', name: name('Post Alpha'), location: [69.5, 37.3], locode: 'TJXAA', pairedWithId: null });
    expect(res.body.id).toMatch(UUID);
    const list = (await c['af.customs']!.get('/api/units?kind=border_post')).body.items as any[];
    expect(list.find((u) => u.id === res.body.id)?.name.en).toBe('Post Alpha');
  });

  it('POST /api/units as a reporter is 403 FORBIDDEN and writes nothing', async () => {
    const before = { units: await count('units'), audit: await count('audit_log'), outbox: await count('outbox') };
    const res = await c['tj.reporter']!.post('/api/units', newUnit('Post Sneaky'));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect({ units: await count('units'), audit: await count('audit_log'), outbox: await count('outbox') }).toEqual(before);
    const anon = await node.anonymous().post('/api/units', newUnit('Post Anonymous'));
    expect(anon.status).toBe(401);
    expect(await count('units')).toBe(before.units);
  });

  it('POST /api/units with an unknown agency is 400 and writes nothing', async () => {
    const before = await count('units');
    const res = await c.admin!.post('/api/units', { ...newUnit('Post Orphan'), agencyId: '00000000-0000-4000-8000-000000000000' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(await count('units')).toBe(before);
  });

  it('POST /api/sections with a valid GeoJSON Feature is 201 with the computed length', async () => {
    const before = await count('sections');
    const res = await c.admin!.post('/api/sections', validSection('New section'));
    expect(res.status).toBe(201);
    expect(res.body.type).toBe('Feature');
    expect(res.body.geometry).toEqual(validSection('x').geometry);
    // 0.1° of longitude at 37° N ≈ 8.88 km, plus 0.1° of latitude ≈ 11.12 km.
    expect(res.body.properties.lengthKm).toBeCloseTo(20.0, 0);
    expect(res.body.properties).toMatchObject({ order: 100, terrain: 'river_plain', riverName: 'Panj', version: 1, impactLevel: null });
    expect(await count('sections')).toBe(before + 1);
    const fc = (await c['partner.observer']!.get('/api/sections')).body;
    expect(fc.features.some((f: any) => f.id === res.body.id)).toBe(true);
  });

  it('POST /api/sections accepts RFC 7946 positions with an altitude and keeps lon/lat', async () => {
    const body = validSection('With altitude');
    const withAltitude = { ...body, geometry: { type: 'LineString', coordinates: body.geometry.coordinates.map(([lon, lat]: number[]) => [lon, lat, 350]) } };
    const res = await c.admin!.post('/api/sections', withAltitude);
    expect(res.status).toBe(201);
    expect(res.body.geometry.coordinates).toEqual(body.geometry.coordinates);
  });

  const line = validSection('Bad');
  const invalid: [string, unknown][] = [
    ['Polygon instead of LineString', { ...line, geometry: { type: 'Polygon', coordinates: [[[69, 37], [69.1, 37], [69.1, 37.1], [69, 37]]] } }],
    ['a single position', { ...line, geometry: { type: 'LineString', coordinates: [[69, 37]] } }],
    ['latitude 95', { ...line, geometry: { type: 'LineString', coordinates: [[69, 37], [69.1, 95]] } }],
    ['longitude 200', { ...line, geometry: { type: 'LineString', coordinates: [[200, 37], [69.1, 37]] } }],
    ['coordinates as strings', { ...line, geometry: { type: 'LineString', coordinates: [['69', '37'], ['69.1', '37']] } }],
    ['four numbers in a position', { ...line, geometry: { type: 'LineString', coordinates: [[69, 37, 1, 2], [69.1, 37]] } }],
    ['NaN-like strings', { ...line, geometry: { type: 'LineString', coordinates: [['NaN', 'Infinity'], [69.1, 37]] } }],
    ['missing feature type', { geometry: line.geometry, properties: line.properties }],
    ['missing geometry type', { ...line, geometry: { coordinates: line.geometry.coordinates } }],
    ['a FeatureCollection', { type: 'FeatureCollection', features: [line] }],
    ['a name in four languages', { ...line, properties: { ...line.properties, name: { en: 'a', ru: 'b', tg: 'c', fa: 'd' } } }],
  ];
  it.each(invalid)('POST /api/sections with %s is 400 VALIDATION_FAILED and writes nothing', async (_what, body) => {
    const before = { sections: await count('sections'), audit: await count('audit_log') };
    const res = await c.admin!.post('/api/sections', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect({ sections: await count('sections'), audit: await count('audit_log') }).toEqual(before);
  });

  it('POST /api/sections as a non-administrator is 403', async () => {
    const before = await count('sections');
    const res = await c['tj.commander']!.post('/api/sections', validSection('Not mine'));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(await count('sections')).toBe(before);
  });

  const sees = async (user: string, id: string) => ((await c[user]!.get('/api/units')).body.items as any[]).some((u) => u.id === id);

  it('an AMBER+STRICT unit is seen inside the owning agency only', async () => {
    const res = await c.admin!.post('/api/units', newUnit('Strict post', { tlp: 'AMBER+STRICT' }));
    expect(res.status).toBe(201);
    expect(res.body.marking.tlp).toBe('AMBER+STRICT');
    const id = res.body.id as string;
    expect(await sees('admin', id)).toBe(true);
    expect(await sees('tj.commander', id)).toBe(true);
    expect(await sees('tj.reporter', id)).toBe(true); // same agency, other unit
    expect(await sees('tj.customs', id)).toBe(false); // same state, other agency
    expect(await sees('af.liaison', id)).toBe(false);
    expect(await sees('partner.observer', id)).toBe(false);
  });

  it('an AMBER unit is seen in the owning state, but not by the partner observer of that state', async () => {
    const res = await c.admin!.post('/api/units', newUnit('Amber post', { tlp: 'AMBER' }));
    const id = res.body.id as string;
    expect(await sees('tj.customs', id)).toBe(true);
    expect(await sees('af.liaison', id)).toBe(false);
    expect(await sees('partner.observer', id)).toBe(false);
  });

  it("a RED unit is seen only by the administrator's own unit", async () => {
    const me = async (u: string) => (await c[u]!.get('/api/auth/me')).body.user as { unitId: string | null };
    const adminUnit = (await me('admin')).unitId;
    expect(adminUnit).not.toBeNull();
    const res = await c.admin!.post('/api/units', newUnit('Red post', { tlp: 'RED' }));
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    for (const user of USERS) {
      const sameUnit = (await me(user)).unitId === adminUnit;
      expect(await sees(user, id), user).toBe(sameUnit);
    }
    expect(await sees('tj.commander', id)).toBe(true); // the seeded commander sits in the same headquarters
    expect(await sees('tj.reporter', id)).toBe(false);
  });

  it('a GREEN unit released to nobody in particular is seen by every role, partners included', async () => {
    const res = await c.admin!.post('/api/units', newUnit('Green post', { tlp: 'GREEN' }));
    for (const user of USERS) expect(await sees(user, res.body.id), user).toBe(true);
  });
});
