import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByUsername, insertUser } from '../../../store/users.repository.ts';
import type { ApiClient } from '../../testing/api-client.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';

type Feature = { id: string; geometry: { type: string; coordinates: [number, number] }; properties: { placeId: string; placeType: string; ref: string | null; kind: string; count: number; initiatives: { id: string; partner: string; ref: string; title: string; start: string; end: string | null; status: string; budget: number | null; currency: string | null }[] } };
type Unit = { id: string; ref: string; location: [number, number] };
type Section = { properties: { id: string; ref: string }; geometry: { coordinates: [number, number][] } };

// Registry look-ups and record filtering only (no SQL of its own): SQLite is enough.
describe('initiatives on the map: GET /api/initiatives/map', { timeout: 120_000 }, () => {
  let tj: TestNode;
  let observer: ApiClient;
  let commander: ApiClient;
  let units: Unit[];
  let sections: Section[];

  beforeAll(async () => {
    tj = await startTestNode('sqlite');
    [observer, commander] = await Promise.all([tj.as('partner.observer'), tj.as('tj.commander')]);
    units = (await observer.get('/api/units')).body.items;
    sections = (await observer.get('/api/sections')).body.features;
  }, 120_000);
  afterAll(async () => tj?.close());

  const unit = (ref: string) => units.find((u) => u.ref === ref)!;
  const mapOf = async (c: ApiClient) => {
    const res = await c.get('/api/initiatives/map');
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    return res.body as { type: string; features: Feature[]; unplaced: unknown[] };
  };

  it('answers a GeoJSON FeatureCollection with the seeded initiatives at their places and coordinates', async () => {
    const map = await mapOf(observer);
    expect(map.type).toBe('FeatureCollection');
    expect(map.unplaced).toEqual([]);
    // EU's BOMCA-9 is seeded at the Panji Poyon BLO (with UNODC's BLO programme): one place, two initiatives.
    const blo = unit('tj-blo-panji-poyon');
    const at = map.features.find((f) => f.id === blo.id)!;
    expect(at.geometry).toEqual({ type: 'Point', coordinates: blo.location });
    expect(at.properties).toMatchObject({ placeId: blo.id, placeType: 'unit', ref: 'tj-blo-panji-poyon', kind: 'blo', count: 2 });
    expect(at.properties.initiatives.map((i) => `${i.partner}/${i.ref}`)).toEqual(['EU/BOMCA-9', 'UNODC/UNODC-BLO']);
    expect(at.properties.initiatives[0]).toMatchObject({ title: 'Border Management Programme in Central Asia, phase 9', status: 'ongoing', budget: 6_000_000, currency: 'EUR' });
    // A crossing point and a border section are places too; the section's point lies on its line.
    expect(map.features.find((f) => f.id === unit('tj-bcp-panji-poyon').id)!.properties.initiatives.map((i) => i.ref)).toContain('EXBS-TJ');
    const sectionRef = 'tj-af-15';
    const section = sections.find((s) => s.properties.ref === sectionRef)!;
    const sf = map.features.find((f) => f.id === section.properties.id)!;
    expect(sf.properties).toMatchObject({ placeType: 'section', kind: 'border_section', ref: sectionRef });
    expect(sf.properties.initiatives.map((i) => i.ref).sort()).toEqual(['EXBS-TJ', 'ME-DRR']);
    const [lon, lat] = sf.geometry.coordinates;
    const xs = section.geometry.coordinates.map((c) => c[0]);
    const ys = section.geometry.coordinates.map((c) => c[1]);
    expect(lon).toBeGreaterThanOrEqual(Math.min(...xs));
    expect(lon).toBeLessThanOrEqual(Math.max(...xs));
    expect(lat).toBeGreaterThanOrEqual(Math.min(...ys));
    expect(lat).toBeLessThanOrEqual(Math.max(...ys));
    // Every feature's count is its list's length; no place twice.
    for (const f of map.features) expect(f.properties.count).toBe(f.properties.initiatives.length);
    expect(new Set(map.features.map((f) => f.id)).size).toBe(map.features.length);
  });

  it('shows a new initiative at its place, and an AMBER one only to those who may read it on the partners page', async () => {
    const zorkul = unit('tj-post-zorkul');
    const body = { ref: `MAP-${randomUUID().slice(0, 8)}`, partner: 'OSCE', title: 'Patrol base at Zorkul', start: '2026-01-01', status: 'planned', budget: 75_000, currency: 'EUR', places: [{ type: 'unit', id: zorkul.id }] };
    expect((await commander.post('/api/initiatives', body)).status).toBe(201);
    const amber = { ...body, ref: `${body.ref}-A`, title: 'Restricted support at Zorkul', marking: { tlp: 'AMBER', releasableTo: { states: [], agencies: [], units: [] } } };
    const created = await commander.post('/api/initiatives', amber);
    expect(created.status, created.text).toBe(201);

    const titlesAt = (m: { features: Feature[] }) => m.features.find((f) => f.id === zorkul.id)?.properties.initiatives.map((i) => i.title) ?? [];
    expect(titlesAt(await mapOf(commander))).toEqual(['Patrol base at Zorkul', 'Restricted support at Zorkul']);
    expect(titlesAt(await mapOf(observer))).toEqual(['Patrol base at Zorkul']);
    // The partners page's list agrees with the map for each reader.
    const listed = (await observer.get('/api/initiatives?partner=OSCE')).body.items.map((i: { title: string }) => i.title);
    expect(listed).not.toContain('Restricted support at Zorkul');
  });

  it('refuses a reader without partners:read with the stable 403, and an anonymous caller with 401', async () => {
    // Every role reads partners and the admin API wants a role: a user whose roles were taken
    // away in the database is the one signed-in reader without the permission.
    const model = (await findUserByUsername(tj.ctx.db.kysely, 'partner.observer'))!;
    await insertUser(tj.ctx.db.kysely, { ...model, id: randomUUID(), username: 'no.roles', roles: [] });
    const noRoles = await tj.as('no.roles');
    const res = await noRoles.get('/api/initiatives/map');
    expect([res.status, res.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await noRoles.get('/api/initiatives')).status).toBe(403); // the partners page's own answer
    const anon = await tj.anonymous().get('/api/initiatives/map');
    expect([anon.status, anon.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});
