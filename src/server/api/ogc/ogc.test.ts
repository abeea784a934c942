import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const report = (over: Record<string, unknown> = {}) => ({
  category: 'illegal_crossing',
  severity: 'low',
  occurredAt: hoursAgo(5),
  location: { lat: 37.215, lon: 68.62 },
  narrative: { text: 'Two people crossed the Panj at night.', lang: 'en' },
  grading: { reliability: 'B', credibility: 2 },
  submit: true,
  ...over,
});

interface Feature {
  type: 'Feature';
  id: string;
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
}
interface Collection {
  type: 'FeatureCollection';
  features: Feature[];
  numberReturned: number;
  links: { href: string; rel: string; type?: string }[];
}

describe.each(await testDialects())('OGC API – Features at /ogc (%s)', (dialect) => {
  let node: TestNode;
  let reporter: ApiClient;
  let validator: ApiClient;
  let liaison: ApiClient;
  let gis: ApiClient;
  const ids: Record<string, string> = {};

  async function publish(body: Record<string, unknown>): Promise<string> {
    const created = await reporter.post('/api/events', body);
    expect(created.status, created.text).toBe(201);
    const v = created.body.properties.version as number;
    expect((await validator.request('POST', `/api/events/${created.body.id}/validate`, {}, { headers: { 'if-match': `"${v}"` } })).status).toBe(200);
    expect((await validator.request('POST', `/api/events/${created.body.id}/publish`, {}, { headers: { 'if-match': `"${v + 1}"` } })).status).toBe(200);
    return created.body.id as string;
  }

  /** Follows a URL the server gave out (absolute) with this client. */
  const follow = (client: ApiClient, href: string) => client.get(new URL(href).pathname + new URL(href).search);

  beforeAll(async () => {
    node = await startTestNode(dialect);
    [reporter, validator, liaison] = await Promise.all([node.as('tj.reporter'), node.as('tj.validator'), node.as('af.liaison')]);
    // QGIS and GDAL authenticate with an API token
    const token = await validator.post('/api/me/tokens', { name: 'qgis', expiresInDays: 7 });
    expect(token.status, token.text).toBe(201);
    gis = new ApiClient(node.url);
    gis.bearer = token.body.secret;
    // Panji Poyon (west) and Khorog (east), AMBER (TJ only) and GREEN (everyone), one draft
    ids['west'] = await publish(report({ occurredAt: hoursAgo(30) }));
    ids['westGreen'] = await publish(report({ occurredAt: hoursAgo(20), marking: { tlp: 'GREEN' } }));
    ids['east'] = await publish(report({ occurredAt: hoursAgo(10), location: { lat: 37.49, lon: 71.55 }, category: 'smuggling_goods' }));
    const draft = await reporter.post('/api/events', report({ submit: false, marking: { tlp: 'GREEN' } }));
    ids['draft'] = draft.body.id;
  }, 120_000);
  afterAll(async () => node?.close());

  it('landing page, conformance (Core + GeoJSON) and collections, with an API token', async () => {
    const landing = await gis.get('/ogc');
    expect(landing.status, landing.text).toBe(200);
    const rels = (landing.body.links as { rel: string; href: string }[]).map((l) => l.rel);
    expect(rels).toEqual(expect.arrayContaining(['self', 'service-desc', 'conformance', 'data']));
    const conformance = await follow(gis, landing.body.links.find((l: { rel: string }) => l.rel === 'conformance').href);
    expect(conformance.body.conformsTo).toEqual(
      expect.arrayContaining(['http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core', 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson']),
    );
    const collections = await gis.get('/ogc/collections');
    expect(collections.body.collections.map((c: { id: string }) => c.id)).toEqual(['events', 'sections', 'units', 'crossing-points', 'communities']);
    for (const c of collections.body.collections) {
      expect(c.links.find((l: { rel: string }) => l.rel === 'items')).toMatchObject({ type: 'application/geo+json' });
      expect(c.extent.spatial.bbox[0]).toHaveLength(4);
    }
    expect((await gis.get('/ogc/collections/sections')).body.id).toBe('sections');
    expect((await gis.get('/ogc/collections/nope')).status).toBe(404);
    // not signed in: nothing
    for (const path of ['/ogc', '/ogc/conformance', '/ogc/collections', '/ogc/collections/events/items']) expect((await node.anonymous().get(path)).status, path).toBe(401);
  });

  it('events: published only, as GeoJSON, filtered by bbox and datetime, authorised like the API', async () => {
    const res = await gis.get('/ogc/collections/events/items');
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const all = res.body as Collection;
    expect(all.type).toBe('FeatureCollection');
    expect(all.features.map((f) => f.id).sort()).toEqual([ids['west'], ids['westGreen'], ids['east']].sort());
    expect(all.numberReturned).toBe(3);
    expect(all.features[0]!.geometry.type).toBe('Point');
    // bbox around Khorog only
    const east = (await gis.get('/ogc/collections/events/items?bbox=71,37,72,38')).body as Collection;
    expect(east.features.map((f) => f.id)).toEqual([ids['east']]);
    // datetime: an interval, half-open intervals, an instant
    const from = encodeURIComponent(`${hoursAgo(25)}/..`);
    expect(((await gis.get(`/ogc/collections/events/items?datetime=${from}`)).body as Collection).features.map((f) => f.id).sort()).toEqual([ids['westGreen'], ids['east']].sort());
    const until = encodeURIComponent(`../${hoursAgo(25)}`);
    expect(((await gis.get(`/ogc/collections/events/items?datetime=${until}`)).body as Collection).features.map((f) => f.id)).toEqual([ids['west']]);
    const one = (await gis.get(`/ogc/collections/events/items/${ids['east']}`)).body as Feature;
    const at = encodeURIComponent(String(one.properties['occurredAt']));
    expect(((await gis.get(`/ogc/collections/events/items?datetime=${at}`)).body as Collection).features.map((f) => f.id)).toEqual([ids['east']]);
    // one feature, with its links; a draft is not in the collection
    expect(one).toMatchObject({ type: 'Feature', id: ids['east'], geometry: { type: 'Point', coordinates: [71.55, 37.49] } });
    expect((await gis.get(`/ogc/collections/events/items/${ids['draft']}`)).status).toBe(404);
    // the Afghan liaison officer sees only the GREEN event; the AMBER ones are not found
    const theirs = (await liaison.get('/ogc/collections/events/items')).body as Collection;
    expect(theirs.features.map((f) => f.id)).toEqual([ids['westGreen']]);
    expect((await liaison.get(`/ogc/collections/events/items/${ids['west']}`)).status).toBe(404);
  });

  it('paging: limit and next links walk every feature once', async () => {
    const seen: string[] = [];
    let page = (await gis.get('/ogc/collections/events/items?limit=1')).body as Collection;
    for (;;) {
      expect(page.features.length).toBeLessThanOrEqual(1);
      seen.push(...page.features.map((f) => f.id));
      const next = page.links.find((l) => l.rel === 'next');
      if (!next) break;
      expect(next.href).toMatch(/limit=1/);
      page = (await follow(gis, next.href)).body as Collection;
    }
    expect(seen.sort()).toEqual([ids['west'], ids['westGreen'], ids['east']].sort());
    // registry collections page by offset the same way
    const units: string[] = [];
    let upage = (await gis.get('/ogc/collections/units/items?limit=10')).body as Collection;
    for (;;) {
      units.push(...upage.features.map((f) => f.id));
      const next = upage.links.find((l) => l.rel === 'next');
      if (!next) break;
      upage = (await follow(gis, next.href)).body as Collection;
    }
    const api = await gis.get('/api/units');
    expect(units.sort()).toEqual(api.body.items.map((u: { id: string }) => u.id).sort());
    expect(new Set(units).size).toBe(units.length);
  });

  it('sections, units, crossing points and communities as features', async () => {
    const sections = (await gis.get('/ogc/collections/sections/items')).body as Collection;
    expect(sections.features).toHaveLength(24);
    expect(sections.features[0]!.geometry.type).toBe('LineString');
    expect(sections.features[0]!.properties['impactLevel']).toBe('low');
    const cps = (await gis.get('/ogc/collections/crossing-points/items')).body as Collection;
    expect(cps.features.length).toBeGreaterThan(0);
    expect(cps.features.every((f) => f.properties['kind'] === 'crossing_point' && f.geometry.type === 'Point')).toBe(true);
    // Khorog's box: only what lies in it
    const inBox = (await gis.get('/ogc/collections/communities/items?bbox=71.4,37.4,71.7,37.6')).body as Collection;
    for (const f of inBox.features) {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      expect(lon >= 71.4 && lon <= 71.7 && lat >= 37.4 && lat <= 37.6).toBe(true);
    }
    const section = sections.features[3]!;
    expect(((await gis.get(`/ogc/collections/sections/items/${section.id}`)).body as Feature).id).toBe(section.id);
    expect((await gis.get('/ogc/collections/units/items/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('bad bbox, datetime, limit or parameters: 400 with a stable code', async () => {
    const cases: [string, string][] = [
      ['bbox=1,2,3', 'INVALID_BBOX'],
      ['bbox=68,38,71,36', 'INVALID_BBOX'],
      ['bbox=a,b,c,d', 'INVALID_BBOX'],
      ['bbox=-200,0,0,1', 'INVALID_BBOX'],
      ['datetime=yesterday', 'INVALID_DATETIME'],
      ['datetime=2026-03-02T00:00:00Z/2026-03-01T00:00:00Z', 'INVALID_DATETIME'],
      ['datetime=../..', 'INVALID_DATETIME'],
      ['limit=0', 'INVALID_LIMIT'],
      ['limit=10001', 'INVALID_LIMIT'],
      ['limit=ten', 'INVALID_LIMIT'],
      ['colour=red', 'INVALID_PARAMETER'],
      ['limit=1&limit=2', 'INVALID_PARAMETER'],
      ['f=xml', 'INVALID_PARAMETER'],
    ];
    for (const [q, code] of cases) {
      for (const c of ['events', 'sections']) {
        const res = await gis.get(`/ogc/collections/${c}/items?${q}`);
        expect(res.status, `${c}?${q}`).toBe(400);
        expect(res.body.error.code, `${c}?${q}`).toBe(code);
      }
    }
    expect((await gis.get('/ogc/collections/events/items?cursor=bogus')).body.error.code).toBe('VALIDATION_FAILED');
    expect((await gis.get('/ogc?bbox=1,2,3,4')).body.error.code).toBe('INVALID_PARAMETER');
  });
});
