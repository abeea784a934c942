import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCapXml } from '../../../domain/warnings/cap-xml.ts';
import { capSchemaErrors } from '../../testing/cap-schema.ts';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';
import { DUSHANBE_STORM, KHOROG_FLOOD } from './fixtures.testing.ts';

const CAP = (xml: string) => ({ rawBody: xml, headers: { 'content-type': 'application/cap+xml' } });

describe.each(await testDialects())('hazard warnings over HTTP (%s)', { timeout: 120_000 }, (dialect) => {
  let tj: TestNode;
  let af: TestNode;
  let analyst: ApiClient;
  let reporter: ApiClient;
  let observer: ApiClient;
  let afAnalyst: ApiClient;

  beforeAll(async () => {
    [tj, af] = await Promise.all([startTestNode(dialect), startTestNode(dialect, { nodeState: 'AF', nodeName: 'sarhad-af' })]);
    [analyst, reporter, observer] = await Promise.all([tj.as('tj.analyst'), tj.as('tj.reporter'), tj.as('partner.observer')]);
    afAnalyst = await af.as('af.liaison');
  }, 120_000);
  afterAll(async () => {
    await Promise.all([tj?.close(), af?.close()]);
  });

  it('issues a warning as CAP: TLP:CLEAR, owned by the author, touching the border at Khorog; readers get their language', async () => {
    const res = await analyst.post('/api/warnings', KHOROG_FLOOD);
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({ version: 1, marking: { tlp: 'CLEAR' }, ownerState: 'TJ', active: true, crossBorder: true, severity: 'Severe', abilities: { update: true, cancel: true } });
    expect(res.body.cap).toMatchObject({ msgType: 'Alert', status: 'Actual', scope: 'Public', references: [] });
    expect(res.body.cap.identifier).toBe(`urn:sarhad:warning:${res.body.id}:1`);
    expect(res.body.cap.sent).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);

    const fa = await observer.get(`/api/warnings/${res.body.id}?lang=fa`);
    expect(fa.status).toBe(200);
    expect(fa.body.info.headline).toBe('سیلاب در دریای پنج نزدیک خاروغ');
    expect(fa.body.abilities).toEqual({ update: false, cancel: false, report: false });
    // Both banks: Khorog and Shighnan.
    expect(fa.body.affected.sections.map((s: { name: { en: string } }) => s.name.en)).toEqual(expect.arrayContaining(['Rushan – Khorog', 'Khorog – Andarob']));
    const villages = fa.body.affected.communities.map((c: { name: { en: string } }) => c.name.en);
    expect(villages).toEqual(expect.arrayContaining(['Khorog', 'Shighnan']));
    expect(fa.body.affected.units.map((u: { stateCode: string }) => u.stateCode)).toEqual(expect.arrayContaining(['TJ', 'AF']));
    // ps is not given: the first block.
    expect((await observer.get(`/api/warnings/${res.body.id}?lang=ps`)).body.info.language).toBe('en');

    const inland = await analyst.post('/api/warnings', DUSHANBE_STORM);
    expect(inland.body.crossBorder).toBe(false);
  });

  it('exports CAP XML valid against the OASIS schema, over a session or an API token', async () => {
    const w = (await analyst.post('/api/warnings', KHOROG_FLOOD)).body;
    const res = await analyst.get(`/api/warnings/${w.id}/cap`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/cap\+xml/);
    expect(await capSchemaErrors(res.text)).toEqual([]);
    expect(parseCapXml(res.text)).toEqual(w.cap);

    const token = (await reporter.post('/api/me/tokens', { name: 'cap-reader', expiresInDays: 1 })).body.secret as string;
    const machine = Object.assign(tj.anonymous(), { bearer: token });
    expect((await machine.get(`/api/warnings/${w.id}/cap`)).text).toBe(res.text);
    expect((await tj.anonymous().get(`/api/warnings/${w.id}/cap`)).status).toBe(401);
    expect((await Object.assign(tj.anonymous(), { bearer: 'sarhad_not-a-token' }).get('/api/warnings.atom')).status).toBe(401);
  });

  it('update and cancel are new CAP messages that reference the earlier ones; versions are required', async () => {
    const w = (await analyst.post('/api/warnings', KHOROG_FLOOD)).body;
    const change = { info: [{ ...KHOROG_FLOOD.info[0], severity: 'Extreme', headline: 'Panj rising fast' }] };
    expect((await analyst.patch(`/api/warnings/${w.id}`, change)).status).toBe(428);
    expect((await analyst.patch(`/api/warnings/${w.id}`, { ...change, version: 7 })).status).toBe(412);
    expect((await reporter.patch(`/api/warnings/${w.id}`, { ...change, version: 1 })).status).toBe(403);
    expect((await afAnalyst.get(`/api/warnings/${w.id}`)).status).toBe(404); // another node entirely
    const up = await analyst.patch(`/api/warnings/${w.id}`, { ...change, version: 1 });
    expect(up.status, up.text).toBe(200);
    expect(up.body.cap).toMatchObject({ msgType: 'Update', identifier: `urn:sarhad:warning:${w.id}:2`, references: [`${w.cap.sender},${w.cap.identifier},${w.cap.sent}`] });
    expect(up.body.severity).toBe('Extreme');
    expect(up.body.cap.info).toHaveLength(1);

    const cancel = await analyst.request('POST', `/api/warnings/${w.id}/cancel`, { note: 'The river fell back.' }, { headers: { 'if-match': '"2"' } });
    expect(cancel.status, cancel.text).toBe(200);
    expect(cancel.body).toMatchObject({ version: 3, active: false, cancelled: true, cap: { msgType: 'Cancel', note: 'The river fell back.' } });
    expect(cancel.body.cap.references).toHaveLength(2);
    expect(await capSchemaErrors((await analyst.get(`/api/warnings/${w.id}/cap`)).text)).toEqual([]);
    expect((await analyst.post(`/api/warnings/${w.id}/cancel`, { version: 3 })).body.error.code).toBe('CONFLICT');
    const active = (await analyst.get('/api/warnings?active=true')).body.items.map((i: { id: string }) => i.id);
    expect(active).not.toContain(w.id);
    // History: three versions, each audited.
    const audit = await tj.ctx.db.kysely.selectFrom('audit_log').select('action').where('entity_id', '=', w.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['record.create', 'record.update', 'record.update']);
  });

  it('round trip: export → schema → import on the other node → identical CAP content', async () => {
    const w = (await analyst.post('/api/warnings', KHOROG_FLOOD)).body;
    const xml = (await analyst.get(`/api/warnings/${w.id}/cap`)).text;
    expect(await capSchemaErrors(xml)).toEqual([]);
    const imported = await afAnalyst.request('POST', '/api/warnings/import', undefined, CAP(xml));
    expect(imported.status, imported.text).toBe(201);
    expect(imported.body).toMatchObject({ outcome: 'created', origin: 'import', ownerState: 'AF', crossBorder: true });
    expect(imported.body.cap).toEqual(w.cap);
    const again = await afAnalyst.request('POST', '/api/warnings/import', undefined, CAP(xml));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'unchanged', id: imported.body.id, version: 1 });
    const reExported = (await afAnalyst.get(`/api/warnings/${imported.body.id}/cap`)).text;
    expect(reExported).toBe(xml);
    // The same identifier with other content is refused.
    const altered = xml.replace('Panj in flood at Khorog', 'Something else');
    expect((await afAnalyst.request('POST', '/api/warnings/import', undefined, CAP(altered))).body.error.code).toBe('CAP_DUPLICATE');

    // An Update from the source system becomes the next version of the imported warning.
    const up = await analyst.patch(`/api/warnings/${w.id}`, { info: [{ ...KHOROG_FLOOD.info[0], severity: 'Extreme' }], version: 1 });
    const upXml = (await analyst.get(`/api/warnings/${up.body.id}/cap`)).text;
    const next = await afAnalyst.request('POST', '/api/warnings/import', undefined, CAP(upXml));
    expect(next.status, next.text).toBe(200);
    expect(next.body).toMatchObject({ outcome: 'updated', id: imported.body.id, version: 2, severity: 'Extreme' });
  });

  it.each([
    ['missing identifier', (x: string) => x.replace(/<identifier>[^<]*<\/identifier>/, ''), 'CAP_MISSING_FIELD'],
    ['unknown severity', (x: string) => x.replace(/<severity>\w+<\/severity>/, '<severity>Catastrophic</severity>'), 'CAP_INVALID_VALUE'],
    ['unclosed polygon', (x: string) => x.replace('37.55,71.45</polygon>', '37.5,71.45</polygon>'), 'CAP_INVALID_POLYGON'],
    ['polygon of three points', (x: string) => x.replace(/<polygon>[^<]*<\/polygon>/, '<polygon>37,71 38,71 37,71</polygon>'), 'CAP_INVALID_POLYGON'],
    ['latitude out of range', (x: string) => x.replace(/<polygon>[^<]*<\/polygon>/, '<polygon>97,71 38,71 38,72 97,71</polygon>'), 'CAP_INVALID_POLYGON'],
    ['not CAP', () => '<feed xmlns="http://www.w3.org/2005/Atom"/>', 'NOT_CAP'],
    ['hostile XML', (x: string) => x.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "x">]>'), 'XML_FORBIDDEN_CONSTRUCT'],
    ['truncated', (x: string) => x.slice(0, 300), 'MALFORMED_XML'],
  ])('import refuses %s with a stable code and writes nothing', async (_what, spoil, code) => {
    const w = (await analyst.post('/api/warnings', DUSHANBE_STORM)).body;
    const xml = (await analyst.get(`/api/warnings/${w.id}/cap`)).text.replace(w.cap.identifier, `other-${w.id}`);
    const source = code === 'CAP_INVALID_POLYGON' || code === 'XML_FORBIDDEN_CONSTRUCT' ? (await analyst.get(`/api/warnings/${(await analyst.post('/api/warnings', KHOROG_FLOOD)).body.id}/cap`)).text.replace(/<identifier>[^<]*</, `<identifier>x-${w.id}<`) : xml;
    const before = await af.ctx.db.kysely.selectFrom('warnings').select('id').execute();
    const auditBefore = await af.ctx.db.kysely.selectFrom('audit_log').select('seq').execute();
    const res = await afAnalyst.request('POST', '/api/warnings/import', undefined, CAP(spoil(source)));
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(await af.ctx.db.kysely.selectFrom('warnings').select('id').execute()).toHaveLength(before.length);
    expect(await af.ctx.db.kysely.selectFrom('audit_log').select('seq').execute()).toHaveLength(auditBefore.length);
  });

  it('import needs the import role; JSON is not CAP', async () => {
    const w = (await analyst.post('/api/warnings', DUSHANBE_STORM)).body;
    const xml = (await analyst.get(`/api/warnings/${w.id}/cap`)).text;
    expect((await reporter.request('POST', '/api/warnings/import', undefined, CAP(xml))).status).toBe(403);
    expect((await analyst.post('/api/warnings/import', { xml })).body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('Atom feed of active warnings, each linking to its CAP XML; bearer tokens work', async () => {
    const live = (await analyst.post('/api/warnings', KHOROG_FLOOD)).body;
    const gone = (await analyst.post('/api/warnings', DUSHANBE_STORM)).body;
    await analyst.post(`/api/warnings/${gone.id}/cancel`, { version: 1 });
    const token = (await observer.post('/api/me/tokens', { name: 'feed', expiresInDays: 1 })).body.secret as string;
    const res = await Object.assign(tj.anonymous(), { bearer: token }).get('/api/warnings.atom?lang=fa');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    expect(res.text).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(res.text).toContain(`<id>urn:uuid:${live.id}</id>`);
    expect(res.text).not.toContain(`urn:uuid:${gone.id}`);
    expect(res.text).toContain(`<link rel="alternate" type="application/cap+xml" href="${tj.url}/api/warnings/${live.id}/cap"`);
    expect(res.text).toContain('سیلاب در دریای پنج نزدیک خاروغ');
    const href = new RegExp(`href="${tj.url}(/api/warnings/${live.id}/cap)"`).exec(res.text)![1]!;
    const cap = await Object.assign(tj.anonymous(), { bearer: token }).get(href);
    expect(cap.status).toBe(200);
    expect(await capSchemaErrors(cap.text)).toEqual([]);
  });

  it('bad input: polygons that are not rings, severities outside CAP', async () => {
    const bad = (over: object) => analyst.post('/api/warnings', { info: [{ ...KHOROG_FLOOD.info[0], ...over }] });
    expect((await bad({ severity: 'Catastrophic' })).status).toBe(400);
    expect((await bad({ area: [{ areaDesc: 'x', polygon: [[[37, 71], [38, 71], [38, 72], [37, 72]]] }] })).status).toBe(400);
    expect((await bad({ area: [{ areaDesc: 'x', circle: [{ center: [91, 71], radiusKm: 3 }] }] })).status).toBe(400);
    expect((await analyst.post('/api/warnings', { info: [] })).status).toBe(400);
  });
});
