import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';
import type { ApiClient } from '../../testing/api-client.ts';

const jamshed = {
  subject: {
    kind: 'person',
    names: [{ name: 'Ҷамшед Раҳмонов', quality: 'good' }],
    birthDates: [{ kind: 'exact', date: '1984-03-12' }],
    nationalities: ['TJ'],
    documents: ['401234567'],
  },
  reason: 'Wanted for trafficking of heroin across the Panj (case 17/2026)',
  action: 'arrest',
};

describe.each(await testDialects())('alerts and screening over HTTP (%s)', (dialect) => {
  let node: TestNode;
  let analyst: ApiClient;
  let customs: ApiClient;
  let alertId: string;

  beforeAll(async () => {
    node = await startTestNode(dialect);
    analyst = await node.as('tj.analyst');
    customs = await node.as('tj.customs');
    const created = await analyst.post('/api/alerts', jamshed);
    expect(created.status).toBe(201);
    alertId = created.body.id;
    const plate = await analyst.post('/api/alerts', {
      subject: { kind: 'vehicle', plate: '01 ТТ 1234', description: 'white Kamaz truck' },
      reason: 'Vehicle used to carry precursors',
      action: 'discreet_check',
      marking: { tlp: 'AMBER', releasableTo: { states: ['AF'] } },
    });
    expect(plate.status).toBe(201);
  });
  afterAll(async () => node?.close());

  it('an alert is a versioned record with a default AMBER marking', async () => {
    const list = await analyst.get('/api/alerts');
    expect(list.status).toBe(200);
    const alert = list.body.items.find((a: { id: string }) => a.id === alertId);
    expect(alert).toMatchObject({ version: 1, source: 'local', active: true, marking: { tlp: 'AMBER' } });
  });

  it.each([
    ['Russian Cyrillic', 'Джамшед Рахмонов'],
    ['Dari', 'جمشید رحمانوف'],
    ['passport Latin', 'DZHAMSHED RAKHMONOV'],
    ['Latin, -zoda surname, surname first', 'Rahmonzoda Jamshed'],
  ])('finds the alert from a %s spelling', async (_label, name) => {
    const res = await customs.post('/api/screen', { name });
    expect(res.status).toBe(200);
    expect(res.body.hits.map((h: { alertId: string }) => h.alertId)).toContain(alertId);
    const hit = res.body.hits.find((h: { alertId: string }) => h.alertId === alertId);
    expect(hit.alert).toMatchObject({ action: 'arrest', subjectKind: 'person' });
    expect(hit.explanation.parts.length).toBeGreaterThan(0);
  });

  it('does not raise a different person sharing only the given name', async () => {
    const res = await customs.post('/api/screen', { name: 'Jamshed Karimov' });
    expect(res.body.hits.map((h: { alertId: string }) => h.alertId)).not.toContain(alertId);
  });

  it('shows the listed name in the reader script', async () => {
    const res = await customs.request('POST', '/api/screen?locale=en', { name: 'Джамшед Рахмонов' });
    const hit = res.body.hits.find((h: { alertId: string }) => h.alertId === alertId);
    expect(hit.matchedNameInReaderScript).toMatch(/^[A-Za-z' -]+$/);
  });

  it('finds a person alert by its document number alone, after look-alike normalisation', async () => {
    for (const document of ['401234567', '4O1234567', '401-234-567']) {
      const res = await customs.post('/api/screen', { document });
      expect(res.status).toBe(200);
      const hit = res.body.hits.find((h: { alertId: string }) => h.alertId === alertId);
      expect(hit, document).toBeTruthy();
      expect(hit.matchedName).toBe('Ҷамшед Раҳмонов');
      expect(hit.explanation.adjustments[0].kind).toBe('document');
    }
  });

  it('a matching document or birth date raises the score; a conflicting birth date lowers it but keeps a strong match visible', async () => {
    const base = (await customs.post('/api/screen', { name: 'Джамшед Рахмонзода' })).body.hits.find((h: { alertId: string }) => h.alertId === alertId);
    const withDoc = (await customs.post('/api/screen', { name: 'Джамшед Рахмонзода', document: '401234567' })).body.hits.find((h: { alertId: string }) => h.alertId === alertId);
    const withDate = (await customs.post('/api/screen', { name: 'Джамшед Рахмонзода', birthDate: '1984-03-12' })).body.hits.find((h: { alertId: string }) => h.alertId === alertId);
    expect(withDoc.score).toBeGreaterThan(base.score);
    expect(withDate.score).toBeGreaterThan(base.score);
    const conflict = (await customs.post('/api/screen', { name: 'Ҷамшед Раҳмонов', birthDate: '1990' })).body.hits.find((h: { alertId: string }) => h.alertId === alertId);
    expect(conflict).toBeTruthy();
    expect(conflict.score).toBeLessThan(1);
    expect(conflict.explanation.adjustments).toContainEqual(expect.objectContaining({ kind: 'birth-date', detail: 'conflict' }));
  });

  it('the hit card carries the listed person\'s identifiers', async () => {
    const res = await customs.post('/api/screen', { name: 'Ҷамшед Раҳмонов' });
    const hit = res.body.hits.find((h: { alertId: string }) => h.alertId === alertId);
    expect(hit.person).toEqual({ birthDates: [{ kind: 'exact', date: '1984-03-12' }], nationalities: ['TJ'], documents: ['401234567'] });
    expect(hit.alert.ownerState).toBe('TJ');
  });

  it('a surname alone finds its listed person at a lower score', async () => {
    const res = await customs.post('/api/screen', { name: 'Раҳмонов' });
    const hit = res.body.hits.find((h: { alertId: string }) => h.alertId === alertId);
    expect(hit).toBeTruthy();
    expect(hit.score).toBeLessThan(0.8);
  });

  it('matches a vehicle plate written with Cyrillic or Latin look-alike letters', async () => {
    const res = await customs.post('/api/screen', { plate: '01TT1234' });
    expect(res.status).toBe(200);
    expect(res.body.hits).toHaveLength(1);
    expect(res.body.hits[0].alert.subjectKind).toBe('vehicle');
    // Cyrillic ТТ and Latin TT are the same letters once normalised: an exact match, said as a code
    expect(res.body.hits[0].explanation.adjustments).toEqual([{ kind: 'document', detail: 'same-plate', effect: 0 }]);
  });

  it('respects markings: an AF officer sees the plate released to AF but not the TJ-only person alert', async () => {
    const af = await node.as('af.customs');
    const person = await af.post('/api/screen', { name: 'Jamshed Rahmonov' });
    expect(person.body.hits.map((h: { alertId: string }) => h.alertId)).not.toContain(alertId);
    const plate = await af.post('/api/screen', { plate: '01 TT 1234' });
    expect(plate.body.hits).toHaveLength(1);
  });

  it('a false positive for this person and alert is suppressed (still listed) when screened again, and it is audited', async () => {
    // An alert without a birth date: only the officer can tell namesakes apart.
    const created = await analyst.post('/api/alerts', {
      subject: { kind: 'person', names: [{ name: 'Фаррух Шарипов', quality: 'good' }] },
      reason: 'Courier for a smuggling network (case 22/2026)',
      action: 'inform_owner',
    });
    expect(created.status).toBe(201);
    const sharipov = created.body.id as string;
    const officer = await node.as('tj.reporter');
    const ids = (res: { body: { hits: { alertId: string }[] } }) => res.body.hits.map((h) => h.alertId);
    const first = await officer.post('/api/screen', { name: 'Farrukh Sharipov', birthDate: '1990-01-01' });
    expect(ids(first)).toContain(sharipov);
    const decided = await officer.post(`/api/screenings/${first.body.id}/hits/${sharipov}/decision`, { decision: 'false_positive' });
    expect(decided.status).toBe(200);
    const again = await officer.post(`/api/screenings/${first.body.id}/hits/${sharipov}/decision`, { decision: 'confirmed' });
    expect(again.status).toBe(409);
    const second = await officer.post('/api/screen', { name: 'Farrukh Sharipov', birthDate: '1990-01-01' });
    const suppressed = second.body.hits.find((h: { alertId: string }) => h.alertId === sharipov);
    expect(suppressed.suppressed).toEqual({ falsePositiveId: decided.body.suppression.falsePositiveId, expiresAt: decided.body.suppression.expiresAt });
    // Another person with the same name but another birth date is still screened.
    const other = await officer.post('/api/screen', { name: 'Farrukh Sharipov', birthDate: '1975-05-05' });
    expect(other.body.hits.find((h: { alertId: string }) => h.alertId === sharipov).suppressed).toBeNull();
    const audit = await node.ctx.db.kysely.selectFrom('audit_log').select(['action', 'detail_json']).where('action', 'like', 'screening.%').execute();
    expect(audit.map((a) => a.action)).toContain('screening.false_positive');
    expect(audit.map((a) => a.detail_json).join(' ')).not.toMatch(/Farrukh|Sharipov|Шарипов/);
  });

  it('a birth date that contradicts the alert lowers the score to the threshold, with the conflict explained', async () => {
    const res = await customs.post('/api/screen', { name: 'Jamshed Rahmonov', birthDate: '1990-01-01' });
    const conflict = res.body.hits.find((h: { alertId: string }) => h.alertId === alertId);
    expect(conflict.score).toBe(res.body.threshold);
    expect(conflict.explanation.adjustments).toContainEqual(expect.objectContaining({ kind: 'birth-date', detail: 'conflict' }));
    const same = await customs.post('/api/screen', { name: 'Jamshed Rahmonov', birthDate: '1984-03-12' });
    const hit = same.body.hits.find((h: { alertId: string }) => h.alertId === alertId);
    expect(hit.explanation.adjustments).toContainEqual(expect.objectContaining({ kind: 'birth-date', detail: 'exact-date' }));
  });

  it('another unit cannot decide someone else\'s hits', async () => {
    const first = await customs.post('/api/screen', { name: 'Jamshed Rahmonov' });
    const other = await node.as('tj.reporter');
    const res = await other.post(`/api/screenings/${first.body.id}/hits/${alertId}/decision`, { decision: 'confirmed' });
    expect(res.status).toBe(403);
  });

  it('refuses partner observers and bad queries', async () => {
    const partner = await node.as('partner.observer');
    expect((await partner.post('/api/screen', { name: 'Jamshed' })).status).toBe(403);
    expect((await partner.get('/api/alerts')).status).toBe(403);
    expect((await customs.post('/api/alerts', jamshed)).status).toBe(403);
    const empty = await customs.post('/api/screen', {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('VALIDATION_FAILED');
    const extra = await customs.post('/api/screen', { name: 'X', sql: "' OR 1=1 --" });
    expect(extra.status).toBe(400);
    const badAlert = await analyst.post('/api/alerts', { ...jamshed, subject: { kind: 'person', names: [] } });
    expect(badAlert.status).toBe(400);
  });
});
