import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';

const name = (en: string) => ({ en, ru: en, tg: en, fa: en, ps: en });

describe.each(await testDialects())('river gauges over HTTP (%s)', { timeout: 120_000 }, (dialect) => {
  let tj: TestNode;
  let analyst: ApiClient;
  let reporter: ApiClient;
  let customs: ApiClient;
  let afLiaison: ApiClient;
  let gaugeId: string;
  const ref = `test-gauge-${Date.now()}`;

  beforeAll(async () => {
    tj = await startTestNode(dialect);
    [analyst, reporter, customs, afLiaison] = await Promise.all([tj.as('tj.analyst'), tj.as('tj.reporter'), tj.as('tj.customs'), tj.as('af.liaison')]);
    const g = await analyst.post('/api/gauges', { ref, name: name('Test gauge Khorog'), river: 'Panj', location: [71.52, 37.49], thresholds: { watchCm: 250, warningCm: 300, dangerCm: 380 } });
    expect(g.status, g.text).toBe(201);
    gaugeId = g.body.id;
    expect(g.body.sectionId).not.toBeNull(); // snapped to the nearest border section
  }, 120_000);
  afterAll(async () => tj?.close());

  const warningsOf = async () => (await tj.ctx.db.kysely.selectFrom('warnings').select(['id', 'gauge_id', 'severity']).where('gauge_id', '=', gaugeId).execute());
  const t = (h: number) => new Date(Date.UTC(2026, 3, 1, h)).toISOString();

  it('a reading above the threshold raises ONE warning, not one per reading; it re-arms once the level falls back', async () => {
    const read = (h: number, levelCm: number) => reporter.post(`/api/gauges/${gaugeId}/readings`, { at: t(h), levelCm });
    expect((await read(0, 240)).body).toMatchObject({ stored: true, warningId: null });
    expect((await read(1, 290)).body.warningId).toBeNull();
    const first = await read(2, 310);
    expect(first.status).toBe(201);
    expect(first.body.warningId).toEqual(expect.any(String));
    for (const [h, cm] of [[3, 330], [4, 395], [5, 350]] as const) expect((await read(h, cm)).body.warningId).toBeNull();
    expect(await warningsOf()).toHaveLength(1);
    const w = await reporter.get(`/api/warnings/${first.body.warningId}?lang=tg`);
    expect(w.body).toMatchObject({ origin: 'gauge', gaugeId, severity: 'Severe', marking: { tlp: 'CLEAR' }, crossBorder: true });
    expect(w.body.cap.info.map((i: { language: string }) => i.language)).toEqual(['en', 'ru', 'tg', 'fa', 'ps']);
    expect(w.body.info.headline).toContain('310 см');
    // Back below the warning level: re-armed; the next crossing (at danger level) raises a second, Extreme one.
    expect((await read(6, 280)).body.warningId).toBeNull();
    const second = await read(7, 400);
    expect(second.body.warningId).toEqual(expect.any(String));
    expect(await warningsOf()).toHaveLength(2);
    expect((await reporter.get(`/api/warnings/${second.body.warningId}`)).body.severity).toBe('Extreme');
    // The same instant again changes nothing; a late reading does not move the alarm.
    expect((await read(7, 400)).body).toMatchObject({ stored: false, warningId: null });
    expect((await reporter.post(`/api/gauges/${gaugeId}/readings`, { at: new Date(Date.UTC(2026, 3, 1, 0, 30)).toISOString(), levelCm: 500 })).body).toMatchObject({ stored: true, warningId: null });
    expect(await warningsOf()).toHaveLength(2);
  });

  it('automatic import with an API token: by ref, in time order, repeats ignored, still once', async () => {
    const g = await analyst.post('/api/gauges', { ref: `${ref}-auto`, name: name('Auto gauge'), river: 'Panj', location: [71.6, 36.72], thresholds: { watchCm: 100, warningCm: 200, dangerCm: 300 } });
    const token = (await reporter.post('/api/me/tokens', { name: 'station', expiresInDays: 30 })).body.secret as string;
    const station = Object.assign(tj.anonymous(), { bearer: token });
    const readings = [[3, 250], [1, 150], [2, 220], [4, 260]].map(([h, cm]) => ({ gauge: `${ref}-auto`, at: t(h!), levelCm: cm }));
    const res = await station.post('/api/gauges/readings/import', { readings });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ stored: 4, ignored: 0 });
    expect(res.body.warnings).toHaveLength(1);
    expect(res.body.items.find((i: { warningId: string | null }) => i.warningId).at).toBe(t(2));
    const again = await station.post('/api/gauges/readings/import', { readings });
    expect(again.body).toMatchObject({ stored: 0, ignored: 4, warnings: [] });
    const chart = await reporter.get(`/api/gauges/${g.body.id}`);
    expect(chart.body.readings.map((r: { levelCm: number }) => r.levelCm)).toEqual([150, 220, 250, 260]);
    expect(chart.body).toMatchObject({ level: 'warning', latest: { levelCm: 260, source: 'automatic' } });
  });

  it('who may report: officers of the gauge state with the role; bad input writes nothing', async () => {
    expect((await customs.post(`/api/gauges/${gaugeId}/readings`, { levelCm: 100 })).status).toBe(403);
    expect((await afLiaison.post(`/api/gauges/${gaugeId}/readings`, { levelCm: 100 })).status).toBe(403);
    expect((await reporter.post('/api/gauges', { name: name('x'), river: 'Panj', location: [71, 37], thresholds: { watchCm: 1, warningCm: 2, dangerCm: 3 } })).status).toBe(403);
    const before = (await reporter.get(`/api/gauges/${gaugeId}/readings`)).body.items.length;
    const bad = await reporter.post('/api/gauges/readings/import', { readings: [{ gauge: ref, at: t(20), levelCm: 10 }, { gauge: 'no-such-gauge', at: t(21), levelCm: 10 }] });
    expect(bad.status).toBe(400);
    expect((await reporter.post(`/api/gauges/${gaugeId}/readings`, { levelCm: 'high' })).status).toBe(400);
    expect((await analyst.post('/api/gauges', { name: name('x'), river: 'Panj', location: [71, 37], thresholds: { watchCm: 5, warningCm: 2, dangerCm: 3 } })).status).toBe(400);
    expect((await reporter.get(`/api/gauges/${gaugeId}/readings`)).body.items.length).toBe(before);
  });

  it('thresholds change with a version', async () => {
    expect((await analyst.patch(`/api/gauges/${gaugeId}`, { thresholds: { watchCm: 260, warningCm: 320, dangerCm: 390 } })).status).toBe(428);
    const ok = await analyst.patch(`/api/gauges/${gaugeId}`, { thresholds: { watchCm: 260, warningCm: 320, dangerCm: 390 }, version: 1 });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.thresholds.warningCm).toBe(320);
    const list = await customs.get('/api/gauges');
    expect(list.body.items.find((g: { id: string }) => g.id === gaugeId)).toMatchObject({ abilities: { update: false, report: false } });
  });
});
