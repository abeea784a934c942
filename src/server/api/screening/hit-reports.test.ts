import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startPair, type Pair } from '../../testing/federation-pair.ts';

const person = (name: string, document: string) => ({
  subject: { kind: 'person', names: [{ name, quality: 'good' }], birthDates: [{ kind: 'exact', date: '1979-05-02' }], nationalities: ['TJ'], documents: [document] },
  reason: 'Wanted for smuggling of precursors (case 41/2026)',
  action: 'arrest',
  marking: { tlp: 'AMBER', releasableTo: { states: ['AF'] } },
});

const REPORT = { found: 'Traveller and passport as listed; travelling with a second man in a white Kamaz.', action: 'person_held', place: 'Panji Poyon crossing point, AF side' };

/**
 * After a hit, across the river (docs/screening.md "After a hit"): a Tajik alert, screened and
 * hit on the Afghan node; the Afghan officer files a hit report, the Tajik owners see it on their
 * node and answer, the Afghan officer sees the answer. Each side writes only its own records.
 */
describe.each(await testDialects())('hit reports between the alert owner and the screening node (%s)', { timeout: 180_000 }, (dialect) => {
  let pair: Pair;
  let tjAnalyst: ApiClient;
  let tjCustoms: ApiClient;
  let afCustoms: ApiClient;
  let afLiaison: ApiClient;
  let alertId: string;
  let hiddenLaterId: string;
  let screeningId: string;
  let reportId: string;

  const syncAf = async () => expect((await pair.afAdmin.post(`/api/federation/peers/${pair.tjOnAf}/sync`)).status).toBe(200);
  const syncTj = async () => expect((await pair.tjAdmin.post(`/api/federation/peers/${pair.afOnTj}/sync`)).status).toBe(200);
  const screenAndConfirm = async (name: string, id: string) => {
    const s = await afCustoms.post('/api/screen', { name, birthDate: '1979-05-02' });
    expect(s.status, s.text).toBe(200);
    expect(s.body.hits.map((h: { alertId: string }) => h.alertId)).toContain(id);
    return s.body.id as string;
  };

  beforeAll(async () => {
    pair = await startPair(dialect, { agreement: { types: ['alert', 'hit_report'], maxTlp: 'AMBER', personalData: true } });
    [tjAnalyst, tjCustoms, afCustoms, afLiaison] = await Promise.all([pair.tj.as('tj.analyst'), pair.tj.as('tj.customs'), pair.af.as('af.customs'), pair.af.as('af.liaison')]);
    const a = await tjAnalyst.post('/api/alerts', person('Ҷамшед Раҳмонов', 'P7733101'));
    const b = await tjAnalyst.post('/api/alerts', person('Фаррух Саидов', 'P5521907'));
    expect([a.status, b.status]).toEqual([201, 201]);
    [alertId, hiddenLaterId] = [a.body.id, b.body.id];
    await syncAf();
    screeningId = await screenAndConfirm('جمشید رحمانوف', alertId);
  });
  afterAll(async () => pair?.close());

  it('refuses a report on a hit that is not confirmed, then on a missing field, with stable codes', async () => {
    const early = await afCustoms.post(`/api/screenings/${screeningId}/hits/${alertId}/report`, REPORT);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('HIT_NOT_CONFIRMED');
    expect((await afCustoms.post(`/api/screenings/${screeningId}/hits/${alertId}/decision`, { decision: 'confirmed' })).status).toBe(200);
    for (const missing of ['found', 'action', 'place'] as const) {
      const { [missing]: _, ...rest } = REPORT;
      const res = await afCustoms.post(`/api/screenings/${screeningId}/hits/${alertId}/report`, rest);
      expect(res.status, missing).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const blank = await afCustoms.post(`/api/screenings/${screeningId}/hits/${alertId}/report`, { ...REPORT, found: '   ' });
    expect(blank.body.error.code).toBe('VALIDATION_FAILED');
    const future = await afCustoms.post(`/api/screenings/${screeningId}/hits/${alertId}/report`, { ...REPORT, observedAt: '2099-01-01T00:00:00Z' });
    expect(future.body.error.code).toBe('DATE_IN_FUTURE');
  });

  it('refuses a report on an alert the officer can no longer see, and from another desk', async () => {
    const other = await screenAndConfirm('Farrukh Saidov', hiddenLaterId);
    expect((await afCustoms.post(`/api/screenings/${other}/hits/${hiddenLaterId}/decision`, { decision: 'confirmed' })).status).toBe(200);
    // Another desk (AF border guard liaison) may not report on the customs desk's screening.
    const desk = await afLiaison.post(`/api/screenings/${other}/hits/${hiddenLaterId}/report`, REPORT);
    expect(desk.status).toBe(403);
    // The owner narrows the alert to its own state: the Afghan copy is withdrawn.
    const narrowed = await tjAnalyst.patch(`/api/alerts/${hiddenLaterId}`, { marking: { tlp: 'AMBER', releasableTo: { states: [] } }, version: 1 });
    expect(narrowed.status, narrowed.text).toBe(200);
    await syncAf();
    const gone = await afCustoms.post(`/api/screenings/${other}/hits/${hiddenLaterId}/report`, REPORT);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('NOT_FOUND');
    const notAHit = await afCustoms.post(`/api/screenings/${screeningId}/hits/${hiddenLaterId}/report`, REPORT);
    expect(notAHit.status).toBe(404);
  });

  it('the Afghan officer files the report; it is theirs, and only once', async () => {
    const res = await afCustoms.post(`/api/screenings/${screeningId}/hits/${alertId}/report`, REPORT);
    expect(res.status, res.text).toBe(201);
    reportId = res.body.id;
    expect(res.body).toMatchObject({ ownerState: 'AF', local: true, body: { type: 'report', alertId, alertOwnerState: 'TJ', reporterState: 'AF', action: 'person_held', screeningId } });
    const again = await afCustoms.post(`/api/screenings/${screeningId}/hits/${alertId}/report`, REPORT);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('HIT_REPORT_EXISTS');
    // The reporting officer's agency sees it; another Afghan agency does not know it exists.
    expect((await afCustoms.get('/api/hit-reports')).body.items.map((i: { id: string }) => i.id)).toContain(reportId);
    expect((await afLiaison.get('/api/hit-reports')).body.items).toEqual([]);
    expect((await afLiaison.get(`/api/hit-reports/${reportId}`)).status).toBe(404);
    // The screening history shows the confirmed hit and its report, never the traveller.
    const history = await afCustoms.get('/api/screenings?outcome=confirmed');
    expect(history.status, history.text).toBe(200);
    const row = history.body.items.find((i: { id: string }) => i.id === screeningId);
    expect(row).toMatchObject({ hasIdentifiers: true, officer: { username: 'af.customs' } });
    expect(row.hits.find((h: { alertId: string }) => h.alertId === alertId)).toMatchObject({ decision: 'confirmed', hitReportId: reportId });
    expect(history.text).not.toContain('جمشید');
  });

  it('the Tajik owners see on their node where and what was done, and answer it', async () => {
    await syncTj();
    const list = await tjAnalyst.get(`/api/hit-reports?alertId=${alertId}`);
    expect(list.status, list.text).toBe(200);
    const report = list.body.items.find((i: { id: string }) => i.id === reportId);
    expect(report).toMatchObject({ ownerState: 'AF', local: false, abilities: { answer: true }, body: { found: REPORT.found, place: REPORT.place, action: 'person_held' } });
    // Another Tajik agency (customs) is not a side of this exchange.
    expect((await tjCustoms.get(`/api/hit-reports/${reportId}`)).status).toBe(404);
    // The reporter cannot answer its own report, and an answer needs its fields.
    const self = await afCustoms.post(`/api/hit-reports/${reportId}/answers`, { information: 'x', requestedAction: 'none' });
    expect(self.status).toBe(403);
    const incomplete = await tjAnalyst.post(`/api/hit-reports/${reportId}/answers`, { information: 'Hold him.' });
    expect(incomplete.body.error.code).toBe('VALIDATION_FAILED');
    const answer = await tjAnalyst.post(`/api/hit-reports/${reportId}/answers`, { information: 'He is wanted on a Dushanbe court order; the second man may be his brother Farrukh.', requestedAction: 'hold_person' });
    expect(answer.status, answer.text).toBe(201);
    expect(answer.body).toMatchObject({ ownerState: 'TJ', local: true, body: { type: 'answer', reportId, requestedAction: 'hold_person' } });
    // An answer is not itself answered.
    expect((await tjAnalyst.post(`/api/hit-reports/${answer.body.id}/answers`, { information: 'x', requestedAction: 'none' })).status).toBe(403);
    // The received report stays AF's: no one on TJ can write it.
    const row = await pair.tj.ctx.db.kysely.selectFrom('hit_reports').selectAll().where('id', '=', reportId).executeTakeFirstOrThrow();
    expect(row.owner_state).toBe('AF');
    expect(row.owner_node).not.toBe(pair.tj.ctx.node.id);
  });

  it('the Afghan officer sees the answer on the Afghan node', async () => {
    await syncAf();
    const res = await afCustoms.get(`/api/hit-reports/${reportId}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.answers).toHaveLength(1);
    expect(res.body.answers[0]).toMatchObject({ ownerState: 'TJ', local: false, body: { type: 'answer', requestedAction: 'hold_person' } });
    expect(res.body.abilities.answer).toBe(false);
  });

  it('a report on one\'s own alert stays on its node: it is addressed to no peer', async () => {
    const s = await tjCustoms.post('/api/screen', { name: 'Jamshed Rahmonov', birthDate: '1979-05-02' });
    expect(s.body.hits.map((h: { alertId: string }) => h.alertId)).toContain(alertId);
    expect((await tjCustoms.post(`/api/screenings/${s.body.id}/hits/${alertId}/decision`, { decision: 'confirmed' })).status).toBe(200);
    const local = await tjCustoms.post(`/api/screenings/${s.body.id}/hits/${alertId}/report`, { ...REPORT, action: 'entry_refused', place: 'Panji Poyon, TJ side' });
    expect(local.status, local.text).toBe(201);
    // The owning agency (border guard) sees the customs desk's report on its alert.
    expect((await tjAnalyst.get(`/api/hit-reports/${local.body.id}`)).body.abilities.answer).toBe(true);
    await syncAf();
    const onAf = await pair.af.ctx.db.kysely.selectFrom('hit_reports').select('id').where('id', '=', local.body.id).execute();
    expect(onAf).toEqual([]);
  });
});
